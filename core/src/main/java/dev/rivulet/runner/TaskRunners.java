package dev.rivulet.runner;

import dev.rivulet.internal.runner.ExecutorTaskRunner;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built-in task runners.
 *
 * <ul>
 *   <li>{@link #threadPool(int)}: a fixed pool of platform threads, for CPU-bound tasks;
 *   <li>{@link #virtualThreads()}: a virtual thread per run, for tasks that mostly wait on I/O;
 *   <li>{@link #sequential()}: one thread, runs in submission order, for debugging and tests;
 *   <li>{@link #sending(String, TaskCallSender)}: task bodies carried out elsewhere, the building
 *       block of remote runners.
 * </ul>
 */
public final class TaskRunners {

    private TaskRunners() {}

    /**
     * {@return a pool of {@code threads} platform threads}
     *
     * @param threads how many runs run at once
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static TaskRunner threadPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threadPool needs at least one thread, was " + threads);
        }
        return new ExecutorTaskRunner("threadPool(" + threads + ")",
                Executors.newFixedThreadPool(threads, ExecutorTaskRunner.platformThreads("rivulet-task-")));
    }

    /** {@return a pool with one platform thread per available processor} */
    public static TaskRunner threadPool() {
        return threadPool(Runtime.getRuntime().availableProcessors());
    }

    /** {@return a new virtual thread for every run} */
    public static TaskRunner virtualThreads() {
        return new ExecutorTaskRunner("virtualThreads",
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rivulet-vtask-", 0).factory()));
    }

    /** {@return one platform thread: runs one at a time, in the order they become ready} */
    public static TaskRunner sequential() {
        return new ExecutorTaskRunner("sequential",
                Executors.newSingleThreadExecutor(ExecutorTaskRunner.platformThreads("rivulet-sequential-")));
    }

    /**
     * A runner whose task bodies are carried out elsewhere, through {@code sender}: each run's
     * attempt runs on a virtual thread here, which sends the body and waits for its outcome, so any
     * number of runs can wait at once. What a remote runner builds on; see {@link TaskCallSender}.
     *
     * @param name how logs and errors name the runner
     * @param sender carries bodies out and returns their outcomes
     * @return the runner
     */
    public static TaskRunner sending(String name, TaskCallSender sender) {
        return new ExecutorTaskRunner(Objects.requireNonNull(name, "name"),
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rivulet-remote-", 0).factory()),
                Objects.requireNonNull(sender, "sender"));
    }

    /**
     * A runner on an executor of your own; closing the runner shuts the executor down.
     *
     * @param executor where runs run; owned by the runner from now on
     * @return a runner that submits each ready run to {@code executor}
     * @param name how logs and errors name the runner
     */
    public static TaskRunner of(String name, ExecutorService executor) {
        return new ExecutorTaskRunner(Objects.requireNonNull(name, "name"), Objects.requireNonNull(executor, "executor"));
    }
}
