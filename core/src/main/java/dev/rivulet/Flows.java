package dev.rivulet;

import dev.rivulet.history.FlowRunRecord;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Calls a flow with options of its own, on top of the method's {@link Flow} annotation:
 *
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="flows"}
 *
 * <p>{@code call} takes a method reference to a flow of a stub and its arguments, and runs the flow
 * in this thread, as a direct call would. It throws what the flow throws, checked exceptions
 * included.
 *
 * <p>{@link #resuming} calls a flow as a new run that resumes a failed or crashed one, from its
 * record in the {@linkplain dev.rivulet.history.RunHistory run history} (the guide's page
 * {@code docs/resuming.md} tells what a resumed run reuses).
 */
public final class Flows extends FlowsOverloads {

    /** The states of a flow run that a new run can resume. */
    private static final Set<State> RESUMABLE = EnumSet.of(State.FAILED, State.CRASHED, State.CANCELLED);

    private final FlowOptions options;
    private final FlowRunRecord resumes;

    private Flows(FlowOptions options, FlowRunRecord resumes) {
        this.options = options;
        this.resumes = resumes;
    }

    /**
     * Calls with these options on top of each flow's own: what they leave unset comes from the
     * flow's {@link Flow} annotation.
     *
     * @param options the options of the calls
     * @return a caller of flows with these options
     * @throws NullPointerException if {@code options} is null
     */
    public static Flows with(FlowOptions options) {
        return new Flows(Objects.requireNonNull(options, "options"), null);
    }

    /**
     * Calls a flow as a new top-level run that resumes {@code previous}: each task run of the new
     * run that persists its results and has no cache policy takes, without running its body, the
     * result that the run of {@code previous} with the same task, task run name and lineage left
     * in its result store, and ends {@link State#CACHED}. Tasks with a cache policy find their
     * results by their cache keys, as in any run (so those keyed by {@link CachePolicy#RUN_ID} run
     * again); everything else runs again, as does a task run whose result is gone or cannot be
     * read. The new run's record names {@code previous} in {@link FlowRunRecord#resumedFrom()}.
     *
     * <p>The call must be of the flow method {@code previous} ran ({@link
     * FlowRunRecord#flowMethod()}), not made inside another flow run; its arguments should be the
     * ones {@code previous} was called with, or the task runs that depend on them run again.
     *
     * @param previous the record of a failed, crashed or cancelled top-level flow run, read from
     *     the run history of the stores the new run reads results from
     * @return a caller of flows that resumes {@code previous}
     * @throws IllegalArgumentException if {@code previous} is a subflow's record, did not record its
     *     flow method, or did not fail, crash or get cancelled
     * @throws NullPointerException if {@code previous} is null
     */
    public static Flows resuming(FlowRunRecord previous) {
        Objects.requireNonNull(previous, "previous");
        if (previous.parentId() != null) {
            throw new IllegalArgumentException("flow run " + previous.id() + " ('" + previous.name() + "') is a subflow of flow run "
                    + previous.parentId() + "; resume that top-level run instead");
        }
        if (previous.flowMethod() == null) {
            throw new IllegalArgumentException("the record of flow run " + previous.id() + " ('" + previous.name()
                    + "') does not name its flow method; it was written by an older Rivulet and cannot be resumed");
        }
        if (!RESUMABLE.contains(previous.state())) {
            throw new IllegalArgumentException("flow run " + previous.id() + " ('" + previous.name() + "') is " + previous.state()
                    + "; only a FAILED, CRASHED or CANCELLED run can be resumed" + (previous.state().isFinal() ? ""
                    : " (it is still going: wait for it to end)"));
        }
        return new Flows(FlowOptions.empty(), previous);
    }

    @Override
    FlowOptions options() {
        return options;
    }

    @Override
    FlowRunRecord resumes() {
        return resumes;
    }
}
