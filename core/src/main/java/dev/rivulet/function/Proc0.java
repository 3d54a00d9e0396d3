package dev.rivulet.function;

import java.io.Serializable;

/**
 * A {@code void} task method with 0 parameters, as a method reference: {@code this::load}.
 * It may throw what the task throws. Serializable so that a reference can be traced back to its
 * method when needed.
 */
@FunctionalInterface
public interface Proc0 extends Serializable {
    /**
     * Runs the task method this refers to.
     *
     * @throws Exception whatever the task method throws, checked exceptions included
     */
    void apply() throws Exception;
}
