package dev.rivulet.function;

import java.io.Serializable;

/**
 * A {@code void} task method with 2 parameters, as a method reference: {@code this::load}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 *
 * @param <A1> the type of the task's first parameter
 * @param <A2> the type of the task's second parameter
 */
@FunctionalInterface
public interface Proc2<A1, A2> extends Serializable {
    /**
     * Runs the task method this refers to.
     *
     * @param a1 the task's first argument
     * @param a2 the task's second argument
     * @throws Exception whatever the task method throws, checked exceptions included
     */
    void apply(A1 a1, A2 a2) throws Exception;
}
