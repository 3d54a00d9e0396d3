package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.history.FlowRunRecord;
import java.util.Optional;

/** A subflow run read from its record, inside its parent's. */
final class RecordedSubflow extends HistoryFlowRun {

    private final FlowRunRecord record;
    private final FlowRun parent;

    RecordedSubflow(FlowRunRecord record, FlowRun parent) {
        super(record);
        this.record = record;
        this.parent = parent;
    }

    @Override
    FlowRunRecord details() {
        return record;
    }

    @Override
    public Optional<FlowRun> parent() {
        return Optional.of(parent);
    }
}
