package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.internal.transfer.Pacing;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The work of one bulk call on a {@link TransferPool}. The first failure cancels the rest: queued
 * work is dropped, responses being read are aborted, retry waits end early; {@link #await()}
 * returns once nothing of the batch runs any more and throws that first failure.
 */
public final class Batch implements Pacing {

    /** A piece of work; what it throws fails the batch. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private final TransferPool pool;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<TransferPool.Job> queued = ConcurrentHashMap.newKeySet();
    private final Set<Abortable> active = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Object idle = new Object();

    Batch(TransferPool pool) {
        this.pool = pool;
    }

    /** Queues the start of a transfer. */
    public void start(Task task) {
        submit(TransferPool.START, task);
    }

    /** Queues more of a transfer that has started; it runs before queued starts. */
    public void continueWith(Task task) {
        submit(TransferPool.CONTINUATION, task);
    }

    private void submit(int priority, Task task) {
        pending.incrementAndGet();
        if (isCancelled()) {
            done();
            return;
        }
        TransferPool.Job job = new TransferPool.Job(this, priority, pool.nextSequence(), task);
        queued.add(job);
        try {
            pool.execute(job);
        } catch (RejectedExecutionException e) {
            queued.remove(job);
            done();
            fail(new IllegalStateException("the S3 bulk client is closed"));
        }
    }

    void run(TransferPool.Job job) {
        queued.remove(job);
        try {
            if (!isCancelled()) {
                job.task.run();
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            done();
        }
    }

    /** {@code job} will never run: the pool was closed with it in the queue. */
    void dropped(TransferPool.Job job) {
        queued.remove(job);
        fail(new IllegalStateException("the S3 bulk client was closed while this call was running"));
        done();
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Fails the batch with {@code t} unless it failed already, and cancels what is left of it. */
    public void fail(Throwable t) {
        if (!failure.compareAndSet(null, t)) {
            return;
        }
        cancelled.countDown();
        for (Abortable abortable : active) {
            abortable.abort();
        }
        for (TransferPool.Job job : queued) {
            if (pool.remove(job)) {
                queued.remove(job);
                done();
            }
        }
    }

    /** Whether the batch has failed, so that its work should stop. */
    @Override
    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Waits {@code delay}, or less if the batch fails meanwhile; returns whether it is still going. */
    @Override
    public boolean pause(Duration delay) throws InterruptedException {
        return !cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Aborts {@code abortable} if the batch fails before {@link #untrack}. */
    @Override
    public void track(Abortable abortable) {
        active.add(abortable);
        if (isCancelled()) {
            abortable.abort();
        }
    }

    @Override
    public void untrack(Abortable abortable) {
        active.remove(abortable);
    }

    /**
     * Waits until nothing of the batch is queued or running, then throws its failure if it has one.
     * An interrupt cancels the batch, waits for its work to stop and throws {@link
     * InterruptedIOException} with the interrupt status set.
     */
    public void await() throws IOException {
        boolean interrupted = false;
        synchronized (idle) {
            while (pending.get() > 0) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                    fail(new InterruptedIOException("interrupted while waiting for S3 transfers"));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        throw new IOException(t);
    }
}
