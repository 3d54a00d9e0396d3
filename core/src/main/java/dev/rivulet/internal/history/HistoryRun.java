package dev.rivulet.internal.history;

import dev.rivulet.State;
import dev.rivulet.history.RecordedError;
import java.time.Instant;
import java.util.Optional;

/**
 * What a task run and a flow run read from a record have alike: the parts of {@link dev.rivulet.Run}.
 * Equal to another run read from a record when their ids are, so that the runs of two reads of one
 * record meet in a {@link dev.rivulet.RunGraph}.
 */
abstract sealed class HistoryRun permits HistoryFlowRun, HistoryTaskRun {

    private final String id;
    private final String name;
    private final State state;
    private final Instant startTime;
    private final Instant endTime;
    /** The error's text as recorded; null if the run did not fail. */
    private final String error;

    HistoryRun(String id, String name, State state, Instant startTime, Instant endTime, String error) {
        this.id = id;
        this.name = name;
        this.state = state;
        this.startTime = startTime;
        this.endTime = endTime;
        this.error = error;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    /** {@return the recorded text of the error, rebuilt as a {@link RecordedError}} */
    public Optional<Throwable> error() {
        return Optional.ofNullable(error).map(RecordedError::new);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryRun run && run.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return (this instanceof HistoryFlowRun ? "FlowRun[" : "TaskRun[") + name + ", " + state + "]";
    }
}
