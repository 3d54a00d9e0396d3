package dev.rivulet.internal.run;

import dev.rivulet.State;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.internal.attempt.Nanos;
import dev.rivulet.internal.graph.FutureHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A future over one task run: waiting, state and cancelling are the run's; what the future gives
 * once the run has ended (its value, or an outcome) is the subclass's.
 */
abstract class RunFuture<R> implements TaskFuture<R>, FutureHandle {

    final TaskRunImpl run;

    RunFuture(TaskRunImpl run) {
        this.run = run;
    }

    /**
     * {@code future} as a run future.
     *
     * @param helper the method given the future, for messages
     * @throws NullPointerException if {@code future} is null
     * @throws IllegalArgumentException if Rivulet did not make it
     */
    static <R> RunFuture<R> of(TaskFuture<R> future, String helper) {
        Objects.requireNonNull(future, "future");
        if (!(future instanceof RunFuture<R> runFuture)) {
            throw new IllegalArgumentException(helper + " takes futures made by Rivulet, got " + future.getClass().getName());
        }
        return runFuture;
    }

    /** What {@link #get()} returns once the run has ended; throws what it throws. */
    abstract R ended();

    @Override
    public TaskRunImpl source() {
        return run;
    }

    @Override
    public R get() {
        run.awaitOrFail();
        return ended();
    }

    @Override
    public R get(Duration timeout) throws TimeoutException {
        run.await(Nanos.of(timeout));
        return ended();
    }

    @Override
    public void await() {
        run.await();
    }

    @Override
    public boolean isDone() {
        return run.isDone();
    }

    @Override
    public State state() {
        return run.state();
    }

    @Override
    public TaskRun taskRun() {
        return run;
    }

    @Override
    public boolean cancel() {
        return run.cancel();
    }

    @Override
    public CompletableFuture<R> toCompletableFuture() {
        run.observeFailure();
        CompletableFuture<R> view = new CompletableFuture<>();
        run.completion().whenComplete((r, e) -> {
            try {
                view.complete(ended());
            } catch (RuntimeException failure) {
                view.completeExceptionally(failure);
            }
        });
        return view;
    }
}
