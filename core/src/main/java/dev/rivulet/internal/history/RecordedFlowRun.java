package dev.rivulet.internal.history;

import java.time.Instant;

/** What a live flow run tells its record beyond the {@link dev.rivulet.FlowRun} API. */
public interface RecordedFlowRun {

    /** When the flow run was made, to the microsecond: the time its record is kept under. */
    Instant created();
}
