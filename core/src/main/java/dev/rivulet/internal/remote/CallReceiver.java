package dev.rivulet.internal.remote;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.RivuletException;
import dev.rivulet.TaskTimeoutException;
import dev.rivulet.internal.attempt.AttemptGuard;
import dev.rivulet.internal.attempt.MdcScope;
import dev.rivulet.internal.model.Invoker;
import dev.rivulet.internal.model.RunNamer;
import dev.rivulet.internal.result.Results;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.runner.RemoteTaskException;
import dev.rivulet.runner.TaskCallReceiver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Carries out calls that a remote runner sent: the task's method is called on a plain proxy of its
 * interface (default bodies run as they are; a sibling task the body calls is a plain call, not a
 * run) or on the implementation the application gives for the interface.
 */
public final class CallReceiver implements TaskCallReceiver {

    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "short", short.class, "char", char.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class);

    private final Results results;
    private final ScheduledExecutorService timer;
    private final Function<Class<?>, Optional<?>> implementations;
    private final ConcurrentHashMap<String, Target> targets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, Optional<?>> implementationByType = new ConcurrentHashMap<>();

    /**
     * @param results the serializers and result stores calls are read and answered with
     * @param timer ends bodies that outlive their call's timeout
     * @param implementations the object that carries out an interface's abstract methods, if any
     */
    public CallReceiver(Results results, ScheduledExecutorService timer, Function<Class<?>, Optional<?>> implementations) {
        this.results = results;
        this.timer = timer;
        this.implementations = implementations;
    }

    /** The method to call, on what, and its parameters' names for messages. */
    private record Target(Method method, Invoker invoker, Object receiver, String[] parameterNames) {}

    @Override
    public byte[] receive(byte[] encodedCall) {
        EncodedCall call;
        try {
            call = EncodedCall.decode(encodedCall);
        } catch (IOException | RuntimeException e) {
            return Outcomes.failure(new RemoteTaskException("cannot read a task call: " + e.getMessage()));
        }
        MdcScope mdc = MdcScope.open(call.flowRunId(), call.taskRunId(), call.taskName());
        try {
            Target target = target(call);
            Serializer serializer = serializer(call);
            Object[] arguments = arguments(call, target, serializer);
            Object value = invoke(call, target, arguments);
            Type type = target.method.getGenericReturnType();
            try {
                return Outcomes.value(value, type, serializer);
            } catch (IOException | RuntimeException e) {
                String valueType = value == null ? "null" : value.getClass().getName();
                return Outcomes.failure(new SerializationException("task run '" + call.taskRunName() + "' returned a " + valueType
                        + " that serializer '" + serializer.name() + "' cannot write as " + type.getTypeName()
                        + " to send it back: " + e.getMessage() + ". Return a value that serializer can write, or choose another with "
                        + "@Task(serializer = ...)", e));
            }
        } catch (Throwable t) {
            return Outcomes.failure(t);
        } finally {
            mdc.close();
        }
    }

    private Object invoke(EncodedCall call, Target target, Object[] arguments) throws Throwable {
        AttemptGuard guard = new AttemptGuard(Thread.currentThread());
        if (call.timeoutNanos() >= 0) {
            guard.deadline(timer, call.timeoutNanos());
        }
        Throwable failure;
        try {
            Object value = target.invoker.invoke(target.receiver, arguments);
            if (guard.end() == null) {
                return value;
            }
            failure = null;
        } catch (Throwable t) {
            if (guard.end() == null) {
                throw t;
            }
            failure = t;
        }
        TaskTimeoutException timedOut = new TaskTimeoutException(call.taskRunName(), Duration.ofNanos(call.timeoutNanos()));
        if (failure != null) {
            timedOut.addSuppressed(failure);
        }
        throw timedOut;
    }

    private Serializer serializer(EncodedCall call) {
        try {
            return results.serializer(call.serializer());
        } catch (InvalidDefinitionException e) {
            throw new RemoteTaskException("task run '" + call.taskRunName() + "' was sent with serializer '" + call.serializer()
                    + "', which this JVM does not have: " + e.getMessage() + ". Give it the same serializers as the sender "
                    + "(on its class path, or registered by its configuration)");
        }
    }

    private Object[] arguments(EncodedCall call, Target target, Serializer serializer) {
        Type[] types = target.method.getGenericParameterTypes();
        Object[] encoded = call.arguments();
        Object[] arguments = new Object[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            String parameter = target.parameterNames[i];
            if (encoded[i] instanceof StoredArgument stored) {
                arguments[i] = stored(call, parameter, stored, types[i]);
                continue;
            }
            Type readAs = types[i];
            try {
                String sentAs = call.argumentClasses()[i];
                readAs = sentAs == null ? types[i] : Class.forName(sentAs, false, loader());
                arguments[i] = serializer.read(new ByteArrayInputStream((byte[]) encoded[i]), readAs);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                throw new SerializationException("task run '" + call.taskRunName() + "': argument '" + parameter + "' cannot be read here as "
                        + readAs.getTypeName() + " with serializer '" + serializer.name() + "': " + e, e);
            }
        }
        return arguments;
    }

    private Object stored(EncodedCall call, String parameter, StoredArgument stored, Type type) {
        String where = "task run '" + call.taskRunName() + "': argument '" + parameter + "' was left in result store '" + stored.store()
                + "' under key " + stored.record().key() + " by its upstream run";
        try {
            results.checkStore(stored.store(), where);
        } catch (InvalidDefinitionException e) {
            throw new RemoteTaskException(e.getMessage() + ". Give this JVM the same result stores as the sender, through its configuration");
        }
        Class<?> written = null;
        try {
            written = Class.forName(stored.record().javaType(), false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Not a class here ("null", or one this JVM lacks): the parameter's type is all there is.
        }
        try {
            return results.load(stored.store(), stored.record(), WireTypes.typeToRead(type, written));
        } catch (SerializationException e) {
            throw e;
        } catch (RivuletException e) {
            throw new RemoteTaskException(where + ", and cannot be read here: " + e.getMessage()
                    + ". The store must be one that every JVM of the cluster reads (S3, or a directory they share)");
        }
    }

    private Target target(EncodedCall call) {
        String id = call.interfaceName() + "#" + call.methodName() + String.join(",", call.parameterTypes()) + (call.implemented() ? "!" : "");
        Target target = targets.get(id);
        if (target == null) {
            target = resolve(call);
            targets.putIfAbsent(id, target);
        }
        return target;
    }

    private Target resolve(EncodedCall call) {
        ClassLoader loader = loader();
        Class<?> type;
        Method method;
        try {
            type = Class.forName(call.interfaceName(), false, loader);
            Class<?>[] parameters = new Class<?>[call.parameterTypes().length];
            for (int i = 0; i < parameters.length; i++) {
                Class<?> primitive = PRIMITIVES.get(call.parameterTypes()[i]);
                parameters[i] = primitive != null ? primitive : Class.forName(call.parameterTypes()[i], false, loader);
            }
            method = type.getMethod(call.methodName(), parameters);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            throw new RemoteTaskException("task run '" + call.taskRunName() + "' calls " + call.interfaceName() + "." + call.methodName()
                    + ", which is not on this JVM's class path (" + e + "). Start it with the application's classes, the same version as the sender's");
        }
        Object implementation = implementationOf(type).orElse(null);
        String[] names = RunNamer.parameterNames(method);
        if (call.implemented()) {
            if (implementation == null) {
                throw new RemoteTaskException("task run '" + call.taskRunName() + "' is carried out by an implementation of "
                        + type.getName() + ", and this JVM has none: its configuration must give one (RivuletConfiguration.implementation)");
            }
            return new Target(method, Invoker.implementation(method, implementation), null, names);
        }
        return new Target(method, Invoker.defaultMethod(method), plainProxy(type, implementation), names);
    }

    private Optional<?> implementationOf(Class<?> type) {
        return implementationByType.computeIfAbsent(type, t -> {
            Optional<?> found = implementations.apply(t);
            if (found.isPresent() && !t.isInstance(found.get())) {
                throw new RemoteTaskException("the implementation given for " + t.getName() + " is a " + found.get().getClass().getName()
                        + ", which does not implement it");
            }
            return found;
        });
    }

    /** {@code this} for default bodies: calls go to the implementation if there is one, else to the default bodies as they are. */
    private static Object plainProxy(Class<?> type, Object implementation) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "remote " + type.getName();
                };
            }
            if (implementation != null) {
                try {
                    return method.invoke(implementation, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new RemoteTaskException(type.getName() + "." + method.getName() + " is abstract and this JVM has no implementation of "
                    + type.getName() + ": its configuration must give one (RivuletConfiguration.implementation)");
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CallReceiver.class.getClassLoader();
    }
}
