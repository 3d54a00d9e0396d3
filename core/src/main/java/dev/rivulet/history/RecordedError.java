package dev.rivulet.history;

import dev.rivulet.RivuletException;
import java.util.Objects;

/**
 * Why a run failed, crashed or was cancelled, as its record keeps it: the text of the exception
 * ({@code Throwable.toString()}, the first 1,000 characters), not the exception itself. {@link
 * dev.rivulet.Run#error()} gives one for a run read from the run history, such as a finished flow
 * run in {@link dev.rivulet.Rivulet#recentFlowRuns()} and its task runs: the live exception, with
 * its cause and the objects it referred to, is not kept once the run's record is written.
 *
 * <p>Its {@link #toString()} is the recorded text itself, {@code java.lang.IllegalStateException:
 * no rows for 2026-12-04}, so it renders as the original did; {@link #getMessage()} is the same
 * text. It has no stack trace: the record keeps none for the final error (the attempts' failures,
 * {@link dev.rivulet.TaskRun#attemptFailures()}, keep theirs).
 */
public final class RecordedError extends RivuletException {

    private static final long serialVersionUID = 1L;

    /**
     * The error a record names.
     *
     * @param text the recorded text of the exception, as {@link FlowRunRecord#error()} or {@link
     *     TaskRunRecord#error()} has it
     * @throws NullPointerException if {@code text} is null
     */
    public RecordedError(String text) {
        super(Objects.requireNonNull(text, "text"));
    }

    /** No stack trace: this one would show where the record was read, not where the run failed. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** {@return the recorded text of the exception} */
    @Override
    public String toString() {
        return getMessage();
    }
}
