package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.RunGraph;
import dev.rivulet.TaskRun;
import dev.rivulet.history.PersistedResult;
import dev.rivulet.history.TaskRunCounts;
import java.time.Instant;
import java.util.List;

/** What a live flow run tells its record beyond the {@link dev.rivulet.FlowRun} API. */
public interface RecordedFlowRun {

    /** When the flow run was made, to the microsecond: the time its record is kept under. */
    Instant created();

    /** {@return the flow's interface and method: {@code com.acme.Pipeline#etl}} */
    String flowMethod();

    /** {@return the id of the flow run this one resumes; null if it resumes none} */
    String resumedFrom();

    /**
     * What the record shows of the run's graph, taken at once under the run's lock, without
     * visiting every task run: the first {@code taskRunsInDetail} task runs, the failed ones beyond
     * them (as many again at most), every subflow, the edges between those, every task run counted,
     * and every task run that ended with a persisted result.
     */
    View view(int taskRunsInDetail);

    /**
     * A view of a flow run's graph for its record.
     *
     * @param taskRuns the task runs to detail: the first ones in creation order, then failed ones
     * @param subflows every subflow, in creation order
     * @param edges the edges between the runs above, in the order they were found
     * @param counts every task run by task, tasks in the order their first run was made
     * @param persistedResults every task run that ended with its result in a store, in the order they ended
     */
    record View(List<TaskRun> taskRuns, List<FlowRun> subflows, List<RunGraph.Edge> edges, List<TaskRunCounts> counts,
                List<PersistedResult> persistedResults) {}
}
