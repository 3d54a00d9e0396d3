package dev.rivulet;

import dev.rivulet.function.Func1;
import dev.rivulet.function.Func2;
import dev.rivulet.function.Proc1;
import dev.rivulet.function.Proc2;
import dev.rivulet.internal.graph.FutureValues;
import dev.rivulet.internal.graph.Quotes;
import dev.rivulet.internal.run.AllowFailureFuture;
import dev.rivulet.internal.run.Completion;
import dev.rivulet.internal.run.Context;
import dev.rivulet.internal.run.OutcomeFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What flows and tasks use to submit tasks and work with futures; meant for {@code import static
 * dev.rivulet.Tasks.*}.
 *
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="tasks"}
 *
 * <p>{@code submit(this::task, args...)} submits a task of a stub and returns its {@link
 * TaskFuture}: a method reference, then the arguments, any of which may be a future of the
 * parameter's type. The run starts on the flow's task runner when those futures are done, without
 * a thread waiting meanwhile. {@code map} submits once per item. Use {@link #with(TaskOptions)} and
 * {@link #waitFor} for per-call options and ordering.
 */
public final class Tasks extends TasksOverloads {

    private Tasks() {}

    /**
     * A call with these options on top of the task's own; see {@link TaskCall}.
     *
     * @param options the options of the call
     * @return a call to submit or call tasks through
     * @throws NullPointerException if {@code options} is null
     */
    public static TaskCall with(TaskOptions options) {
        return TaskCall.DEFAULT.with(options);
    }

    /**
     * A call that waits for these futures first; see {@link TaskCall#waitFor(TaskFuture...)}.
     *
     * @param futures the runs to wait for
     * @return a call to submit or call tasks through
     * @throws NullPointerException if a future is null
     */
    public static TaskCall waitFor(TaskFuture<?>... futures) {
        return TaskCall.DEFAULT.waitFor(futures);
    }

    /**
     * Returns {@code value} unchanged, marked so that the task call it is an argument of does not
     * look into it: no search for futures or upstream results inside it, and no edge for it.
     * Introspection walks every element of collections, maps, arrays and records; for an argument
     * of millions of elements that walk is the cost of the call, and quoting it makes the call as
     * cheap as one without arguments. Futures inside a quoted argument reach the task unresolved.
     *
     * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="quote"}
     *
     * <p>The mark applies to the next task call made in this thread, which should be the one
     * {@code quote(...)} is written in; for {@code map(task, items, quote(x))}, to every submission
     * it makes.
     *
     * @param <T> the argument's type
     * @param value the argument to pass as it is
     * @return {@code value} itself
     */
    public static <T> T quote(T value) {
        return Quotes.mark(value);
    }

    /**
     * A view of {@code future} whose failure its dependents accept: a task given it as an argument
     * runs even if the upstream failed, and receives {@code null} for it. As a {@link #waitFor}
     * future, it orders without failing: a clean-up task runs whatever happened. To learn what
     * failed, take the argument as an {@link Outcome} through {@link #outcome(TaskFuture)} instead.
     * A dependent that received {@code null} for a failure is not cached, as for {@code outcome}.
     *
     * @param <T> the run's result type
     * @param future the run whose failure is accepted
     * @return a future that dependents take as an argument or wait for
     * @throws IllegalArgumentException when the dependent is submitted, if this future is given for
     *     a primitive parameter, which cannot take {@code null}
     */
    public static <T> TaskFuture<T> allowFailure(TaskFuture<T> future) {
        return new AllowFailureFuture<>(future);
    }

    /**
     * A future of how {@code future}'s run ends, for a dependent that takes an {@link Outcome}: the
     * dependent runs when the run ends, however it ends, and receives an {@link Outcome.Success}
     * with the value or an {@link Outcome.Failure} that says why there is none.
     *
     * {@snippet file="dev/rivulet/snippets/OutcomeSnippetsTest.java" region="report"}
     *
     * <p>and its dependent, in the flow:
     *
     * {@snippet file="dev/rivulet/snippets/OutcomeSnippetsTest.java" region="submit"}
     *
     * <p>Like {@link #allowFailure}, a failure taken this way counts as looked at: it does not fail
     * the flow. A dependent given a failure is not cached: it neither looks its result up nor
     * persists it (its value stays in its future), since what it computed from a failure must not
     * stand in for, or replace, a result computed from a value. A success passes through caching as
     * any argument does: an {@code Outcome.Success} is a record, hashed by its value.
     *
     * <p>The returned future's own {@code get()} returns the outcome, never throwing for the run's
     * failure; {@code state()}, {@code taskRun()} and {@code cancel()} are those of the run.
     *
     * @param <T> the run's result type
     * @param future the run whose end the dependent takes
     * @return a future of the run's outcome, never failing
     */
    public static <T> TaskFuture<Outcome<T>> outcome(TaskFuture<T> future) {
        return new OutcomeFuture<>(future);
    }

    /**
     * The values of {@code futures}, as a list to pass to a task: {@code submit(this::merge,
     * results(parts))}. The task runs when all are done and receives their values; each future is
     * an edge of the graph. Read outside a task call, each element waits for its future.
     *
     * @param <T> the results' type
     * @param futures the runs whose values the task takes, in order
     * @return a list of their values, in the order of {@code futures}
     */
    public static <T> List<T> results(List<? extends TaskFuture<? extends T>> futures) {
        return new FutureValues<>(futures);
    }

    /**
     * Waits until every future is done, however it ends; throws nothing for failed runs.
     *
     * @param futures the futures to wait for
     * @throws NullPointerException if {@code futures} is null
     */
    public static void waitAll(Collection<? extends TaskFuture<?>> futures) {
        Objects.requireNonNull(futures, "futures");
        for (TaskFuture<?> future : futures) {
            future.await();
        }
    }

    /**
     * The values of {@code futures}, in order, waiting for each.
     *
     * @param <R> the results' type
     * @param futures the runs to wait for
     * @return their values, in the order of {@code futures}
     * @throws TaskFailedException for the first failed run in list order
     */
    public static <R> List<R> getAll(List<? extends TaskFuture<? extends R>> futures) {
        Objects.requireNonNull(futures, "futures");
        List<R> values = new ArrayList<>(futures.size());
        for (TaskFuture<? extends R> future : futures) {
            values.add(future.get());
        }
        return values;
    }

    /**
     * The futures in the order they finish: iterating waits for the next one to be done.
     *
     * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="as-completed"}
     *
     * @param <R> the results' type
     * @param futures the runs to follow; copied, so later changes to the collection are not seen
     * @return an iterable giving each future once, as it finishes; each iteration starts afresh
     */
    public static <R> Iterable<TaskFuture<R>> asCompleted(Collection<? extends TaskFuture<R>> futures) {
        List<TaskFuture<R>> all = List.copyOf(Objects.requireNonNull(futures, "futures"));
        return () -> {
            BlockingQueue<TaskFuture<R>> finished = new LinkedBlockingQueue<>();
            for (TaskFuture<R> future : all) {
                Completion.whenDone(future, () -> finished.add(future));
            }
            return new Iterator<>() {
                private int returned;

                @Override
                public boolean hasNext() {
                    return returned < all.size();
                }

                @Override
                public TaskFuture<R> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    try {
                        TaskFuture<R> next = finished.take();
                        returned++;
                        return next;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RivuletException("interrupted while waiting for the next finished task run", e);
                    }
                }
            };
        };
    }

    /**
     * The flow run this thread is working for (in a flow body, or in a task of a flow), if any.
     *
     * @return the flow run, or empty outside any flow
     */
    public static Optional<FlowRun> currentFlowRun() {
        return Context.currentFlowRun();
    }

    /**
     * The task run this thread is running the body of, if any.
     *
     * @return the task run, or empty outside a task's body
     */
    public static Optional<TaskRun> currentTaskRun() {
        return Context.currentTaskRun();
    }

    // ---- map: one submission per item ----

    /**
     * Submits {@code task} once per item with the default call; see {@link TaskCall#map(Func1, Iterable)}.
     *
     * @param <A> the task's parameter type
     * @param <R> the task's result type
     * @param task a method reference to a task of a stub
     * @param items the arguments, one submission each
     * @return the futures of the runs, in the order of {@code items}
     * @throws NullPointerException if {@code items} is null
     */
    public static <A, R> List<TaskFuture<R>> map(Func1<A, R> task, Iterable<? extends A> items) {
        return TaskCall.DEFAULT.map(task, items);
    }

    /**
     * Submits {@code task} once per item with the default call; see {@link TaskCall#map(Func1, Iterable)}.
     *
     * @param <A> the task's parameter type
     * @param task a method reference to a {@code void} task of a stub
     * @param items the arguments, one submission each
     * @return the futures of the runs, in the order of {@code items}
     * @throws NullPointerException if {@code items} is null
     */
    public static <A> List<TaskFuture<Void>> map(Proc1<A> task, Iterable<? extends A> items) {
        return TaskCall.DEFAULT.map(task, items);
    }

    /**
     * Submits {@code task} once per item with the default call; see {@link TaskCall#map(Func1, Iterable)}.
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
    public static <A, B, R> List<TaskFuture<R>> map(Func2<A, B, R> task, Iterable<? extends A> items, B unmapped) {
        return TaskCall.DEFAULT.map(task, items, unmapped);
    }

    /**
     * Submits {@code task} once per item with the default call; see {@link TaskCall#map(Func1, Iterable)}.
     *
     * @param <A> the task's first parameter type
     * @param <B> the task's second parameter type
     * @param task a method reference to a {@code void} task of a stub
     * @param items the first arguments, one submission each
     * @param unmapped the second argument, the same for every submission (a value or a future)
     * @return the futures of the runs, in the order of {@code items}
     * @throws NullPointerException if {@code items} is null
     */
    public static <A, B> List<TaskFuture<Void>> map(Proc2<A, B> task, Iterable<? extends A> items, B unmapped) {
        return TaskCall.DEFAULT.map(task, items, unmapped);
    }

}
