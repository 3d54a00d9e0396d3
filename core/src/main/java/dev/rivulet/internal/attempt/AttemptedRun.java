package dev.rivulet.internal.attempt;

import dev.rivulet.State;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * A task run or flow run as its {@link AttemptLoop} sees it: what it is called, the options that
 * govern its attempts, what each attempt runs, and where the end of each attempt is reported. The
 * run keeps its own state; the loop keeps the attempts.
 */
public interface AttemptedRun {

    /** The run's id. */
    String id();

    /** The run's name. */
    String name();

    /** {@code "task run"} or {@code "flow run"}, for messages. */
    String kind();

    /** The logger that the run's lines go to. */
    Logger log();

    /** Puts the run's ids in the MDC until the scope is closed. */
    MdcScope openMdc();

    /** The limit on one attempt, null for none. */
    Duration attemptTimeout();

    /**
     * Whether the loop ends an attempt that outlives {@link #attemptTimeout()} itself; false when
     * the attempt's body is carried out elsewhere, which ends it at the limit there (counted from
     * when the body starts, as here) and reports the timeout as the attempt's failure.
     */
    default boolean timeoutGuardedHere() {
        return true;
    }

    /** Whether and when failed attempts are tried again; asked after a failure. */
    RetrySchedule retrySchedule();

    /** Which failures may be retried, within the schedule. */
    Predicate<Throwable> retryCondition();

    /**
     * The state a failure ends the run in at once, without a retry, or null if it may be retried.
     * A {@link VirtualMachineError} always ends it {@code CRASHED}, whatever this says.
     */
    State endsWithoutRetry(Throwable failure);

    /**
     * The next attempt's body, or null when the run ended before it (it was cancelled, or an
     * upstream failed); called in the thread that will run the attempt.
     */
    AttemptBody nextAttempt();

    /** An attempt is starting; the run is running. */
    void attemptStarted(Instant start);

    /** The last attempt failed and will be retried; the run waits. */
    void retrying();

    /** The last attempt returned {@code value}: the run is over. */
    void succeeded(Object value);

    /** The run is over without a value, in {@code state}, because of {@code failure}. */
    void ended(State state, Throwable failure);

    /**
     * The thread that waited to retry the run was interrupted: ends the run.
     *
     * @param lastFailure the failure of the attempt before the wait
     */
    void interruptedWhileWaiting(Throwable lastFailure, InterruptedException interrupt);
}
