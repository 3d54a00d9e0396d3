package dev.rivulet.history;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a {@link RunStore} keeps one flow run's record: the run's id and when the run was created,
 * so that a store can list records by time without reading them.
 *
 * @param runId the flow run's id ({@link dev.rivulet.Run#id()}): letters, digits, {@code -} and {@code _}
 * @param created when the flow run was created, to the microsecond
 */
public record RunKey(String runId, Instant created) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if {@code runId} has characters other than letters, digits,
     *     {@code -} and {@code _}, or is longer than 128
     * @throws NullPointerException if a part is null
     */
    public RunKey {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(created, "created");
        if (!ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("a run id has 1 to 128 letters, digits, '-' or '_'; was '" + runId + "'");
        }
    }
}
