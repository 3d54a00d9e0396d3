package dev.rivulet.internal.run;

import dev.rivulet.Outcome;
import dev.rivulet.TaskFuture;

/**
 * A future of how a run ends, made by {@code Tasks.outcome}: its dependents run however the run
 * ends and receive an {@link Outcome}. Its own {@code get()} returns the outcome and never throws
 * for the run's failure.
 */
public final class OutcomeFuture<T> extends RunFuture<Outcome<T>> {

    private final RunFuture<T> delegate;

    public OutcomeFuture(TaskFuture<T> future) {
        this(RunFuture.of(future, "outcome"));
    }

    private OutcomeFuture(RunFuture<T> delegate) {
        super(delegate.run);
        this.delegate = delegate;
    }

    @Override
    public boolean allowsFailure() {
        return true;
    }

    @Override
    public boolean passesValueItself() {
        return false;
    }

    /** The outcome, once the run has ended; null before. */
    @Override
    public Object value() {
        return run.isDone() ? outcome() : null;
    }

    /** The outcome, taking notice of the failure it may describe. */
    @Override
    Outcome<T> ended() {
        if (run.state().isFailure()) {
            run.observeFailure();
        }
        return outcome();
    }

    @SuppressWarnings("unchecked")
    private Outcome<T> outcome() {
        if (run.state().hasValue()) {
            return new Outcome.Success<>((T) delegate.value());
        }
        return new Outcome.Failure<>(run.name(), run.state(), run.failureRecord());
    }

    @Override
    public String toString() {
        return "outcome(" + delegate + ")";
    }
}
