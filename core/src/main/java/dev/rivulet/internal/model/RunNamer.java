package dev.rivulet.internal.model;

import dev.rivulet.internal.graph.FutureHandle;
import dev.rivulet.internal.graph.RunNode;
import dev.rivulet.internal.option.Templates;
import dev.rivulet.param.Param;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;

/**
 * Names runs from a name that may hold placeholders: {@code "extract-{file}"} or {@code
 * "extract-{0}"}. A name without placeholders names its runs {@code name-n}.
 */
public final class RunNamer {

    private final String template;
    /** Literal text and parameter indexes, alternating; null when the name has no placeholders. */
    private final List<Object> parts;

    public RunNamer(String template, String[] parameterNames) {
        this.template = template;
        this.parts = Templates.parse(template, placeholder -> Templates.parameterIndex(template, placeholder, parameterNames));
    }

    public static String[] parameterNames(Method method) {
        Parameter[] parameters = method.getParameters();
        String[] names = new String[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Param param = parameters[i].getAnnotation(Param.class);
            names[i] = param != null && !param.value().isBlank() ? param.value().strip() : parameters[i].getName();
        }
        return names;
    }

    /** The name as written, placeholders unfilled: the task's or flow's name. */
    public String template() {
        return template;
    }

    /** The run name for a call with {@code args} that is the {@code n}-th run of this name. */
    public String name(Object[] args, long n) {
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
            RunNode upstream = handle.source();
            return upstream.state().hasValue() && !upstream.valueDropped() ? handle.value() : upstream.name();
        }
        return arg;
    }
}
