package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.Run;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.TaskRun;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.LogLine;
import dev.rivulet.history.RunEdge;
import dev.rivulet.history.TaskRunCounts;
import dev.rivulet.history.TaskRunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records of live flow runs, read through the {@link FlowRun} API while they go on. Reading a
 * run's graph takes its lock for a copy; the rest reads state the run publishes anyway.
 */
final class RunSnapshots {

    private static final int ERROR_LIMIT = 1_000;

    private final String writerId;
    private final long pid;
    private final int taskRunsInDetail;
    /** Each flow run's arguments as text, made once: they do not change, and a large one costs to render. */
    private final Map<FlowRun, Map<String, String>> parameters = Collections.synchronizedMap(new IdentityHashMap<>());

    RunSnapshots(String writerId, long pid, int taskRunsInDetail) {
        this.writerId = writerId;
        this.pid = pid;
        this.taskRunsInDetail = taskRunsInDetail;
    }

    /** The record of a top-level flow run as it is now, with {@code logTail}. */
    FlowRunRecord of(FlowRun run, List<LogLine> logTail, Instant now) {
        return record(run, null, logTail, now);
    }

    /** Forgets what was kept for {@code run} and its subflows, once its last record is written. */
    void forget(FlowRun run) {
        parameters.remove(run);
        for (Run node : run.graph().nodes()) {
            if (node instanceof FlowRun subflow) {
                forget(subflow);
            }
        }
    }

    private FlowRunRecord record(FlowRun run, String parentId, List<LogLine> logTail, Instant now) {
        // The state first: a run seen final here has every time and failure of its end set already.
        State state = run.state();
        RunGraph graph = run.graph();
        Map<String, Map<State, Integer>> counts = new LinkedHashMap<>();
        List<TaskRunRecord> detailed = new ArrayList<>();
        List<FlowRunRecord> subflows = new ArrayList<>();
        Set<Run> included = Collections.newSetFromMap(new IdentityHashMap<>());
        int taskRuns = 0;
        int failuresBeyond = 0;
        for (Run node : graph.nodes()) {
            if (node instanceof TaskRun task) {
                State taskState = task.state();
                counts.computeIfAbsent(task.taskName(), name -> new EnumMap<>(State.class)).merge(taskState, 1, Integer::sum);
                boolean inDetail = taskRuns++ < taskRunsInDetail
                        || taskState.isFailure() && failuresBeyond++ < taskRunsInDetail;
                if (inDetail) {
                    detailed.add(taskRecord(task, taskState));
                    included.add(task);
                }
            } else if (node instanceof FlowRun subflow) {
                subflows.add(record(subflow, run.id(), List.of(), now));
                included.add(subflow);
            }
        }
        List<RunEdge> edges = new ArrayList<>();
        for (RunGraph.Edge edge : graph.edges()) {
            if (included.contains(edge.upstream()) && included.contains(edge.downstream())) {
                edges.add(new RunEdge(edge.upstream().id(), edge.downstream().id(), edge.kind()));
            }
        }
        List<TaskRunCounts> taskRunCounts = new ArrayList<>(counts.size());
        counts.forEach((task, byState) -> taskRunCounts.add(new TaskRunCounts(task, byState)));
        return new FlowRunRecord(FlowRunRecord.FORMAT_VERSION, run.id(), run.flowName(), run.name(), parentId,
                parameters.computeIfAbsent(run, RunSnapshots::parameterText), state, ((RecordedFlowRun) run).created(),
                run.startTime().orElse(null), run.endTime().orElse(null), now, run.attempts(), run.attemptFailures(),
                errorText(run), run.taskRunnerName(), taskRunCounts, detailed, edges, subflows, logTail, writerId, pid, false);
    }

    private static TaskRunRecord taskRecord(TaskRun task, State state) {
        return new TaskRunRecord(task.id(), task.name(), task.taskName(), state, task.startTime().orElse(null),
                task.endTime().orElse(null), task.attemptStartTimes(), task.attemptFailures(), errorText(task), task.tags(),
                task instanceof RecordedTaskRun recorded ? recorded.resultLocation() : null);
    }

    private static Map<String, String> parameterText(FlowRun run) {
        Map<String, String> text = new LinkedHashMap<>();
        run.parameters().forEach((name, value) -> text.put(name, ParameterText.of(value)));
        return text;
    }

    private static String errorText(Run run) {
        return run.error().map(error -> {
            String text = String.valueOf(error);
            return text.length() <= ERROR_LIMIT ? text : text.substring(0, ERROR_LIMIT) + "...";
        }).orElse(null);
    }
}
