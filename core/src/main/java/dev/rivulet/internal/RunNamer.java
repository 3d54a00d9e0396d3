package dev.rivulet.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Names runs from a name that may hold placeholders: {@code "extract-{file}"} or {@code
 * "extract-{0}"}. A name without placeholders names its runs {@code name-n}.
 */
final class RunNamer {

    private final String template;
    /** Literal text and parameter indexes, alternating; null when the name has no placeholders. */
    private final List<Object> parts;

    RunNamer(String template, String[] parameterNames) {
        this.template = template;
        this.parts = parse(template, placeholder -> parameterIndex(template, placeholder, parameterNames));
    }

    static String[] parameterNames(Method method) {
        Parameter[] parameters = method.getParameters();
        String[] names = new String[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            names[i] = parameters[i].getName();
        }
        return names;
    }

    /** The name as written, placeholders unfilled: the task's or flow's name. */
    String template() {
        return template;
    }

    /** The run name for a call with {@code args} that is the {@code n}-th run of this name. */
    String name(Object[] args, long n) {
        if (parts == null) {
            return template + "-" + n;
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Integer index) {
                out.append(display(args[index]));
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    /** A future shows as its value once done, else as the name of the run that will give it. */
    private static Object display(Object arg) {
        if (arg instanceof FutureHandle handle) {
            TaskRunImpl upstream = handle.source();
            return upstream.state().hasValue() && !upstream.valueDropped() ? handle.value() : upstream.name();
        }
        return arg;
    }

    /**
     * Splits a template into literal text and what {@code resolve} makes of each placeholder's
     * name; null when the template has no placeholders.
     */
    static List<Object> parse(String template, java.util.function.Function<String, Object> resolve) {
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
    static int parameterIndex(String template, String placeholder, String[] parameterNames) {
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
