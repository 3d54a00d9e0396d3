package dev.rivulet.history;

import java.util.Objects;

/**
 * Where a task run's result was stored, or found in the cache: a result store by the name tasks
 * give it ({@link dev.rivulet.Task#resultStore()}) and the storage key in it.
 *
 * @param store the result store's name, such as {@code local} or {@code s3}
 * @param key the storage key, such as {@code etl/extract/3f2a...}
 */
public record ResultLocation(String store, String key) {

    /**
     * Checks that no part is missing.
     *
     * @throws NullPointerException if a part is null
     */
    public ResultLocation {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(key, "key");
    }

    /** {@return the location as {@code store:key}} */
    @Override
    public String toString() {
        return store + ":" + key;
    }
}
