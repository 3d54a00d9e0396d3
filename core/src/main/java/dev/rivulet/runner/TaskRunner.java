package dev.rivulet.runner;

/**
 * Runs task runs that are ready: their upstream runs are done and their arguments resolved.
 *
 * <p>The runtime owns the dependency graph, states, retries, timeouts and results; a runner only
 * decides where and when a ready run's {@link ReadyTaskRun#run()} is called. It must not call it in
 * the thread that called {@link #submit}, since that thread may be completing an upstream run.
 * Implementations are thread-safe.
 *
 * <p>Built-in runners come from {@link TaskRunners}.
 */
public interface TaskRunner extends AutoCloseable {

    /** {@return a short description for logs and errors, such as {@code threadPool(8)}} */
    String name();

    /**
     * Arranges for {@code run.run()} to be called soon, in another thread.
     *
     * @param run a run whose upstreams are done
     * @throws IllegalStateException if the runner is closed
     */
    void submit(ReadyTaskRun run);

    /** {@return whether {@link #close()} has been called} */
    boolean isClosed();

    /**
     * Stops taking runs, lets the ones it has finish (waiting a bounded time), and frees its
     * threads. Calling it again does nothing.
     */
    @Override
    void close();
}
