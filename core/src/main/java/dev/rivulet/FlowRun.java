package dev.rivulet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of a {@link Flow}. */
public non-sealed interface FlowRun extends Run {

    /** {@return the flow's name (its template, unfilled, if it has placeholders)} */
    String flowName();

    /**
     * {@return the arguments the flow was called with, by parameter name, in declaration order: the
     * objects for a run going on; for a run read from its record (see {@link
     * Rivulet#recentFlowRuns()}), their recorded text}
     */
    Map<String, Object> parameters();

    /** {@return the flow run that called this one as a subflow, if any} */
    Optional<FlowRun> parent();

    /**
     * {@return the task runs made in this flow run so far, in the order they were created; for a
     * run read from its record (see {@link Rivulet#recentFlowRuns()}), those the record details}
     */
    List<TaskRun> taskRuns();

    /**
     * The dependency graph so far: task runs and subflow runs as nodes, and the edges between
     * them. Safe to call while the run is going on; each call returns a snapshot.
     *
     * @return a snapshot of the graph
     */
    RunGraph graph();

    /** {@return how many attempts have started: 1 plus the retries so far} */
    int attempts();

    /**
     * Why attempts failed, oldest first: one record per failed attempt, the last 10 at most, as
     * {@link TaskRun#attemptFailures()} keeps them for a task run. An attempt of a flow fails when
     * its body throws, it times out, or a task run it started failed and nobody looked at that
     * failure ({@link FlowFailedException}). A run that failed before its first attempt (its
     * upstream failed) has none.
     *
     * @return the failures, oldest first; empty if no attempt failed
     */
    List<AttemptFailure> attemptFailures();

    /**
     * The name, as registered on {@link Rivulet.Builder#taskRunner(String, dev.rivulet.runner.TaskRunner)},
     * of the task runner that runs this flow's submitted tasks; {@code "default"} for the default.
     *
     * @return the runner's name
     */
    String taskRunnerName();
}
