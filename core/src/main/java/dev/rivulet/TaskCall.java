package dev.rivulet;

import dev.rivulet.function.Func1;
import dev.rivulet.function.Func2;
import dev.rivulet.function.Proc1;
import dev.rivulet.function.Proc2;
import dev.rivulet.internal.graph.Quotes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A task call with options of its own: per-call {@link TaskOptions} and runs to wait for. Made by
 * {@link Tasks#with(TaskOptions)} and {@link Tasks#waitFor}; immutable, so one can be kept and
 * reused.
 *
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="task-call"}
 *
 * <p>{@code submit} takes a method reference to a task of a stub and the task's arguments; any
 * argument may be given as a {@link TaskFuture} of its type instead, and the run is scheduled when
 * those futures complete. There is one {@code submit} for each task shape ({@code Func0} to {@code
 * Func4}, {@code Proc0} to {@code Proc4}) and each choice of value or future for each argument. {@code call} runs the task in this thread, like a direct call, with this
 * call's options. {@code map} submits the task once per item.
 *
 * <p>Task methods used through method references should not be overloaded: an overloaded
 * reference is ambiguous to the compiler.
 */
public final class TaskCall extends TaskCallOverloads {

    static final TaskCall DEFAULT = new TaskCall(null, List.of());

    private final TaskOptions options;
    private final List<TaskFuture<?>> waitFor;

    private TaskCall(TaskOptions options, List<TaskFuture<?>> waitFor) {
        this.options = options;
        this.waitFor = waitFor;
    }

    /**
     * This call with {@code options} on top of the ones it has (which stay where these are unset;
     * tags and hooks add up).
     *
     * @param options the options to add
     * @return a new call; this one is unchanged
     * @throws NullPointerException if {@code options} is null
     */
    public TaskCall with(TaskOptions options) {
        Objects.requireNonNull(options, "options");
        return new TaskCall(this.options == null ? options : options.withDefaults(this.options), waitFor);
    }

    /**
     * This call, also waiting for {@code futures} to complete before the task starts (edges of kind
     * {@link RunGraph.EdgeKind#WAIT_FOR}). If one fails, the task fails with an {@link
     * UpstreamFailedException}, unless it was wrapped in {@link Tasks#allowFailure} or {@link Tasks#outcome}.
     *
     * @param futures the runs to wait for, added to those this call already waits for
     * @return a new call; this one is unchanged
     * @throws NullPointerException if a future is null
     */
    public TaskCall waitFor(TaskFuture<?>... futures) {
        return waitFor(Arrays.asList(futures));
    }

    /**
     * This call, also waiting for {@code futures}; see {@link #waitFor(TaskFuture...)}.
     *
     * @param futures the runs to wait for, added to those this call already waits for
     * @return a new call; this one is unchanged
     * @throws NullPointerException if a future is null
     */
    public TaskCall waitFor(List<? extends TaskFuture<?>> futures) {
        List<TaskFuture<?>> all = new ArrayList<>(waitFor);
        for (TaskFuture<?> future : futures) {
            all.add(Objects.requireNonNull(future, "future"));
        }
        return new TaskCall(options, List.copyOf(all));
    }

    @Override
    TaskOptions options() {
        return options;
    }

    @Override
    List<TaskFuture<?>> waitingFor() {
        return waitFor;
    }

    // ---- map: one submission per item ----

    /**
     * Submits {@code task} once per item, as {@code submit(task, item)} would, with this call's options
     * and futures to wait for. A {@linkplain Tasks#quote quoted} argument stays quoted for every
     * submission.
     *
     * @param <A> the task's parameter type
     * @param <R> the task's result type
     * @param task a method reference to a task of a stub
     * @param items the arguments, one submission each
     * @return the futures of the runs, in the order of {@code items}
     * @throws NullPointerException if {@code items} is null
     */
    public <A, R> List<TaskFuture<R>> map(Func1<A, R> task, Iterable<? extends A> items) {
        List<TaskFuture<R>> futures = new ArrayList<>();
        Objects.requireNonNull(items, "items");
        Set<Object> quoted = Quotes.takeForReuse();
        for (A item : items) {
            Quotes.restore(quoted);
            futures.add(submit(task, item));
        }
        return futures;
    }

    /**
     * Submits {@code task} once per item, as {@code submit(task, item)} would, with this call's options
     * and futures to wait for. A {@linkplain Tasks#quote quoted} argument stays quoted for every
     * submission.
     *
     * @param <A> the task's parameter type
     * @param task a method reference to a {@code void} task of a stub
     * @param items the arguments, one submission each
     * @return the futures of the runs, in the order of {@code items}
     * @throws NullPointerException if {@code items} is null
     */
    public <A> List<TaskFuture<Void>> map(Proc1<A> task, Iterable<? extends A> items) {
        List<TaskFuture<Void>> futures = new ArrayList<>();
        Objects.requireNonNull(items, "items");
        Set<Object> quoted = Quotes.takeForReuse();
        for (A item : items) {
            Quotes.restore(quoted);
            futures.add(submit(task, item));
        }
        return futures;
    }

    /**
     * Submits {@code task} once per item, as {@code submit(task, item)} would, with this call's options
     * and futures to wait for. A {@linkplain Tasks#quote quoted} argument stays quoted for every
     * submission.
     *
     * @param <A> the task's first parameter type
     * @param <B> the task's second parameter type
     * @param <R> the task's result type
     * @param task a method reference to a task of a stub
     * @param items the first arguments, one submission each
     * @param unmapped the second argument, the same for every submission (a value or a future)
     * @return the futures of the runs, in the order of {@code items}
     * @throws NullPointerException if {@code items} is null
     */
    public <A, B, R> List<TaskFuture<R>> map(Func2<A, B, R> task, Iterable<? extends A> items, B unmapped) {
        List<TaskFuture<R>> futures = new ArrayList<>();
        Objects.requireNonNull(items, "items");
        Set<Object> quoted = Quotes.takeForReuse();
        for (A item : items) {
            Quotes.restore(quoted);
            futures.add(submit(task, item, unmapped));
        }
        return futures;
    }

    /**
     * Submits {@code task} once per item, as {@code submit(task, item)} would, with this call's options
     * and futures to wait for. A {@linkplain Tasks#quote quoted} argument stays quoted for every
     * submission.
     *
     * @param <A> the task's first parameter type
     * @param <B> the task's second parameter type
     * @param task a method reference to a {@code void} task of a stub
     * @param items the first arguments, one submission each
     * @param unmapped the second argument, the same for every submission (a value or a future)
     * @return the futures of the runs, in the order of {@code items}
     * @throws NullPointerException if {@code items} is null
     */
    public <A, B> List<TaskFuture<Void>> map(Proc2<A, B> task, Iterable<? extends A> items, B unmapped) {
        List<TaskFuture<Void>> futures = new ArrayList<>();
        Objects.requireNonNull(items, "items");
        Set<Object> quoted = Quotes.takeForReuse();
        for (A item : items) {
            Quotes.restore(quoted);
            futures.add(submit(task, item, unmapped));
        }
        return futures;
    }

}
