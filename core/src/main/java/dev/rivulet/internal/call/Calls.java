package dev.rivulet.internal.call;

import dev.rivulet.FlowOptions;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskOptions;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.internal.access.Lookups;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.internal.model.RunNamer;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How {@code Tasks.submit} and {@code TaskCall.call} reach a task given as a method reference: they
 * leave a request in a thread local and call the reference; the stub's handler, entered through
 * it, takes the request and submits (or runs) the task with the request's options. The reference's
 * own arguments stand for the task's, except where futures are passed in place of values: then the
 * request carries the real arguments and the reference is called with placeholders.
 */
public final class Calls {

    public enum Mode { SUBMIT, CALL, CALL_FLOW }

    /** A pending submission or call, taken by the first task call the reference makes. */
    public static final class Request {
        private final Mode mode;
        private final TaskOptions options;
        private final FlowOptions flowOptions;
        private final FlowRunRecord resumes;
        private final List<TaskFuture<?>> waitFor;
        private final Object[] arguments;
        boolean taken;
        private Object submitted;

        Request(Mode mode, TaskOptions options, FlowOptions flowOptions, List<TaskFuture<?>> waitFor, Object[] arguments) {
            this(mode, options, flowOptions, null, waitFor, arguments);
        }

        Request(Mode mode, TaskOptions options, FlowOptions flowOptions, FlowRunRecord resumes, List<TaskFuture<?>> waitFor,
                Object[] arguments) {
            this.resumes = resumes;
            this.mode = mode;
            this.options = options;
            this.flowOptions = flowOptions;
            this.waitFor = waitFor;
            this.arguments = arguments;
        }

        public Mode mode() {
            return mode;
        }

        /** The options given for this call of a task; null for none. */
        public TaskOptions options() {
            return options;
        }

        /** The options given for this call of a flow. */
        public FlowOptions flowOptions() {
            return flowOptions;
        }

        /** The flow run a call of a flow resumes; null for none. */
        public FlowRunRecord resumes() {
            return resumes;
        }

        /** The futures a submitted task waits for besides its arguments. */
        public List<TaskFuture<?>> waitFor() {
            return waitFor;
        }

        /** Hands the future of the submitted run back to the code that called {@code submit}. */
        public void submitted(Object future) {
            this.submitted = future;
        }

        /** The task's real arguments: the request's own, if it carries them, else what the proxy got. */
        public Object[] arguments(Object[] proxyArguments, MethodModel model) {
            if (arguments == null) {
                return proxyArguments;
            }
            if (arguments.length != proxyArguments.length) {
                throw new IllegalArgumentException("submit was given " + arguments.length + " argument(s) for task "
                        + model.describe() + ", which takes " + proxyArguments.length
                        + "; pass a method reference such as this::" + model.method().getName());
            }
            return arguments;
        }
    }

    private static final ThreadLocal<Request> PENDING = new ThreadLocal<>();

    /**
     * For method references that cannot take null where a future stands (a primitive parameter),
     * the values to pass instead, by the reference's class: learned on the first submission.
     */
    private static final ClassValue<AtomicReference<Object[]>> PLACEHOLDERS = new ClassValue<>() {
        @Override
        protected AtomicReference<Object[]> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    /** Calls a method reference for {@link #submit}. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    /** Calls a method reference for {@link #call} and returns its value. */
    @FunctionalInterface
    public interface CallProbe<R> {
        R get() throws Exception;
    }

    private Calls() {}

    /** The pending request, now taken; null if there is none. */
    public static Request take() {
        Request request = PENDING.get();
        if (request == null) {
            return null;
        }
        PENDING.set(null);
        request.taken = true;
        return request;
    }

    public static boolean isPending() {
        return PENDING.get() != null;
    }

    /**
     * Submits the task that {@code reference} refers to, with futures among its arguments.
     *
     * @param arguments the arguments, futures included
     * @param probe calls the reference with the values, and a placeholder where a future stands
     */
    public static <R> TaskFuture<R> submit(TaskOptions options, List<TaskFuture<?>> waitFor, Serializable reference,
                                           Object[] arguments, Probe probe) {
        return submit(options, waitFor, reference, arguments, true, probe);
    }

    /**
     * Submits the task that {@code reference} refers to, with these values as its arguments.
     *
     * @param values what {@code probe} passes to the reference, to name one it cannot pass; null for none
     */
    public static <R> TaskFuture<R> submitValues(TaskOptions options, List<TaskFuture<?>> waitFor, Serializable reference,
                                                 Object[] values, Probe probe) {
        return submit(options, waitFor, reference, values, false, probe);
    }

    @SuppressWarnings("unchecked")
    private static <R> TaskFuture<R> submit(TaskOptions options, List<TaskFuture<?>> waitFor, Serializable reference,
                                            Object[] arguments, boolean placeholders, Probe probe) {
        Objects.requireNonNull(reference, "task");
        Request request = new Request(Mode.SUBMIT, options, null, waitFor, placeholders ? arguments : null);
        Request previous = PENDING.get();
        PENDING.set(request);
        try {
            probe.run();
        } catch (Exception e) {
            if (request.taken) {
                throw sneaky(e);
            }
            rejectNullForPrimitive(e, reference, arguments);
            if (!placeholders) {
                throw sneaky(e);
            }
            // The reference could not be called with placeholders (a primitive parameter, say):
            // find its method and call it through the stub directly.
            PENDING.set(request);
            callThroughSerializedForm(reference);
        } finally {
            restore(previous);
        }
        if (!request.taken) {
            throw notATask("submit", reference);
        }
        return (TaskFuture<R>) request.submitted;
    }

    /** Runs the task that {@code call} calls, in this thread, with these options. */
    public static <R> R call(TaskOptions options, List<TaskFuture<?>> waitFor, Serializable reference, Object[] values,
                             CallProbe<R> call) {
        Objects.requireNonNull(reference, "task");
        Request request = new Request(Mode.CALL, options, null, waitFor, null);
        R result = capture(request, reference, values, call);
        if (!request.taken) {
            throw notATask("call", reference);
        }
        return result;
    }

    /** Runs the flow that {@code call} calls, in this thread, with these options, resuming {@code resumes} if not null. */
    public static <R> R callFlow(FlowOptions options, FlowRunRecord resumes, Serializable reference, Object[] values, CallProbe<R> call) {
        Objects.requireNonNull(reference, "flow");
        Request request = new Request(Mode.CALL_FLOW, null, options, resumes, List.of(), null);
        R result = capture(request, reference, values, call);
        if (!request.taken) {
            throw new IllegalArgumentException("Flows.call takes a method reference to a @Flow method of a Rivulet stub, such as "
                    + "call(etl::daily, day), but " + reference + " made no flow call");
        }
        return result;
    }

    /** Makes {@code request} the thread's pending one while {@code call} runs, and what it was after. */
    private static <R> R capture(Request request, Serializable reference, Object[] values, CallProbe<R> call) {
        Request previous = PENDING.get();
        PENDING.set(request);
        try {
            return call.get();
        } catch (Exception e) {
            if (!request.taken) {
                rejectNullForPrimitive(e, reference, values);
            }
            throw sneaky(e);
        } finally {
            restore(previous);
        }
    }

    /** Throws a checked exception of the task unchanged, as the task's own call would. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    private static void restore(Request previous) {
        if (previous == null) {
            PENDING.set(null);
        } else {
            PENDING.set(previous);
        }
    }

    /**
     * What a submission passes to a method reference in the place of a future argument: null, or
     * a zero of the parameter's primitive type once that is known.
     */
    @SuppressWarnings("unchecked")
    public static <T> T placeholder(Serializable reference, int position) {
        Object[] known = PLACEHOLDERS.get(reference.getClass()).get();
        return known == null ? null : (T) known[position];
    }

    private static IllegalArgumentException notATask(String verb, Serializable reference) {
        return new IllegalArgumentException(verb + " takes a method reference to a @Task method of a Rivulet stub, such as "
                + verb + "(this::extract, file), but " + reference + " made no task call");
    }

    private static void callThroughSerializedForm(Serializable reference) {
        StubMethod target = stubMethod(reference);
        try {
            Object[] placeholders = placeholders(target.method());
            PLACEHOLDERS.get(reference.getClass()).set(placeholders);
            target.method().invoke(target.stub(), placeholders);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * When {@code failure} is the reference failing to unbox a null among {@code values}, throws a
     * {@code NullPointerException} that names the parameter; otherwise returns.
     */
    private static void rejectNullForPrimitive(Exception failure, Serializable reference, Object[] values) {
        if (!(failure instanceof NullPointerException) || values == null) {
            return;
        }
        Method method;
        try {
            method = stubMethod(reference).method();
        } catch (IllegalArgumentException notAStubMethod) {
            return;
        }
        Class<?>[] types = method.getParameterTypes();
        String[] names = RunNamer.parameterNames(method);
        for (int i = 0; i < types.length && i < values.length; i++) {
            if (values[i] == null && types[i].isPrimitive()) {
                throw new NullPointerException(MethodModel.describeParameter(method, names, i)
                        + " cannot take null; pass a value, or declare the parameter " + MethodModel.boxed(types[i]));
            }
        }
    }

    /** A method reference's target: the stub it is bound to and the interface method it calls. */
    private record StubMethod(Object stub, Method method) {}

    private static StubMethod stubMethod(Serializable reference) {
        SerializedLambda lambda;
        try {
            Method writeReplace = reference.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            lambda = (SerializedLambda) writeReplace.invoke(reference);
        } catch (InaccessibleObjectException e) {
            throw new IllegalArgumentException("submit with futures reads the method reference it is given, and module "
                    + reference.getClass().getModule().getName() + " does not allow it: " + Lookups.openHint(reference.getClass()), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("submit could not trace " + reference + " to a task method; pass a method reference such as this::extract", e);
        }
        if (lambda.getCapturedArgCount() != 1 || !Proxy.isProxyClass(lambda.getCapturedArg(0).getClass())) {
            throw new IllegalArgumentException("submit with futures takes a method reference bound to a stub, such as this::"
                    + lambda.getImplMethodName() + ", not a lambda");
        }
        Object stub = lambda.getCapturedArg(0);
        for (Class<?> type : stub.getClass().getInterfaces()) {
            for (Method method : type.getMethods()) {
                if (method.getName().equals(lambda.getImplMethodName())
                        && descriptor(method).equals(lambda.getImplMethodSignature())) {
                    return new StubMethod(stub, method);
                }
            }
        }
        throw new IllegalArgumentException("submit could not find task method " + lambda.getImplMethodName() + " on " + stub);
    }

    private static Object[] placeholders(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i].isPrimitive()) {
                values[i] = java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(types[i], 1), 0);
            }
        }
        return values;
    }

    private static String descriptor(Method method) {
        return java.lang.invoke.MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
    }
}
