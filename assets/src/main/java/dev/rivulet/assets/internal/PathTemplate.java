package dev.rivulet.assets.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A path or name with {@code {parameter}} (or {@code {0}}) placeholders, filled from a call's
 * arguments. Paths are checked to stay under the artifacts root, before and after filling.
 */
final class PathTemplate {

    private final String template;
    /** Literal text and parameter indexes, alternating. */
    private final List<Object> parts = new ArrayList<>();

    /**
     * @throws IllegalArgumentException if a placeholder names no parameter, or a brace is unmatched
     */
    PathTemplate(String template, List<String> parameterNames, String what) {
        this.template = template;
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            int close = template.indexOf('}', at);
            if (open < 0) {
                if (close >= 0) {
                    throw new IllegalArgumentException(what + " '" + template + "' has a '}' without its '{'");
                }
                parts.add(template.substring(at));
                break;
            }
            close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException(what + " '" + template + "' has a '{' without its '}'");
            }
            parts.add(template.substring(at, open));
            parts.add(parameterIndex(template.substring(open + 1, close).strip(), parameterNames, what));
            at = close + 1;
        }
    }

    private int parameterIndex(String placeholder, List<String> parameterNames, String what) {
        int index = parameterNames.indexOf(placeholder);
        if (index < 0 && placeholder.matches("\\d{1,3}")) {
            index = Integer.parseInt(placeholder);
        }
        if (index < 0 || index >= parameterNames.size()) {
            throw new IllegalArgumentException(what + " '" + template + "' names no parameter '" + placeholder + "'; the parameters are "
                    + parameterNames + " (compile with -parameters, or name them with @Param, to use their names)");
        }
        return index;
    }

    String template() {
        return template;
    }

    String fill(List<Object> arguments) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part instanceof Integer index ? String.valueOf(arguments.get(index)) : part);
        }
        return out.toString();
    }

}
