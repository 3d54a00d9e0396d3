package dev.rivulet.function;

import java.io.Serializable;

/**
 * A {@code void} task method with 1 parameter, as a method reference: {@code this::load}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 *
 * @param <A1> the type of the task's first parameter
 */
@FunctionalInterface
public interface Proc1<A1> extends Serializable {
    /**
     * Runs the task method this refers to.
     *
     * @param a1 the task's first argument
     * @throws Exception whatever the task method throws, checked exceptions included
     */
    void apply(A1 a1) throws Exception;
}
