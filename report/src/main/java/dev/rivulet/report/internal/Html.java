package dev.rivulet.report.internal;

import java.io.IOException;

/** Text made safe for HTML: user text (task names, errors, parameters) is never markup. */
final class Html {

    private Html() {}

    /** Appends {@code text} escaped for an element's content or a quoted attribute value. */
    static void escape(CharSequence text, Appendable out) throws IOException {
        int length = text.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            String replacement = switch (text.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                out.append(text, plain, i).append(replacement);
                plain = i + 1;
            }
        }
        out.append(text, plain, length);
    }

    /** {@return {@code text} escaped for an element's content or a quoted attribute value} */
    static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        try {
            escape(text, out);
        } catch (IOException e) {
            throw new AssertionError("a StringBuilder does not throw", e);
        }
        return out.toString();
    }
}
