package dev.rivulet.tables.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one parallel call of this module: the caller's executor, which the caller owns and
 * shuts down, or a pool made for the call, which {@link #close()} shuts down. Either way, {@code
 * close()} returns only when every task handed over has ended or will never start, so nothing of the
 * call still runs once the call returns: tasks read the caller's tables, which the caller may close
 * next. Only the calling thread submits.
 */
final class Workers implements AutoCloseable {

    /** Threads a call uses when it is not told: one per processor. */
    static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Executor executor;
    private final ExecutorService owned;
    private final int parallelism;
    private final List<Task<?>> tasks = new ArrayList<>();

    private Workers(Executor executor, ExecutorService owned, int parallelism) {
        this.executor = executor;
        this.owned = owned;
        this.parallelism = parallelism;
    }

    /** Work on {@code executor}, which stays the caller's, as if it had {@code parallelism} threads. */
    static Workers on(Executor executor, int parallelism) {
        return new Workers(Objects.requireNonNull(executor, "executor"), null, parallelism);
    }

    /**
     * Work on a pool of {@code threads} daemon threads named {@code <name>-N}, made for the call;
     * with one thread, on the calling thread, in {@link #submit}: each task runs there even if one
     * before it failed, so a caller that must stop at a failure looks at each future as it goes.
     */
    static Workers forCall(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (threads == 1) {
            return new Workers(Runnable::run, null, 1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new Workers(pool, pool, threads);
    }

    /** How many tasks may run at once; 1 means they run on the calling thread, in {@link #submit}. */
    int parallelism() {
        return parallelism;
    }

    <T> Future<T> submit(Callable<T> work) {
        Task<T> task = new Task<>(work);
        tasks.add(task);
        executor.execute(task);
        return task;
    }

    /**
     * Stops what is left: tasks not started never start, running ones are interrupted and waited
     * for; then shuts the call's own pool down. Interrupted while waiting, it leaves the interrupt for
     * the caller and returns.
     */
    @Override
    public void close() {
        try {
            for (Task<?> task : tasks) {
                task.stop();  // all of them first: a task waited for would free its thread for the next one
            }
            for (Task<?> task : tasks) {
                task.awaitEnd();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (owned != null) {
                owned.shutdownNow();
            }
        }
    }

    /** A task that can tell whether it started, and be waited for until it ended. */
    private static final class Task<T> extends FutureTask<T> {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch ended = new CountDownLatch(1);

        Task(Callable<T> work) {
            super(work);
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;  // stopped before it started
            }
            try {
                super.run();
            } finally {
                ended.countDown();
            }
        }

        /** Not started, it never starts; running, it is interrupted. */
        void stop() {
            if (claimed.compareAndSet(false, true)) {
                cancel(false);
                ended.countDown();
            } else {
                cancel(true);
            }
        }

        void awaitEnd() throws InterruptedException {
            ended.await();
        }
    }
}
