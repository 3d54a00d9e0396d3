package dev.rivulet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The pending result of a submitted task run.
 *
 * <p>Pass a future as an argument of another task ({@code submit(this::transform, raw)}) and the
 * second run is scheduled when the first completes, with its value, without a thread waiting in
 * between; the graph records the edge. If the upstream fails, the dependent fails with an {@link
 * UpstreamFailedException} unless the future is passed through {@link Tasks#outcome} (the dependent
 * receives an {@link Outcome}) or {@link Tasks#allowFailure} (it receives {@code null}).
 *
 * @param <R> the task's result type ({@code Void} for a {@code void} task)
 */
public interface TaskFuture<R> {

    /**
     * Waits for the run to end and returns its value.
     *
     * @return the run's value, which may be null
     * @throws TaskFailedException if the run failed, crashed or was cancelled; its cause is the
     *     run's error
     * @throws RivuletException if the waiting thread is interrupted (its interrupt flag stays set)
     */
    R get();

    /**
     * Like {@link #get()}, but waits at most {@code timeout}.
     *
     * @param timeout the longest to wait
     * @return the run's value, which may be null
     * @throws TimeoutException if the run has not ended by then
     */
    R get(Duration timeout) throws TimeoutException;

    /** Waits for the run to end, however it ends; throws nothing for a failed run. */
    void await();

    /** {@return whether the run has reached a final state} */
    boolean isDone();

    /** {@return the run's current state} */
    State state();

    /** {@return the task run behind this future} */
    TaskRun taskRun();

    /**
     * Cancels the run: a run not yet started will not start; a running one is interrupted. Its
     * dependents are cancelled too.
     *
     * @return whether this call changed anything (false if the run had already ended)
     */
    boolean cancel();

    /**
     * A {@link CompletableFuture} view, for code that composes futures; it completes with the value
     * or exceptionally with a {@link TaskFailedException}. Completing it from outside has no effect
     * on the run.
     *
     * @return a future that completes when the run ends
     */
    CompletableFuture<R> toCompletableFuture();
}
