package dev.rivulet.internal.runner;

import dev.rivulet.runner.ReadyTaskRun;
import dev.rivulet.runner.TaskCallSender;
import dev.rivulet.runner.TaskRunner;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task runner on an {@link ExecutorService}: the thread pool, virtual-thread and sequential
 * runners, and runners that send task bodies elsewhere through a {@link TaskCallSender}.
 */
public final class ExecutorTaskRunner implements TaskRunner {

    private static final long CLOSE_GRACE_SECONDS = 30;

    private final String name;
    private final ExecutorService executor;
    private final Optional<TaskCallSender> sender;
    private volatile boolean closed;

    public ExecutorTaskRunner(String name, ExecutorService executor) {
        this(name, executor, null);
    }

    /** A runner whose runs' bodies go through {@code sender}, null for none. */
    public ExecutorTaskRunner(String name, ExecutorService executor, TaskCallSender sender) {
        this.name = name;
        this.executor = executor;
        this.sender = Optional.ofNullable(sender);
    }

    /** Daemon platform threads named {@code prefix + n}, so a forgotten runner does not keep the JVM up. */
    public static ThreadFactory platformThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + counter.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void submit(ReadyTaskRun run) {
        if (closed) {
            throw closedError(run);
        }
        try {
            executor.execute(run);
        } catch (RejectedExecutionException e) {
            throw closedError(run);
        }
    }

    private IllegalStateException closedError(ReadyTaskRun run) {
        return new IllegalStateException("task runner " + name + " is closed; task run '" + run.taskRun().name()
                + "' cannot be started (was the Rivulet or its runner closed while a flow was running?)");
    }

    @Override
    public Optional<TaskCallSender> callSender() {
        return sender;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
