package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunRecordException;
import java.util.Optional;

/**
 * What a Rivulet keeps in memory of a top-level flow run that has ended: the parts of its record
 * that do not grow with the flow (ids, names, state, times, error text, parameters as text, attempt
 * failures) and where its record is. Its task runs and graph are read from the run store when
 * asked, not kept.
 *
 * <p>Until its final record is written, it holds the live run: a read then writes the final record
 * first, as any read of the history does, and reads it back; only if that write fails (the store
 * cannot be written) are the details rendered from the live run, through the same {@link
 * RunSnapshots} code. So what it shows does not depend on whether the history's thread has written
 * the record yet. Once the record is written, the live run, with its task runs and results, is no
 * longer referred to from here.
 */
final class FinishedFlowRun extends HistoryFlowRun {

    private final RunKey key;
    private final HistoryRecorder recorder;
    /** The live run until its final record is in the store; then null. */
    private volatile FlowRun live;

    FinishedFlowRun(FlowRun live, HistoryRecorder recorder) {
        this(RunSnapshots.summary(live), live, recorder);
    }

    private FinishedFlowRun(FlowRunRecord header, FlowRun live, HistoryRecorder recorder) {
        super(header);
        this.key = header.key();
        this.recorder = recorder;
        this.live = live;
    }

    /** Its final record is in the store: the details are read from there from now on. */
    void stored() {
        live = null;
    }

    @Override
    FlowRunRecord details() {
        if (live != null) {
            recorder.flush();  // writes the final record, if it is not written yet
        }
        FlowRun held = live;
        if (held != null) {
            return recorder.snapshot(held);  // its final record could not be written
        }
        return recorder.read(key).orElseThrow(() -> new RunRecordException("the record of flow run '" + name() + "' (" + id()
                + ") is no longer in " + recorder.describe() + ": the history's retention deleted it (RunHistoryOptions keepRuns, "
                + "keepFor), or it was deleted by hand; its task runs and graph are gone with it", null));
    }

    @Override
    public Optional<FlowRun> parent() {
        return Optional.empty();
    }
}
