package dev.rivulet.internal.model;

import dev.rivulet.FlowOptions;
import dev.rivulet.TaskOptions;
import dev.rivulet.extension.TaskBody;
import dev.rivulet.internal.cache.BytecodeHash;
import dev.rivulet.internal.graph.FutureHandle;
import dev.rivulet.internal.result.ResultPolicy;
import dev.rivulet.internal.result.ResultTask;
import dev.rivulet.internal.result.Results;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;

/** What the stub knows about one interface method: its kind, name, options and how to call its body. */
public final class MethodModel implements ResultTask {

    public enum Kind { TASK, FLOW, PLAIN }

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
    /** What runs in place of the body for a task of a {@link dev.rivulet.extension.TaskType}; null for others. */
    TaskBody typeBody;
    /** What was last derived for other options (a call's own, a flow's defaults), by the identity of those options. */
    private volatile Derived derived;
    /** The hash of {@link #body}'s code, once taken; see {@link #sourceHash()}. */
    private volatile String sourceHash;

    /**
     * What a run of this task takes from options other than the annotation's: those of its call
     * ({@code Tasks.with}, null for none) and its flow's task defaults (null for none).
     *
     * @param callOptions the call's options on top of the annotation's: they name the run
     * @param options     {@code callOptions} on top of the flow's task defaults: the run's options
     * @param policy      the result policy of {@code options}
     */
    public record Derived(TaskOptions requestOptions, TaskOptions flowDefaults, TaskOptions callOptions, TaskOptions options,
                          ResultPolicy policy) {}

    /** A task's model; its result policy is resolved here, against {@code results}. */
    public static MethodModel task(Method method, Method body, TaskOptions options, Invoker invoker, Results results) {
        MethodModel model = new MethodModel(method, body, Kind.TASK, options.name().orElse(method.getName()), options, null, invoker);
        model.resultPolicy = ResultPolicy.of(results, model, options);
        return model;
    }

    /** The model of a task of a {@link dev.rivulet.extension.TaskType}, whose runs call {@code typeBody}. */
    public static MethodModel typedTask(Method method, Method body, TaskOptions options, TaskBody typeBody, Invoker invoker, Results results) {
        MethodModel model = task(method, body, options, invoker, results);
        model.typeBody = typeBody;
        return model;
    }

    public static MethodModel flow(Method method, Method body, FlowOptions options, Invoker invoker) {
        return new MethodModel(method, body, Kind.FLOW, options.name().orElse(method.getName()), null, options, invoker);
    }

    /** A method without {@code @Task} or {@code @Flow}: the stub runs it as it is. */
    public static MethodModel plain(Method method, Method body, Invoker invoker) {
        return new MethodModel(method, body, Kind.PLAIN, method.getName(), null, null, invoker);
    }

    private MethodModel(Method method, Method body, Kind kind, String name, TaskOptions taskOptions, FlowOptions flowOptions, Invoker invoker) {
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

    /**
     * The options and result policy of a run whose call gave {@code requestOptions} (null for none)
     * in a flow with task defaults {@code flowDefaults} (null for none): merged once for the same
     * options, which a flow's calls and a reused {@code Tasks.with} share, rather than on every run.
     */
    public Derived derived(Results results, TaskOptions requestOptions, TaskOptions flowDefaults) {
        Derived last = derived;
        if (last != null && last.requestOptions() == requestOptions && last.flowDefaults() == flowDefaults) {
            return last;
        }
        TaskOptions callOptions = requestOptions == null ? taskOptions : requestOptions.withDefaults(taskOptions);
        TaskOptions options = flowDefaults == null ? callOptions : callOptions.withDefaults(flowDefaults);
        Derived made = new Derived(requestOptions, flowDefaults, callOptions, options, ResultPolicy.of(results, this, options));
        derived = made;
        return made;
    }

    public TaskOptions taskOptions() {
        return taskOptions;
    }

    public FlowOptions flowOptions() {
        return flowOptions;
    }

    /** How runs of this method are named. */
    public RunNamer namer() {
        return namer;
    }

    /** What the proxy returns when a call is only a submission: null, or zero for primitives. */
    public Object placeholderResult() {
        return placeholderResult;
    }

    /** How a task's results are persisted and cached under its annotation's options; null when they are not. */
    public ResultPolicy resultPolicy() {
        return resultPolicy;
    }

    /** What a task type runs in place of the body; null unless the task is of a {@link dev.rivulet.extension.TaskType}. */
    public TaskBody typeBody() {
        return typeBody;
    }

    public Kind kind() {
        return kind;
    }

    /** Runs the method's body as it is, with {@code proxy} as {@code this}. */
    public Object invokeBody(Object proxy, Object[] args) throws Throwable {
        return invoker.invoke(proxy, args);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public Method body() {
        return body;
    }

    @Override
    public String[] parameterNames() {
        return parameterNames;
    }

    /** The hash of the code a call runs, for cache policy {@code TASK_SOURCE}: read and hashed once. */
    @Override
    public String sourceHash() {
        String hash = sourceHash;
        if (hash == null) {
            hash = BytecodeHash.of(body);
            sourceHash = hash;
        }
        return hash;
    }

    /** {@code Type.method}, for messages. */
    @Override
    public String describe() {
        return describe(method);
    }

    public static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    /** {@code parameter 'x' (int) of Type.method}, for messages. */
    public static String describeParameter(Method method, String[] names, int index) {
        return "parameter '" + names[index] + "' (" + method.getParameterTypes()[index].getName() + ") of " + describe(method);
    }

    /** The class that boxes a primitive type, for messages that suggest it. */
    public static String boxed(Class<?> primitive) {
        return MethodType.methodType(primitive).wrap().returnType().getSimpleName();
    }

    /**
     * Rejects {@code Tasks.allowFailure(future)} given for a primitive parameter: a failed upstream
     * would pass it null.
     */
    public void rejectAllowedFailureOfPrimitives(Object[] args) {
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length && i < types.length; i++) {
            if (types[i].isPrimitive() && args[i] instanceof FutureHandle handle && handle.allowsFailure()) {
                throw new IllegalArgumentException("allowFailure(...) cannot feed " + describeParameter(method, parameterNames, i)
                        + ": it passes null when the upstream fails; declare the parameter " + boxed(types[i])
                        + ", or take an Outcome<" + boxed(types[i]) + "> through Tasks.outcome(future)");
            }
        }
    }
}
