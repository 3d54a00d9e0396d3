package dev.rivulet.history;

import java.util.Objects;

/**
 * A record that a {@link RunHistory#list listing} met but could not read; the other records are
 * listed all the same.
 *
 * @param key where the record is in its store
 * @param problem why it cannot be read, as {@link RunRecordException#getMessage()} says it
 */
public record UnreadableRun(RunKey key, String problem) {

    /**
     * Checks that no part is missing.
     *
     * @throws NullPointerException if a part is null
     */
    public UnreadableRun {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(problem, "problem");
    }
}
