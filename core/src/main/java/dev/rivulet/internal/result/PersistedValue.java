package dev.rivulet.internal.result;

import dev.rivulet.result.ResultRecord;
import java.lang.reflect.Type;

/**
 * Stands in a future for a value that was written to a result store and dropped from memory;
 * each dependent that needs the value loads its own copy, and lets go of it when done.
 */
public final class PersistedValue {

    private final Results results;
    private final String storeName;
    private final ResultRecord record;
    private final Type type;

    public PersistedValue(Results results, String storeName, ResultRecord record, Type type) {
        this.results = results;
        this.storeName = storeName;
        this.record = record;
        this.type = type;
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
