package dev.rivulet.function;

import java.io.Serializable;

/**
 * A {@code void} task method with 4 parameters, as a method reference: {@code this::load}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 */
@FunctionalInterface
public interface Proc4<A1, A2, A3, A4> extends Serializable {
    void apply(A1 a1, A2 a2, A3 a3, A4 a4) throws Exception;
}
