package dev.rivulet.internal.stub;

import dev.rivulet.internal.call.Calls;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.internal.run.Engine;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;

/** The invocation handler behind every stub: turns task and flow calls into runs. */
final class StubHandler implements InvocationHandler {

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final Engine engine;
    private final Class<?> type;
    private final Map<Method, MethodModel> models;
    /**
     * The same models keyed by the very Method objects the proxy passes (it passes the same ones
     * every call), so the common lookup is by identity; filled on first use of each method.
     */
    private volatile IdentityHashMap<Method, MethodModel> byIdentity = new IdentityHashMap<>();

    StubHandler(Engine engine, Class<?> type, Map<Method, MethodModel> models) {
        this.engine = engine;
        this.type = type;
        this.models = models;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        MethodModel model = byIdentity.get(method);
        if (model == null) {
            model = models.get(method);
            if (model != null) {
                IdentityHashMap<Method, MethodModel> grown = new IdentityHashMap<>(byIdentity);
                grown.put(method, model);
                byIdentity = grown;
            }
        }
        if (model == null) {
            return objectMethod(proxy, method, args);
        }
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        return switch (model.kind()) {
            case TASK -> engine.invokeTask(model, proxy, arguments);
            case FLOW -> engine.invokeFlow(model, proxy, arguments);
            case PLAIN -> {
                if (Calls.isPending()) {
                    throw new IllegalArgumentException(model.describe() + " is not a task (it has no @Task annotation); "
                            + "only tasks can be submitted");
                }
                yield model.invokeBody(proxy, arguments);
            }
        };
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "toString" -> "RivuletStub[" + type.getName() + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new IllegalStateException("no handler for " + method);
        };
    }
}
