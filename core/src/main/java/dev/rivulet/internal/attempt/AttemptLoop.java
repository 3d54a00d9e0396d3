package dev.rivulet.internal.attempt;

import dev.rivulet.AttemptFailure;
import dev.rivulet.State;
import dev.rivulet.TaskTimeoutException;
import dev.rivulet.io.KeyLockInterruptedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The attempts of one task run or flow run: their count and start times, the timeout of each, the
 * retry schedule, cancellation, the record of each failed attempt and the lines logged about them.
 * Task runs and flow runs alike run their attempts through it.
 *
 * <p>{@link #step()} runs one attempt and says whether and when the next one comes; whoever calls
 * it decides how to wait (a submitted task run leaves the delay to a timer, so no thread waits
 * through it). {@link #runInThread()} runs attempts in the calling thread until the run ends,
 * sleeping between them.
 *
 * <p>One attempt runs an {@link AttemptBody} given an {@link AttemptContext}, under an {@link
 * AttemptGuard} that turns a timeout or a cancellation into an interrupt of the attempt's thread,
 * and nothing else. How its failure is then handled (recorded, retried after the delay the {@link
 * RetrySchedule} gives, or ending the run) is the same for every run.
 */
public final class AttemptLoop {

    /** What {@link #step()} returns when the run is over. */
    public static final long DONE = -1;

    private final AttemptedRun run;
    private final ScheduledExecutorService timer;
    private volatile int attempts;
    private volatile Instant firstStart;
    /** When the second and later attempts started; made on the first retry; guarded by this. */
    private List<Instant> laterStarts;
    /** Why attempts failed; made at the first failure. */
    private volatile AttemptFailures failures;
    /** The failure of the attempt that {@link #runInThread()} waits to retry, for a run that ends during the wait. */
    private Throwable retrying;
    private volatile AttemptGuard current;
    private volatile boolean cancelRequested;

    /**
     * @param run the run whose attempts these are
     * @param timer the timer that ends attempts that take too long
     */
    public AttemptLoop(AttemptedRun run, ScheduledExecutorService timer) {
        this.run = run;
        this.timer = timer;
    }

    /**
     * Runs the next attempt in the calling thread, with the run's ids in the MDC.
     *
     * @return {@link #DONE} when the run is over, else the delay in nanoseconds before the next attempt
     */
    public long step() {
        MdcScope mdc = run.openMdc();
        try {
            return stepWithIdsLogged();
        } finally {
            // The caller waits on its own; a run waiting on a timer, or kept for inspection, holds no live failure.
            retrying = null;
            mdc.close();
        }
    }

    /**
     * Runs attempts in the calling thread until the run is over, with the run's ids in the MDC,
     * sleeping between them. An interrupt of the sleeping thread ends the run as {@link
     * AttemptedRun#interruptedWhileWaiting} says, and leaves the thread's interrupt flag set.
     */
    public void runInThread() {
        MdcScope mdc = run.openMdc();
        try {
            while (true) {
                long delay = stepWithIdsLogged();
                if (delay == DONE) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(delay);
                    retrying = null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    Throwable lastFailure = retrying;
                    retrying = null;
                    run.interruptedWhileWaiting(lastFailure, e);
                    return;
                }
            }
        } finally {
            mdc.close();
        }
    }

    /**
     * Asks the run to stop: a running attempt is interrupted and ends cancelled, and no further
     * attempt starts.
     *
     * @return whether a running attempt was interrupted; if not, the caller ends a run that waits
     */
    public boolean cancel() {
        cancelRequested = true;
        AttemptGuard running = current;
        return running != null && running.interrupt(AttemptGuard.Interruption.CANCEL);
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** How many attempts have started. */
    public int attempts() {
        return attempts;
    }

    /** When each attempt started, in order. */
    public List<Instant> startTimes() {
        Instant first = firstStart;
        if (first == null) {
            return List.of();
        }
        List<Instant> all = new ArrayList<>();
        all.add(first);
        synchronized (this) {
            if (laterStarts != null) {
                all.addAll(laterStarts);
            }
        }
        return List.copyOf(all);
    }

    /** Why attempts failed, oldest first, the last {@value AttemptFailures#KEPT} at most. */
    public List<AttemptFailure> failures() {
        AttemptFailures kept = failures;
        return kept == null ? List.of() : kept.list();
    }

    /** The record of the last attempt if it failed, else null. */
    public AttemptFailure lastAttemptFailure() {
        AttemptFailures kept = failures;
        AttemptFailure last = kept == null ? null : kept.last();
        return last != null && last.attempt() == attempts ? last : null;
    }

    private long stepWithIdsLogged() {
        AttemptBody body = run.nextAttempt();
        return body == null ? DONE : attempt(body);
    }

    private long attempt(AttemptBody body) {
        int number = attempts + 1;
        Instant start = Instant.now();
        noteStart(number, start);
        attempts = number;
        run.attemptStarted(start);

        Duration timeout = run.attemptTimeout();
        AttemptGuard guard = new AttemptGuard(Thread.currentThread());
        current = guard;
        if (timeout != null && run.timeoutGuardedHere()) {
            guard.deadline(timer, Nanos.of(timeout));
        }
        Object value = null;
        Throwable failure = null;
        try {
            if (cancelRequested) {
                guard.interrupt(AttemptGuard.Interruption.CANCEL);
            }
            value = body.run(new AttemptContext(number, run.id(), run.name(), timeout));
        } catch (Throwable t) {
            failure = t;
        } finally {
            AttemptGuard.Interruption interruption = guard.end();
            current = null;
            if (interruption == AttemptGuard.Interruption.TIMEOUT) {
                failure = timedOut(timeout, failure);
            } else if (interruption == AttemptGuard.Interruption.CANCEL) {
                failure = new CancellationException(run.kind() + " '" + run.name() + "' was cancelled while running");
            }
        }
        failure = body.settle(failure);
        if (failure == null) {
            run.succeeded(value);
            return DONE;
        }
        record(number, failure);
        return failed(number, failure);
    }

    /** Ends the run or schedules its retry after attempt {@code number} failed. */
    private long failed(int number, Throwable failure) {
        State ending = failure instanceof VirtualMachineError ? State.CRASHED : run.endsWithoutRetry(failure);
        if (ending != null) {
            run.ended(ending, failure);
            return DONE;
        }
        RetrySchedule schedule = run.retrySchedule();
        if (!schedule.retriesAfter(number) || !retryable(failure)) {
            run.ended(State.FAILED, failure);
            return DONE;
        }
        long delay = schedule.delayNanos(number);
        // With its stack trace: the failure of an attempt that is retried reaches no code that could print it.
        run.log().warn("{} '{}' attempt {} of {} failed; retrying in {} ms", capitalized(run.kind()), run.name(), number,
                schedule.retries() + 1, TimeUnit.NANOSECONDS.toMillis(delay), failure);
        retrying = failure;
        run.retrying();
        return delay;
    }

    private boolean retryable(Throwable failure) {
        try {
            return run.retryCondition().test(failure);
        } catch (RuntimeException e) {
            run.log().error("Retry condition of {} '{}' threw; not retrying", run.kind(), run.name(), e);
            return false;
        }
    }

    /** The timeout's failure; a wait the interrupt ended that says what it waited for adds that. */
    private TaskTimeoutException timedOut(Duration timeout, Throwable failure) {
        return failure instanceof KeyLockInterruptedException wait
                ? new TaskTimeoutException(run.name(), timeout, wait)
                : new TaskTimeoutException(run.name(), timeout);
    }

    private void noteStart(int number, Instant start) {
        if (number == 1) {
            firstStart = start;
            return;
        }
        synchronized (this) {
            if (laterStarts == null) {
                laterStarts = new ArrayList<>(2);
            }
            laterStarts.add(start);
        }
    }

    /** Keeps the attempt's failure as text; best effort, since the run must end whatever happens here. */
    private void record(int number, Throwable failure) {
        try {
            AttemptFailures kept = failures;
            if (kept == null) {
                kept = new AttemptFailures();
                failures = kept;
            }
            kept.add(AttemptFailures.of(number, Instant.now(), failure));
        } catch (RuntimeException | VirtualMachineError e) {
            run.log().debug("Could not record the failure of attempt {} of {} '{}'", number, run.kind(), run.name(), e);
        }
    }

    private static String capitalized(String kind) {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
