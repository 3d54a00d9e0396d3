package dev.rivulet.internal.graph;

import dev.rivulet.internal.result.PersistedValue;

/**
 * Where a dependent's argument holds the value of a future whose run wrote it to a store and dropped
 * it from memory: the value is loaded only when {@link ResolvedArguments#loaded()} is asked for, so a
 * dependent that finds its own result cached never loads it.
 */
final class DeferredValue {

    private final FutureHandle handle;

    DeferredValue(FutureHandle handle) {
        this.handle = handle;
    }

    RunNode source() {
        return handle.source();
    }

    /** The stand-in for the value in its store, or null if the future holds the value itself by now. */
    PersistedValue persisted() {
        return handle.persisted();
    }

    /** Reads the value from its store, a copy of its own for this dependent. */
    Object load() {
        return handle.value();
    }

    @Override
    public String toString() {
        return "DeferredValue[" + handle.source().name() + "]";
    }
}
