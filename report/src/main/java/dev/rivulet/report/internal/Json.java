package dev.rivulet.report.internal;

/**
 * JSON written by hand into a {@link StringBuilder}, for the report's data blob, which sits inside
 * a {@code <script>} element: besides what JSON needs escaped, {@code <}, {@code >} and {@code &}
 * are written as {@code \\u} escapes, so that no text (a task named {@code </script>}) ends the
 * element or starts markup, and U+2028 and U+2029 likewise.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {}

    /** Appends {@code text} as a JSON string, or {@code null} if it is null. */
    static StringBuilder string(StringBuilder out, String text) {
        if (text == null) {
            return out.append("null");
        }
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }

    /** Appends {@code "name":}, the name escaped, after a comma unless it is the object's first member. */
    static StringBuilder name(StringBuilder out, String name) {
        if (out.charAt(out.length() - 1) != '{') {
            out.append(',');
        }
        return string(out, name).append(':');
    }
}
