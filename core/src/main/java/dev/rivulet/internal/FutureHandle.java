package dev.rivulet.internal;

/** A future the runtime can see through: the run behind it, and whether its failure is allowed. */
interface FutureHandle {

    TaskRunImpl source();

    /** The run's value, once it has completed; null before, and after a failure. */
    Object value();

    /** Whether a dependent runs even if this run fails (receiving null for it). */
    boolean allowsFailure();
}
