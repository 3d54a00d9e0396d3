package dev.rivulet.function;

import java.io.Serializable;

/**
 * A task method with 0 parameters and a result, as a method reference: {@code this::extract}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 *
 * @param <R> the type of the task's result
 */
@FunctionalInterface
public interface Func0<R> extends Serializable {
    /**
     * Runs the task method this refers to.
     *
     * @return the task's result
     * @throws Exception whatever the task method throws, checked exceptions included
     */
    R apply() throws Exception;
}
