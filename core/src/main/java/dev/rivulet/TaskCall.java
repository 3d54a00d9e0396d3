package dev.rivulet;

import dev.rivulet.function.Func0;
import dev.rivulet.function.Func1;
import dev.rivulet.function.Func2;
import dev.rivulet.function.Func3;
import dev.rivulet.function.Func4;
import dev.rivulet.function.Proc0;
import dev.rivulet.function.Proc1;
import dev.rivulet.function.Proc2;
import dev.rivulet.function.Proc3;
import dev.rivulet.function.Proc4;
import dev.rivulet.internal.call.Calls;
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
 * <pre>{@code
 * TaskFuture<Table> t = Tasks.with(TaskOptions.newBuilder().retries(5).build())
 *         .waitFor(schemaCreated)
 *         .submit(this::transform, raw);
 * }</pre>
 *
 * <p>{@code submit} takes a method reference to a task of a stub and the task's arguments; any
 * argument may be given as a {@link TaskFuture} of its type instead, and the run is scheduled when
 * those futures complete. {@code call} runs the task in this thread, like a direct call, with this
 * call's options. {@code map} submits the task once per item.
 *
 * <p>Task methods used through method references should not be overloaded: an overloaded
 * reference is ambiguous to the compiler.
 */
public final class TaskCall {

    static final TaskCall DEFAULT = new TaskCall(null, List.of());

    private final TaskOptions options;
    private final List<TaskFuture<?>> waitFor;

    private TaskCall(TaskOptions options, List<TaskFuture<?>> waitFor) {
        this.options = options;
        this.waitFor = waitFor;
    }

    /** This call with {@code options} on top of the ones it has (which stay where these are unset). */
    public TaskCall with(TaskOptions options) {
        Objects.requireNonNull(options, "options");
        return new TaskCall(this.options == null ? options : options.withDefaults(this.options), waitFor);
    }

    /**
     * This call, also waiting for {@code futures} to complete before the task starts (edges of kind
     * {@link RunGraph.EdgeKind#WAIT_FOR}). If one fails, the task fails with an {@link
     * UpstreamFailedException}, unless it was wrapped in {@link Tasks#allowFailure} or {@link Tasks#outcome}.
     */
    public TaskCall waitFor(TaskFuture<?>... futures) {
        return waitFor(Arrays.asList(futures));
    }

    /** See {@link #waitFor(TaskFuture...)}. */
    public TaskCall waitFor(List<? extends TaskFuture<?>> futures) {
        List<TaskFuture<?>> all = new ArrayList<>(waitFor);
        for (TaskFuture<?> future : futures) {
            all.add(Objects.requireNonNull(future, "future"));
        }
        return new TaskCall(options, List.copyOf(all));
    }

    // ---- submit: one overload per arity, each argument a value or a future of one ----

    public <R> TaskFuture<R> submit(Func0<R> task) {
        return Calls.submit(options, waitFor, task, null, () -> task.apply());
    }

    public <A1, R> TaskFuture<R> submit(Func1<A1, R> task, A1 a1) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1}, () -> task.apply(a1));
    }

    public <A1, R> TaskFuture<R> submit(Func1<A1, R> task, TaskFuture<? extends A1> a1) {
        return Calls.submit(options, waitFor, task, new Object[] {a1}, () -> task.apply(Calls.placeholder(task, 0)));
    }

    public <A1, A2, R> TaskFuture<R> submit(Func2<A1, A2, R> task, A1 a1, A2 a2) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(a1, a2));
    }

    public <A1, A2, R> TaskFuture<R> submit(Func2<A1, A2, R> task, A1 a1, TaskFuture<? extends A2> a2) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(a1, Calls.placeholder(task, 1)));
    }

    public <A1, A2, R> TaskFuture<R> submit(Func2<A1, A2, R> task, TaskFuture<? extends A1> a1, A2 a2) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(Calls.placeholder(task, 0), a2));
    }

    public <A1, A2, R> TaskFuture<R> submit(Func2<A1, A2, R> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1)));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, A1 a1, A2 a2, A3 a3) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, a2, a3));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, A1 a1, A2 a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, a2, Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, A1 a1, TaskFuture<? extends A2> a2, A3 a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, Calls.placeholder(task, 1), a3));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, A1 a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, Calls.placeholder(task, 1), Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, TaskFuture<? extends A1> a1, A2 a2, A3 a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), a2, a3));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, TaskFuture<? extends A1> a1, A2 a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), a2, Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, A3 a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), a3));
    }

    public <A1, A2, A3, R> TaskFuture<R> submit(Func3<A1, A2, A3, R> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, A2 a2, A3 a3, A4 a4) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, a3, a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, A2 a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, A2 a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, A2 a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, TaskFuture<? extends A2> a2, A3 a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), a3, a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, TaskFuture<? extends A2> a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, A1 a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, A2 a2, A3 a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, a3, a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, A2 a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, A2 a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, A2 a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, A3 a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), a3, a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4, R> TaskFuture<R> submit(Func4<A1, A2, A3, A4, R> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    public TaskFuture<Void> submit(Proc0 task) {
        return Calls.submit(options, waitFor, task, null, () -> task.apply());
    }

    public <A1> TaskFuture<Void> submit(Proc1<A1> task, A1 a1) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1}, () -> task.apply(a1));
    }

    public <A1> TaskFuture<Void> submit(Proc1<A1> task, TaskFuture<? extends A1> a1) {
        return Calls.submit(options, waitFor, task, new Object[] {a1}, () -> task.apply(Calls.placeholder(task, 0)));
    }

    public <A1, A2> TaskFuture<Void> submit(Proc2<A1, A2> task, A1 a1, A2 a2) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(a1, a2));
    }

    public <A1, A2> TaskFuture<Void> submit(Proc2<A1, A2> task, A1 a1, TaskFuture<? extends A2> a2) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(a1, Calls.placeholder(task, 1)));
    }

    public <A1, A2> TaskFuture<Void> submit(Proc2<A1, A2> task, TaskFuture<? extends A1> a1, A2 a2) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(Calls.placeholder(task, 0), a2));
    }

    public <A1, A2> TaskFuture<Void> submit(Proc2<A1, A2> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1)));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, A1 a1, A2 a2, A3 a3) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, a2, a3));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, A1 a1, A2 a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, a2, Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, A1 a1, TaskFuture<? extends A2> a2, A3 a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, Calls.placeholder(task, 1), a3));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, A1 a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, Calls.placeholder(task, 1), Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, TaskFuture<? extends A1> a1, A2 a2, A3 a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), a2, a3));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, TaskFuture<? extends A1> a1, A2 a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), a2, Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, A3 a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), a3));
    }

    public <A1, A2, A3> TaskFuture<Void> submit(Proc3<A1, A2, A3> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), Calls.placeholder(task, 2)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, A2 a2, A3 a3, A4 a4) {
        return Calls.submitValues(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, a3, a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, A2 a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, A2 a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, A2 a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, TaskFuture<? extends A2> a2, A3 a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), a3, a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, TaskFuture<? extends A2> a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, A1 a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, Calls.placeholder(task, 1), Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, A2 a2, A3 a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, a3, a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, A2 a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, A2 a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, A2 a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), a2, Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, A3 a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), a3, a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, A3 a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), a3, Calls.placeholder(task, 3)));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, A4 a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), Calls.placeholder(task, 2), a4));
    }

    public <A1, A2, A3, A4> TaskFuture<Void> submit(Proc4<A1, A2, A3, A4> task, TaskFuture<? extends A1> a1, TaskFuture<? extends A2> a2, TaskFuture<? extends A3> a3, TaskFuture<? extends A4> a4) {
        return Calls.submit(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(Calls.placeholder(task, 0), Calls.placeholder(task, 1), Calls.placeholder(task, 2), Calls.placeholder(task, 3)));
    }

    // ---- call: runs the task in this thread with this call's options ----

    public <R> R call(Func0<R> task) {
        return Calls.call(options, waitFor, task, null, () -> task.apply());
    }

    public <A1, R> R call(Func1<A1, R> task, A1 a1) {
        return Calls.call(options, waitFor, task, new Object[] {a1}, () -> task.apply(a1));
    }

    public <A1, A2, R> R call(Func2<A1, A2, R> task, A1 a1, A2 a2) {
        return Calls.call(options, waitFor, task, new Object[] {a1, a2}, () -> task.apply(a1, a2));
    }

    public <A1, A2, A3, R> R call(Func3<A1, A2, A3, R> task, A1 a1, A2 a2, A3 a3) {
        return Calls.call(options, waitFor, task, new Object[] {a1, a2, a3}, () -> task.apply(a1, a2, a3));
    }

    public <A1, A2, A3, A4, R> R call(Func4<A1, A2, A3, A4, R> task, A1 a1, A2 a2, A3 a3, A4 a4) {
        return Calls.call(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> task.apply(a1, a2, a3, a4));
    }

    public void call(Proc0 task) {
        Calls.call(options, waitFor, task, null, () -> {
            task.apply();
            return null;
        });
    }

    public <A1> void call(Proc1<A1> task, A1 a1) {
        Calls.call(options, waitFor, task, new Object[] {a1}, () -> {
            task.apply(a1);
            return null;
        });
    }

    public <A1, A2> void call(Proc2<A1, A2> task, A1 a1, A2 a2) {
        Calls.call(options, waitFor, task, new Object[] {a1, a2}, () -> {
            task.apply(a1, a2);
            return null;
        });
    }

    public <A1, A2, A3> void call(Proc3<A1, A2, A3> task, A1 a1, A2 a2, A3 a3) {
        Calls.call(options, waitFor, task, new Object[] {a1, a2, a3}, () -> {
            task.apply(a1, a2, a3);
            return null;
        });
    }

    public <A1, A2, A3, A4> void call(Proc4<A1, A2, A3, A4> task, A1 a1, A2 a2, A3 a3, A4 a4) {
        Calls.call(options, waitFor, task, new Object[] {a1, a2, a3, a4}, () -> {
            task.apply(a1, a2, a3, a4);
            return null;
        });
    }

    // ---- map: one submission per item ----

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
