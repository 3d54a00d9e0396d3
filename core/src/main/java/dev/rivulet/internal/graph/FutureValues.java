package dev.rivulet.internal.graph;

import dev.rivulet.TaskFuture;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The values of many futures as a list, made by {@code Tasks.results}. Passed to a task, it is
 * seen through: each future is an upstream, and the task receives a plain list of values. Read
 * directly, each element waits for its future.
 */
public final class FutureValues<T> extends AbstractList<T> implements RandomAccess {

    private final List<TaskFuture<? extends T>> futures;
    private final List<FutureHandle> handles;

    public FutureValues(List<? extends TaskFuture<? extends T>> futures) {
        Objects.requireNonNull(futures, "futures");
        this.handles = new ArrayList<>(futures.size());
        for (TaskFuture<? extends T> future : futures) {
            if (future == null) {
                throw new NullPointerException("futures[" + handles.size() + "]");
            }
            if (!(future instanceof FutureHandle handle)) {
                throw new IllegalArgumentException("Tasks.results takes futures made by Rivulet, got " + future.getClass().getName());
            }
            handles.add(handle);
        }
        this.futures = List.copyOf(futures);
    }

    public List<FutureHandle> handles() {
        return handles;
    }

    @Override
    public T get(int index) {
        return futures.get(index).get();
    }

    @Override
    public int size() {
        return futures.size();
    }
}
