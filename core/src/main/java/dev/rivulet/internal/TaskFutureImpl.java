package dev.rivulet.internal;

import dev.rivulet.State;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** The future of a submitted task run: holds the run's value once it completes. */
final class TaskFutureImpl<R> implements TaskFuture<R>, FutureHandle {

    private final TaskRunImpl run;
    /** Set by the run before its completion is signalled, so any thread that saw the completion sees it. */
    volatile Object value;

    TaskFutureImpl(TaskRunImpl run) {
        this.run = run;
    }

    @Override
    public TaskRunImpl source() {
        return run;
    }

    @Override
    public boolean allowsFailure() {
        return false;
    }

    @Override
    public Object value() {
        return PersistedValue.materialize(value);
    }

    @Override
    public R get() {
        run.awaitOrFail();
        return valueOrThrow();
    }

    @Override
    public R get(Duration timeout) throws TimeoutException {
        run.await(timeout.toNanos());
        return valueOrThrow();
    }

    @SuppressWarnings("unchecked")
    private R valueOrThrow() {
        if (run.state().hasValue()) {
            return (R) PersistedValue.materialize(value);
        }
        run.observeFailure();
        throw new TaskFailedException(run, run.error().orElse(null));
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
    @SuppressWarnings("unchecked")
    public CompletableFuture<R> toCompletableFuture() {
        run.observeFailure();
        CompletableFuture<R> view = new CompletableFuture<>();
        run.completion().whenComplete((r, e) -> {
            if (run.state().hasValue()) {
                try {
                    view.complete((R) PersistedValue.materialize(value));
                } catch (RuntimeException loadFailure) {
                    view.completeExceptionally(loadFailure);
                }
            } else {
                view.completeExceptionally(new TaskFailedException(run, run.error().orElse(null)));
            }
        });
        return view;
    }

    @Override
    public String toString() {
        return "TaskFuture[" + run.name() + ", " + run.state() + "]";
    }
}
