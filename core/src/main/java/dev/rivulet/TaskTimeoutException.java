package dev.rivulet;

import java.time.Duration;

/** A task attempt or a flow run took longer than its {@code timeout}. */
public class TaskTimeoutException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public TaskTimeoutException(String runName, Duration timeout) {
        this(runName, timeout, null);
    }

    /**
     * A timeout that interrupted a wait which says what it waited for, such as the wait for the
     * lock of a cache key that another run is computing: its message is added to this one's, and
     * it is the cause.
     */
    public TaskTimeoutException(String runName, Duration timeout, InterruptedException interruptedWait) {
        super(message(runName, timeout, interruptedWait), interruptedWait);
        this.timeout = timeout;
    }

    private static String message(String runName, Duration timeout, InterruptedException interruptedWait) {
        String timedOut = "run '" + runName + "' timed out after " + timeout.toString().substring(2).toLowerCase();
        return interruptedWait == null || interruptedWait.getMessage() == null ? timedOut : timedOut + ", " + interruptedWait.getMessage();
    }

    /** The limit that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
