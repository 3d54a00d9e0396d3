package dev.rivulet.function;

import java.io.Serializable;

/**
 * A task method with 3 parameters and a result, as a method reference: {@code this::extract}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 */
@FunctionalInterface
public interface Func3<A1, A2, A3, R> extends Serializable {
    R apply(A1 a1, A2 a2, A3 a3) throws Exception;
}
