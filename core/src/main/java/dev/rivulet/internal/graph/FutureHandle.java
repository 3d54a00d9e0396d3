package dev.rivulet.internal.graph;

import dev.rivulet.internal.result.PersistedValue;

/** A future the runtime can see through: the run behind it, and whether its failure is allowed. */
public interface FutureHandle {

    RunNode source();

    /**
     * What a dependent receives for this future once the run has ended: the run's value, null after
     * a failure; for a future of the outcome, the outcome. Null before the run has ended.
     */
    Object value();

    /** The stand-in for the run's value if the run left it in a result store and holds no copy; else null. */
    default PersistedValue persisted() {
        return null;
    }

    /** Whether a dependent runs even if this run fails. */
    boolean allowsFailure();

    /**
     * Whether a dependent receives the run's value itself (not an outcome wrapping it), so that a
     * value the run dropped from memory can be loaded only when the dependent runs its body.
     */
    default boolean passesValueItself() {
        return true;
    }
}
