package dev.rivulet.internal.history;

import dev.rivulet.AttemptFailure;
import dev.rivulet.FlowRun;
import dev.rivulet.TaskRun;
import dev.rivulet.history.ArtifactRecord;
import dev.rivulet.history.ResultLocation;
import dev.rivulet.history.TaskRunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A task run read from its record. */
final class HistoryTaskRun extends HistoryRun implements TaskRun, RecordedTaskRun {

    private final TaskRunRecord record;
    private final FlowRun flowRun;

    HistoryTaskRun(TaskRunRecord record, FlowRun flowRun) {
        super(record.id(), record.name(), record.state(), record.startTime(), record.endTime(), record.error());
        this.record = record;
        this.flowRun = flowRun;
    }

    /** When it was made; its flow run's creation for a record written before task runs' were kept. */
    @Override
    public Instant created() {
        return record.created() != null ? record.created() : flowRun.created();
    }

    @Override
    public String taskName() {
        return record.taskName();
    }

    @Override
    public Optional<FlowRun> flowRun() {
        return Optional.of(flowRun);
    }

    @Override
    public int attempts() {
        return record.attempts();
    }

    @Override
    public List<Instant> attemptStartTimes() {
        return record.attemptStartTimes();
    }

    @Override
    public List<AttemptFailure> attemptFailures() {
        return record.attemptFailures();
    }

    @Override
    public Set<String> tags() {
        return record.tags();
    }

    @Override
    public ResultLocation resultLocation() {
        return record.result();
    }

    @Override
    public String lineage() {
        return record.lineage();
    }

    @Override
    public ArtifactRecord artifact() {
        return record.artifact();
    }

}
