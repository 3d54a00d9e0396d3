package dev.rivulet.internal.option;

import java.util.ArrayList;
import java.util.List;

/** Templates with {@code {placeholders}}: run names ({@code "extract-{day}"}) and storage keys. */
public final class Templates {

    private Templates() {}

    /**
     * Splits a template into literal text and what {@code resolve} makes of each placeholder's
     * name; null when the template has no placeholders.
     */
    public static List<Object> parse(String template, java.util.function.Function<String, Object> resolve) {
        if (template.indexOf('{') < 0) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                parts.add(template.substring(at));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' in name '" + template + "'");
            }
            if (open > at) {
                parts.add(template.substring(at, open));
            }
            parts.add(resolve.apply(template.substring(open + 1, close)));
            at = close + 1;
        }
        return parts;
    }

    /** The index of the parameter a placeholder names, by name or by number. */
    public static int parameterIndex(String template, String placeholder, String[] parameterNames) {
        for (int i = 0; i < parameterNames.length; i++) {
            if (parameterNames[i].equals(placeholder)) {
                return i;
            }
        }
        try {
            int index = Integer.parseInt(placeholder);
            if (index >= 0 && index < parameterNames.length) {
                return index;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("name '" + template + "' has placeholder {" + placeholder
                + "}, which is no parameter; parameters are " + List.of(parameterNames)
                + " (compile with javac -parameters to use their names, or use {0}, {1}, ...)");
    }
}
