package dev.rivulet.internal.model;

import dev.rivulet.internal.access.Lookups;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Calls the body of a stub method: an interface default method on the proxy itself (so that calls
 * to sibling tasks through {@code this} are intercepted), or the method of an implementation.
 *
 * <p>Method handles are looked up once per method, with private access where the interface's module
 * allows it (any class on the class path); otherwise reflection is the fallback.
 */
public abstract sealed class Invoker {

    /** Calls the body with {@code args} (never null) and returns its result, {@code null} for void. */
    public abstract Object invoke(Object proxy, Object[] args) throws Throwable;

    public static Invoker defaultMethod(Method method) {
        MethodHandle handle = handle(method, true);
        return handle != null ? new Handle(handle, null) : new ReflectiveDefault(method);
    }

    public static Invoker implementation(Method method, Object implementation) {
        MethodHandle handle = handle(method, false);
        return handle != null ? new Handle(handle, implementation) : new ReflectiveImplementation(method, implementation);
    }

    private static MethodHandle handle(Method method, boolean special) {
        Class<?> declaring = method.getDeclaringClass();
        try {
            MethodHandles.Lookup lookup = special ? Lookups.privateLookupIn(declaring) : Lookups.lookupIn(declaring);
            MethodHandle mh = special
                    ? lookup.unreflectSpecial(method, declaring)
                    : lookup.unreflect(method);
            int n = method.getParameterCount();
            return mh.asType(MethodType.genericMethodType(n + 1)).asSpreader(Object[].class, n);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static final class Handle extends Invoker {
        private final MethodHandle handle;
        private final Object receiver;

        Handle(MethodHandle handle, Object receiver) {
            this.handle = handle;
            this.receiver = receiver;
        }

        @Override
        public Object invoke(Object proxy, Object[] args) throws Throwable {
            return handle.invokeExact(receiver == null ? proxy : receiver, args);
        }
    }

    private static final class ReflectiveDefault extends Invoker {
        private final Method method;

        ReflectiveDefault(Method method) {
            this.method = method;
        }

        @Override
        public Object invoke(Object proxy, Object[] args) throws Throwable {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
    }

    private static final class ReflectiveImplementation extends Invoker {
        private final Method method;
        private final Object implementation;

        ReflectiveImplementation(Method method, Object implementation) {
            this.method = method;
            this.implementation = implementation;
            method.trySetAccessible();
        }

        @Override
        public Object invoke(Object proxy, Object[] args) throws Throwable {
            try {
                return method.invoke(implementation, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
