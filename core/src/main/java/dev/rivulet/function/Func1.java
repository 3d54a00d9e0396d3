package dev.rivulet.function;

import java.io.Serializable;

/**
 * A task method with 1 parameter and a result, as a method reference: {@code this::extract}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 *
 * @param <A1> the type of the task's first parameter
 * @param <R> the type of the task's result
 */
@FunctionalInterface
public interface Func1<A1, R> extends Serializable {
    /**
     * Runs the task method this refers to.
     *
     * @param a1 the task's first argument
     * @return the task's result
     * @throws Exception whatever the task method throws, checked exceptions included
     */
    R apply(A1 a1) throws Exception;
}
