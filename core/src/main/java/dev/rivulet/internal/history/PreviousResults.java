package dev.rivulet.internal.history;

import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.PersistedResult;
import dev.rivulet.history.ResultLocation;
import java.util.HashMap;
import java.util.Map;

/**
 * The persisted results of a recorded flow run and its subflows, by task, task run name and
 * lineage: what the task runs of a run that resumes it look their results up in. Results without
 * a lineage are left out, since no run can be told to have had the same inputs.
 */
public final class PreviousResults {

    private final String runId;
    private final Map<Match, ResultLocation> results = new HashMap<>();

    private PreviousResults(String runId) {
        this.runId = runId;
    }

    /** The results {@code run} and its subflows, at any depth, left in result stores. */
    public static PreviousResults of(FlowRunRecord run) {
        PreviousResults previous = new PreviousResults(run.id());
        previous.add(run);
        return previous;
    }

    private void add(FlowRunRecord run) {
        for (PersistedResult result : run.persistedResults()) {
            if (result.lineage() != null) {
                results.putIfAbsent(new Match(result.taskName(), result.runName(), result.lineage()), result.result());
            }
        }
        run.subflows().forEach(this::add);
    }

    /** {@return the id of the flow run these results are of} */
    public String runId() {
        return runId;
    }

    /** {@return where the run of {@code taskName} named {@code runName} with {@code lineage} left its result; null if none did} */
    public ResultLocation find(String taskName, String runName, String lineage) {
        return results.get(new Match(taskName, runName, lineage));
    }

    private record Match(String taskName, String runName, String lineage) {}
}
