package dev.rivulet.history;

import java.util.Objects;

/**
 * A task run of a recorded flow run that ended with its result in a result store: what a
 * {@linkplain dev.rivulet.Flows#resuming resumed run} matches its own task runs against, listed for
 * every such task run, also those beyond {@link RunHistoryOptions#taskRunsInDetail()}.
 *
 * @param taskName the task's name (its template, unfilled)
 * @param runName the task run's name, placeholders filled in or with its counter
 * @param lineage what stood for the result in dependents' keys: its cache key, or a hash of the
 *     task, its code and its inputs; null if the run had none (then no resumed run reuses it)
 * @param result where the result was stored or found
 */
public record PersistedResult(String taskName, String runName, String lineage, ResultLocation result) {

    /**
     * Checks that no part but the lineage is missing.
     *
     * @throws NullPointerException if a name or the result is null
     */
    public PersistedResult {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(result, "result");
    }
}
