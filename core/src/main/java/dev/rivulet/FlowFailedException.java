package dev.rivulet;

import java.util.List;

/**
 * Thrown by a flow call whose body returned but some of whose task runs failed without anyone
 * looking at the failure: no {@link TaskFuture#get()} or {@link TaskFuture#toCompletableFuture()}
 * on it, no {@link Tasks#allowFailure} or {@link Tasks#outcome} of it taken by a dependent, no
 * dependent run that failed because of it. The cause is the
 * first such run's error.
 */
public class FlowFailedException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final transient FlowRun flowRun;
    private final transient List<TaskRun> failedTaskRuns;

    /**
     * The failure of {@code flowRun}, with a message naming up to five of the failed task runs.
     *
     * @param flowRun the flow run that failed
     * @param failedTaskRuns its task runs that failed unseen; the first one's error is the cause
     */
    public FlowFailedException(FlowRun flowRun, List<TaskRun> failedTaskRuns) {
        super("flow run '" + flowRun.name() + "' failed: " + failedTaskRuns.size()
                + " task run(s) failed and nobody looked at the failure (get(), allowFailure, outcome or a dependent): "
                + failedTaskRuns.stream().limit(5).map(r -> r.name() + " (" + r.error().map(Throwable::toString).orElse(r.state().name()) + ")").toList()
                + (failedTaskRuns.size() > 5 ? " ..." : ""),
                failedTaskRuns.isEmpty() ? null : failedTaskRuns.get(0).error().orElse(null));
        this.flowRun = flowRun;
        this.failedTaskRuns = List.copyOf(failedTaskRuns);
    }

    /** {@return the flow run that failed} */
    public FlowRun flowRun() {
        return flowRun;
    }

    /** {@return the task runs whose failure failed the flow run} */
    public List<TaskRun> failedTaskRuns() {
        return failedTaskRuns;
    }
}
