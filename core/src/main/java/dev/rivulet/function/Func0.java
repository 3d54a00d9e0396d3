package dev.rivulet.function;

import java.io.Serializable;

/**
 * A task method with 0 parameters and a result, as a method reference: {@code this::extract}.
 * Serializable so that a reference can be traced back to its method when needed.
 */
@FunctionalInterface
public interface Func0<R> extends Serializable {
    R apply();
}
