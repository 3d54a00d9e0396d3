package dev.rivulet;

import java.time.Duration;

/** A task attempt or a flow run took longer than its {@code timeout}. */
public class TaskTimeoutException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public TaskTimeoutException(String runName, Duration timeout) {
        super("run '" + runName + "' timed out after " + timeout.toString().substring(2).toLowerCase());
        this.timeout = timeout;
    }

    /** The limit that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
