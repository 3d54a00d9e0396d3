package dev.rivulet;

/**
 * The state of a task run or flow run. A run starts {@link #PENDING} and ends in one of the final
 * states: {@link #COMPLETED}, {@link #CACHED}, {@link #FAILED}, {@link #CRASHED} or {@link
 * #CANCELLED}.
 */
public enum State {
    /** Created, waiting for its upstream runs or for a thread. */
    PENDING,
    /** Its body is running. */
    RUNNING,
    /** An attempt failed; the next attempt starts after the retry delay. */
    RETRYING,
    /** Finished with a value. */
    COMPLETED,
    /** Finished with a value found in the result cache, without running its body. */
    CACHED,
    /** Finished with an exception from its body, an upstream failure or a timeout. */
    FAILED,
    /** Could not be run at all: the task runner refused it, or the JVM raised an error. */
    CRASHED,
    /** Cancelled before or while running. */
    CANCELLED;

    /** {@return whether the run is over: it will change state no more} */
    public boolean isFinal() {
        return this == COMPLETED || this == CACHED || this == FAILED || this == CRASHED || this == CANCELLED;
    }

    /** {@return whether the run is over with a value: completed, or cached} */
    public boolean hasValue() {
        return this == COMPLETED || this == CACHED;
    }

    /** {@return whether the run is over without a value: failed, crashed or cancelled} */
    public boolean isFailure() {
        return this == FAILED || this == CRASHED || this == CANCELLED;
    }
}
