package dev.rivulet.internal.run;

import java.lang.reflect.Method;

/** Decides whether a failure can be thrown to the caller of a stub method as it is. */
final class Throwables {

    private Throwables() {}

    /** Whether {@code t} is unchecked or declared by {@code method}, so the proxy may throw it unchanged. */
    static boolean throwableFrom(Method method, Throwable t) {
        if (t instanceof RuntimeException || t instanceof Error) {
            return true;
        }
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
