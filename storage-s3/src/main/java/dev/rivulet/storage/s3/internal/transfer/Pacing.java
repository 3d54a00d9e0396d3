package dev.rivulet.storage.s3.internal.transfer;

import java.time.Duration;

/**
 * What requests run under: whether the work they belong to was given up, and how to wait before a
 * retry. The bulk client's calls cancel their requests when one fails for good; the result store's
 * requests are never cancelled and wait by sleeping ({@link #BLOCKING}).
 */
public interface Pacing {

    /** Never cancelled; waits by sleeping, an interrupt ending the wait. */
    Pacing BLOCKING = new Pacing() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean pause(Duration delay) throws InterruptedException {
            Thread.sleep(delay);
            return true;
        }

        @Override
        public void track(Abortable abortable) {}

        @Override
        public void untrack(Abortable abortable) {}
    };

    /** Something to abort when the work is cancelled, such as a response being read. */
    @FunctionalInterface
    interface Abortable {
        void abort();
    }

    /** Thrown by a request that stops because its work was cancelled; the work's own failure is reported instead. */
    final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Whether the work was given up, so that its requests should stop. */
    boolean isCancelled();

    /** Throws {@link Cancelled} if the work was given up. */
    default void checkNotCancelled() {
        if (isCancelled()) {
            throw new Cancelled();
        }
    }

    /** Waits {@code delay}, or less if the work is cancelled meanwhile; returns whether it is still going. */
    boolean pause(Duration delay) throws InterruptedException;

    /** Aborts {@code abortable} if the work is cancelled before {@link #untrack}. */
    void track(Abortable abortable);

    /** Stops tracking {@code abortable}. */
    void untrack(Abortable abortable);
}
