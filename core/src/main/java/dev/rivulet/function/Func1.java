package dev.rivulet.function;

import java.io.Serializable;

/**
 * A task method with 1 parameter and a result, as a method reference: {@code this::extract}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 */
@FunctionalInterface
public interface Func1<A1, R> extends Serializable {
    R apply(A1 a1) throws Exception;
}
