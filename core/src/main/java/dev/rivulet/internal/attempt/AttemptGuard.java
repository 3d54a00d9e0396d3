package dev.rivulet.internal.attempt;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Guards one attempt of a task or flow body on one thread. A timeout or a cancellation interrupts
 * the thread only while the body is still running; once the attempt is {@link #end() ended}, no
 * stray interrupt can reach whatever the thread does next. Attempts run here and the task calls a
 * remote runner sent to this JVM are guarded alike.
 */
public final class AttemptGuard {

    /** Why an attempt was interrupted. */
    public enum Interruption { TIMEOUT, CANCEL }

    private static final Object RUNNING = new Object();
    private static final Object ENDED = new Object();

    private final Thread thread;
    private final AtomicReference<Object> status = new AtomicReference<>(RUNNING);
    private volatile ScheduledFuture<?> deadline;

    public AttemptGuard(Thread thread) {
        this.thread = thread;
    }

    /** Interrupts the attempt at {@code nanos} from now. */
    public void deadline(ScheduledExecutorService timer, long nanos) {
        deadline = timer.schedule(() -> interrupt(Interruption.TIMEOUT), nanos, TimeUnit.NANOSECONDS);
    }

    /** Interrupts the thread if the body is still running; the first reason wins. */
    public boolean interrupt(Interruption reason) {
        if (status.compareAndSet(RUNNING, reason)) {
            thread.interrupt();
            return true;
        }
        return false;
    }

    /**
     * Ends the attempt. Must be called by the attempt's own thread after the body returned or
     * threw.
     *
     * @return why it was interrupted, or {@code null}; an interrupt this attempt caused is cleared
     */
    public Interruption end() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
        if (status.compareAndSet(RUNNING, ENDED)) {
            return null;
        }
        Thread.interrupted();
        return (Interruption) status.get();
    }
}
