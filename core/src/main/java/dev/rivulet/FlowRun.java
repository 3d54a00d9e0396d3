package dev.rivulet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of a {@link Flow}. */
public non-sealed interface FlowRun extends Run {

    /** The flow's name (its template, unfilled, if it has placeholders). */
    String flowName();

    /** The arguments the flow was called with, by parameter name, in declaration order. */
    Map<String, Object> parameters();

    /** The flow run that called this one as a subflow, if any. */
    Optional<FlowRun> parent();

    /** The task runs made in this flow run so far, in the order they were created. */
    List<TaskRun> taskRuns();

    /**
     * The dependency graph so far: task runs and subflow runs as nodes, and the edges between
     * them. Safe to call while the run is going on; each call returns a snapshot.
     */
    RunGraph graph();

    /** How many attempts have started: 1 plus the retries so far. */
    int attempts();

    /**
     * The name, as registered on {@link Rivulet.Builder#taskRunner(String, dev.rivulet.runner.TaskRunner)},
     * of the task runner that runs this flow's submitted tasks; {@code "default"} for the default.
     */
    String taskRunnerName();
}
