package dev.rivulet.internal.run;

import dev.rivulet.State;
import dev.rivulet.internal.history.HistoryRecorder;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;

/** What task runs and flow runs record alike: id, state, times and error, readable while the run goes on. */
abstract class RunRecord {

    /** The id's 128 random bits; its text is made when first asked for, off the submitting thread's path. */
    private final long idHigh = RunIds.high();
    private final long idLow = RunIds.low();
    private String id;
    /**
     * When the run was made (called, or submitted to wait for its upstreams and a runner thread), in
     * nanoseconds since the epoch: a number in the run, not an {@link Instant} beside it.
     */
    private final long createdNanos = epochNanos(Instant.now());
    private volatile State state = State.PENDING;
    private volatile Instant startTime;
    private volatile Instant endTime;
    private volatile Throwable error;

    public abstract String name();

    /** The logger that state changes go to. */
    public abstract Logger log();

    /** The record this run is written in, its top-level flow run's; null when it is not recorded. */
    abstract HistoryRecorder.Entry historyEntry();

    public String id() {
        String text = id;
        if (text == null) {
            text = RunIds.text(idHigh, idLow);
            id = text;
        }
        return text;
    }

    public State state() {
        return state;
    }

    public Instant created() {
        return Instant.ofEpochSecond(0, createdNanos);
    }

    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    /** An attempt starts: the run is running, and its start time is its first attempt's. */
    public void attemptStarted(Instant now) {
        if (startTime == null) {
            startTime = now;
        }
        changeState(State.RUNNING);
    }

    /** An attempt failed and the next waits: the run is retrying. */
    public void retrying() {
        changeState(State.RETRYING);
    }

    /** Notes the end of the run and what it failed with, if anything. */
    void ended(Throwable failure) {
        error = failure;
        endTime = Instant.now();
    }

    /** {@code instant} in nanoseconds since the epoch; the long lasts until the year 2262. */
    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    void changeState(State next) {
        state = next;
        HistoryRecorder.Entry recorded = historyEntry();
        if (recorded != null) {
            recorded.changed();
        }
        Logger log = log();
        if (log.isDebugEnabled()) {
            log.debug("{} '{}' ({}) is {}", this instanceof FlowRunImpl ? "Flow run" : "Task run", name(), id(), next);
        }
    }
}
