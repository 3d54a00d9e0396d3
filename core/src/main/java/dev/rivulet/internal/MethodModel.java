package dev.rivulet.internal;

import dev.rivulet.FlowOptions;
import dev.rivulet.TaskOptions;
import java.lang.reflect.Method;
import java.util.Map;

/** What the stub knows about one interface method: its kind, name, options and how to call its body. */
final class MethodModel {

    enum Kind { TASK, FLOW, PLAIN }

    private static final Map<Class<?>, Object> PRIMITIVE_DEFAULTS = Map.of(
            boolean.class, false, byte.class, (byte) 0, short.class, (short) 0, char.class, (char) 0,
            int.class, 0, long.class, 0L, float.class, 0f, double.class, 0d);

    final Method method;
    /** The method whose code a call runs: {@link #method} itself, or the implementation's. */
    final Method body;
    final Kind kind;
    final String name;
    final RunNamer namer;
    final String[] parameterNames;
    final TaskOptions taskOptions;
    final FlowOptions flowOptions;
    final Invoker invoker;
    /** What the proxy returns when a call is only a submission: null, or zero for primitives. */
    final Object placeholderResult;
    /** How a task's results are persisted and cached under its annotation's options; null when they are not. */
    ResultPolicy resultPolicy;

    MethodModel(Method method, Method body, Kind kind, String name, TaskOptions taskOptions, FlowOptions flowOptions, Invoker invoker) {
        this.method = method;
        this.body = body;
        this.kind = kind;
        this.name = name;
        this.parameterNames = RunNamer.parameterNames(method);
        this.namer = new RunNamer(name, parameterNames);
        this.taskOptions = taskOptions;
        this.flowOptions = flowOptions;
        this.invoker = invoker;
        this.placeholderResult = PRIMITIVE_DEFAULTS.get(method.getReturnType());
    }

    /** {@code Type.method}, for messages. */
    String describe() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
