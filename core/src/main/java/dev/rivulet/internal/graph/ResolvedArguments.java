package dev.rivulet.internal.graph;

import dev.rivulet.internal.result.PersistedValue;

import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A call's arguments with its futures replaced by their values, and which run each such value came
 * from. A value that its run wrote to a store and dropped from memory is not read yet: {@link
 * #values()} holds a stand-in in its place, known to {@link #producerOf}, and {@link #loaded()}
 * reads it; a run that finds its result cached never does.
 */
public final class ResolvedArguments {

    private final Object[] values;
    /** The values that took the place of futures, and their runs; null when there were none. */
    private final IdentityHashMap<Object, RunNode> producers;
    /** Which arguments hold a value not loaded yet; null when none does. */
    private final boolean[] deferredAt;
    private final Set<Object> quoted;
    private Object[] loaded;

    ResolvedArguments(Object[] values, IdentityHashMap<Object, RunNode> producers, boolean[] deferredAt, Set<Object> quoted) {
        this.values = values;
        this.producers = producers;
        this.deferredAt = deferredAt;
        this.quoted = quoted;
        this.loaded = deferredAt == null ? values : null;
    }

    /** The arguments, with stand-ins for the values not loaded yet: for keys, never for the body. */
    public Object[] values() {
        return values;
    }

    /** Whether any value took the place of a future. */
    public boolean hasProducers() {
        return producers != null;
    }

    /** The run whose future {@code value} took the place of among these arguments, or null. */
    public RunNode producerOf(Object value) {
        return producers == null ? null : producers.get(value);
    }

    /** Whether a value is still to be read from a store. */
    public boolean hasUnloaded() {
        return loaded == null;
    }

    /** Whether every value still to be read comes from a run with a lineage, which can stand for it in a key. */
    public boolean unloadedHaveLineage() {
        if (producers != null && loaded == null) {
            for (var entry : producers.entrySet()) {
                if (entry.getKey() instanceof DeferredValue && entry.getValue().lineage() == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The stand-in of argument {@code index} if it is, as a whole, a value its upstream run left in a
     * store and that is not read yet; else null.
     */
    public PersistedValue storedAt(int index) {
        if (loaded != null || !deferredAt[index] || !(values[index] instanceof DeferredValue deferred)) {
            return null;
        }
        return deferred.persisted();
    }

    /** Argument {@code index} as the body receives it: read from its store if it is not in memory, without reading the others. */
    public Object loadedAt(int index) {
        if (loaded != null) {
            return loaded[index];
        }
        return deferredAt[index] ? new ArgumentWalker.Resolver(quoted, false).resolve(values[index]) : values[index];
    }

    /** The arguments as the body receives them: every value read from its store (once, for this call). */
    public Object[] loaded() {
        if (loaded == null) {
            ArgumentWalker.Resolver resolver = new ArgumentWalker.Resolver(quoted, false);
            Object[] all = values.clone();
            for (int i = 0; i < all.length; i++) {
                if (deferredAt[i]) {
                    all[i] = resolver.resolve(all[i]);
                }
            }
            loaded = all;
        }
        return loaded;
    }
}
