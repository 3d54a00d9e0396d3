package dev.rivulet.internal.run;

import dev.rivulet.TaskFuture;

/** A future whose failure its dependents accept: they run anyway and receive null for it. */
public final class AllowFailureFuture<R> extends RunFuture<R> {

    private final RunFuture<R> delegate;

    public AllowFailureFuture(TaskFuture<R> future) {
        this(RunFuture.of(future, "allowFailure"));
    }

    private AllowFailureFuture(RunFuture<R> delegate) {
        super(delegate.run);
        this.delegate = delegate;
    }

    @Override
    public Object value() {
        return delegate.value();
    }

    @Override
    public boolean allowsFailure() {
        return true;
    }

    @Override
    R ended() {
        return delegate.ended();
    }

    @Override
    public String toString() {
        return "allowFailure(" + delegate + ")";
    }
}
