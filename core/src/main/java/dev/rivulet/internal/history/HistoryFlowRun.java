package dev.rivulet.internal.history;

import dev.rivulet.AttemptFailure;
import dev.rivulet.FlowRun;
import dev.rivulet.RunGraph;
import dev.rivulet.TaskRun;
import dev.rivulet.history.FlowRunRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A flow run read from its record: its own parts from a record's header, its task runs and graph from the record that details them. */
abstract sealed class HistoryFlowRun extends HistoryRun implements FlowRun permits FinishedFlowRun, RecordedSubflow {

    /** The run's own parts; its task runs, edges and subflows are those of {@link #details()}. */
    private final FlowRunRecord header;

    HistoryFlowRun(FlowRunRecord header) {
        super(header.id(), header.name(), header.state(), header.startTime(), header.endTime(), header.error());
        this.header = header;
    }

    /** The record that details the run's task runs, edges and subflows. */
    abstract FlowRunRecord details();

    /** The record the run's own parts were read from. */
    final FlowRunRecord header() {
        return header;
    }

    @Override
    public Instant created() {
        return header.created();
    }

    @Override
    public String flowName() {
        return header.flowName();
    }

    /** The arguments as their record has them: text. */
    @Override
    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(header.parameters());
    }

    @Override
    public List<TaskRun> taskRuns() {
        return RecordDetails.of(details(), this).taskRuns();
    }

    @Override
    public RunGraph graph() {
        return RecordDetails.of(details(), this).graph();
    }

    @Override
    public int attempts() {
        return header.attempts();
    }

    @Override
    public List<AttemptFailure> attemptFailures() {
        return header.attemptFailures();
    }

    @Override
    public String taskRunnerName() {
        return header.taskRunnerName();
    }
}
