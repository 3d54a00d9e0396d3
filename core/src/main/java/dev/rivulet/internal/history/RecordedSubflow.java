package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.history.FlowRunRecord;
import java.util.Optional;

/** A subflow run read from its record, inside its parent's. */
final class RecordedSubflow extends HistoryFlowRun {

    private final FlowRun parent;

    RecordedSubflow(FlowRunRecord record, FlowRun parent) {
        super(record);
        this.parent = parent;
    }

    /** A subflow's record, inside its parent's, details it whole. */
    @Override
    FlowRunRecord details() {
        return header();
    }

    @Override
    public Optional<FlowRun> parent() {
        return Optional.of(parent);
    }
}
