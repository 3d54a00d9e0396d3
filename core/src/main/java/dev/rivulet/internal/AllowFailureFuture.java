package dev.rivulet.internal;

import dev.rivulet.State;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** A future whose failure its dependents accept: they run anyway and receive null for it. */
public final class AllowFailureFuture<R> implements TaskFuture<R>, FutureHandle {

    private final TaskFuture<R> delegate;
    private final FutureHandle handle;
    private final TaskRunImpl run;

    public AllowFailureFuture(TaskFuture<R> delegate) {
        Objects.requireNonNull(delegate, "future");
        if (!(delegate instanceof FutureHandle handle)) {
            throw new IllegalArgumentException("allowFailure takes futures made by Rivulet, got " + delegate.getClass().getName());
        }
        this.delegate = delegate;
        this.handle = handle;
        this.run = handle.source();
    }

    @Override
    public TaskRunImpl source() {
        return run;
    }

    @Override
    public Object value() {
        return handle.value();
    }

    @Override
    public boolean allowsFailure() {
        return true;
    }

    @Override
    public R get() {
        return delegate.get();
    }

    @Override
    public R get(Duration timeout) throws TimeoutException {
        return delegate.get(timeout);
    }

    @Override
    public void await() {
        delegate.await();
    }

    @Override
    public boolean isDone() {
        return delegate.isDone();
    }

    @Override
    public State state() {
        return delegate.state();
    }

    @Override
    public TaskRun taskRun() {
        return delegate.taskRun();
    }

    @Override
    public boolean cancel() {
        return delegate.cancel();
    }

    @Override
    public CompletableFuture<R> toCompletableFuture() {
        return delegate.toCompletableFuture();
    }

    @Override
    public String toString() {
        return "allowFailure(" + delegate + ")";
    }
}
