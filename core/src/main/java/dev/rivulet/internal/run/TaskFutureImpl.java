package dev.rivulet.internal.run;

import dev.rivulet.TaskFailedException;
import dev.rivulet.internal.result.PersistedValue;

/** The future of a submitted task run: holds the run's value once it completes. */
final class TaskFutureImpl<R> extends RunFuture<R> {

    /** Set by the run before its completion is signalled, so any thread that saw the completion sees it. */
    volatile Object value;

    TaskFutureImpl(TaskRunImpl run) {
        super(run);
    }

    @Override
    public boolean allowsFailure() {
        return false;
    }

    @Override
    public Object value() {
        return materialize(value);
    }

    @Override
    public PersistedValue persisted() {
        return value instanceof PersistedValue persisted && !persisted.keptOnceLoaded() ? persisted : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    R ended() {
        if (run.state().hasValue()) {
            return (R) materialize(value);
        }
        run.observeFailure();
        throw new TaskFailedException(run, run.error().orElse(null));
    }

    /**
     * The value held, read from its store if it is not in memory: a copy for each caller of a value
     * the run dropped, or, for a cache hit the run keeps in memory, read by the first caller and kept.
     */
    private Object materialize(Object held) {
        if (!(held instanceof PersistedValue persisted)) {
            return held;
        }
        if (!persisted.keptOnceLoaded()) {
            return run.load(persisted);
        }
        synchronized (this) {
            Object current = value;
            if (current instanceof PersistedValue) {
                current = run.load(persisted);
                value = current;
            }
            return current;
        }
    }

    @Override
    public String toString() {
        return "TaskFuture[" + run.name() + ", " + run.state() + "]";
    }
}
