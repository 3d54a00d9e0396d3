package dev.rivulet.storage.s3.internal.bulk;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that run the requests of one bulk client: at most {@code threads} requests at once
 * across all its calls. Queued work runs in two classes: the rest of a transfer that has started
 * (more parts, completing an upload) before the start of a new one, so that open transfers finish
 * and their files and uploads close instead of piling up; first come, first served within a class.
 * Threads stop after a minute without work.
 */
public final class TransferPool implements AutoCloseable {

    static final int CONTINUATION = 0;
    static final int START = 1;

    private final ThreadPoolExecutor executor;
    private final AtomicLong sequence = new AtomicLong();

    public TransferPool(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new PriorityBlockingQueue<>(),
                task -> Thread.ofPlatform().daemon().name("rivulet-s3-" + count.incrementAndGet()).unstarted(task));
        executor.allowCoreThreadTimeOut(true);
    }

    /** A new batch: the work of one call, awaited and cancelled together. */
    public Batch newBatch() {
        return new Batch(this);
    }

    void execute(Job job) {
        executor.execute(job);
    }

    boolean remove(Job job) {
        return executor.remove(job);
    }

    long nextSequence() {
        return sequence.getAndIncrement();
    }

    /** Stops the threads; calls still running fail, and their waiting callers return. */
    @Override
    public void close() {
        for (Runnable dropped : executor.shutdownNow()) {
            Job job = (Job) dropped;
            job.batch.dropped(job);
        }
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One queued piece of work of a batch. */
    static final class Job implements Runnable, Comparable<Job> {
        final Batch batch;
        final int priority;
        final long sequence;
        final Batch.Task task;

        Job(Batch batch, int priority, long sequence, Batch.Task task) {
            this.batch = batch;
            this.priority = priority;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void run() {
            batch.run(this);
        }

        @Override
        public int compareTo(Job other) {
            int byPriority = Integer.compare(priority, other.priority);
            return byPriority != 0 ? byPriority : Long.compare(sequence, other.sequence);
        }
    }
}
