package dev.rivulet.runner;

import java.util.Optional;

/**
 * Runs task runs that are ready: their upstream runs are done and their arguments resolved.
 *
 * <p>The runtime owns the dependency graph, states, retries, timeouts and results; a runner only
 * decides where and when a ready run's {@link ReadyTaskRun#run()} is called. It must not call it in
 * the thread that called {@link #submit}, since that thread may be completing an upstream run.
 * Implementations are thread-safe.
 *
 * <p>A runner that carries out task bodies in other JVMs says so with {@link #callSender()}: the
 * runtime then sends the body of every attempt of its runs through that sender, whichever thread the
 * runner calls {@code run()} in, and of direct calls too, which run in their caller's thread.
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

    /**
     * Where this runner sends task bodies to be carried out, if not in this JVM: the runtime calls
     * the sender for every attempt of a run on this runner, in the attempt's thread, in place of the
     * task's method. Empty, the default, for runners whose runs call the method here.
     *
     * @return the sender, or empty
     */
    default Optional<TaskCallSender> callSender() {
        return Optional.empty();
    }

    /** {@return whether {@link #close()} has been called} */
    boolean isClosed();

    /**
     * Stops taking runs, lets the ones it has finish (waiting a bounded time), and frees its
     * threads. Calling it again does nothing.
     */
    @Override
    void close();
}
