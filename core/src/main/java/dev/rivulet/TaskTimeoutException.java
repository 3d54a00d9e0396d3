package dev.rivulet;

import java.time.Duration;

/** A task attempt or a flow run took longer than its {@code timeout}. */
public class TaskTimeoutException extends RivuletException {
    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded. */
    private final Duration timeout;

    /**
     * A timeout of run {@code runName}.
     *
     * @param runName the run that timed out
     * @param timeout the limit it exceeded
     */
    public TaskTimeoutException(String runName, Duration timeout) {
        this(runName, timeout, null);
    }

    /**
     * A timeout that interrupted a wait which says what it waited for, such as the wait for the
     * lock of a cache key that another run is computing: its message is added to this one's, and
     * it is the cause.
     *
     * @param runName the run that timed out
     * @param timeout the limit it exceeded
     * @param interruptedWait the wait the timeout interrupted; null if none
     */
    public TaskTimeoutException(String runName, Duration timeout, InterruptedException interruptedWait) {
        super(message(runName, timeout, interruptedWait), interruptedWait);
        this.timeout = timeout;
    }

    private static String message(String runName, Duration timeout, InterruptedException interruptedWait) {
        String timedOut = "run '" + runName + "' timed out after " + timeout.toString().substring(2).toLowerCase();
        return interruptedWait == null || interruptedWait.getMessage() == null ? timedOut : timedOut + ", " + interruptedWait.getMessage();
    }

    /** {@return the limit that was exceeded} */
    public Duration timeout() {
        return timeout;
    }
}
