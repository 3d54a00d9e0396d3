package dev.rivulet.internal.result;

import dev.rivulet.result.ResultRecord;
import java.lang.reflect.Type;

/**
 * Stands in a future for a value that is in a result store and not in memory: one that was written
 * and dropped, whose every dependent loads its own copy and lets go of it when done; or a cache hit
 * of a task that keeps its results in memory, not read until something needs it, then read once and
 * kept by the future ({@link #keptOnceLoaded()}).
 */
public final class PersistedValue {

    private final Results results;
    private final String storeName;
    private final ResultRecord record;
    private final Type type;
    private final boolean keptOnceLoaded;

    public PersistedValue(Results results, String storeName, ResultRecord record, Type type, boolean keptOnceLoaded) {
        this.results = results;
        this.storeName = storeName;
        this.record = record;
        this.type = type;
        this.keptOnceLoaded = keptOnceLoaded;
    }

    /** Whether the value, once loaded, takes this stand-in's place, rather than each reader loading a copy. */
    public boolean keptOnceLoaded() {
        return keptOnceLoaded;
    }

    /** {@return the name of the store that holds the value} */
    public String storeName() {
        return storeName;
    }

    /** {@return what the store knows of the value} */
    public ResultRecord record() {
        return record;
    }

    /** Reads the value from its store, verifying its checksum. */
    public Object load() {
        return results.load(storeName, record, type);
    }

    @Override
    public String toString() {
        return "PersistedValue[" + storeName + ":" + record.key() + "]";
    }
}
