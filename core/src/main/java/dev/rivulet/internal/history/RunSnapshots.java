package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.Run;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.TaskRun;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.LogLine;
import dev.rivulet.history.PersistedResult;
import dev.rivulet.history.RunEdge;
import dev.rivulet.history.TaskRunCounts;
import dev.rivulet.history.TaskRunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of live flow runs, read while they go on: through the {@link FlowRun} and {@link TaskRun}
 * API, and a {@link RecordedFlowRun.View} of the graph that the run takes under its lock without
 * visiting every task run.
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
        for (FlowRun subflow : ((RecordedFlowRun) run).view(0).subflows()) {
            forget(subflow);
        }
    }

    /**
     * What a finished top-level run's summary keeps: the record's scalar parts, parameters and
     * attempt failures, without task runs, edges, subflows or log lines. Not cached: the run is done.
     */
    static FlowRunRecord summary(FlowRun run) {
        return record(run, run.state(), null, parameterText(run), Instant.now(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                null, 0);
    }

    private FlowRunRecord record(FlowRun run, String parentId, List<LogLine> logTail, Instant now) {
        // The state first: a run seen final here has every time and failure of its end set already.
        State state = run.state();
        RecordedFlowRun.View view = ((RecordedFlowRun) run).view(taskRunsInDetail);
        List<TaskRunRecord> detailed = new ArrayList<>(view.taskRuns().size());
        for (TaskRun task : view.taskRuns()) {
            detailed.add(taskRecord(task));
        }
        List<FlowRunRecord> subflows = new ArrayList<>(view.subflows().size());
        for (FlowRun subflow : view.subflows()) {
            subflows.add(record(subflow, run.id(), List.of(), now));
        }
        List<RunEdge> edges = new ArrayList<>(view.edges().size());
        for (RunGraph.Edge edge : view.edges()) {
            edges.add(new RunEdge(edge.upstream().id(), edge.downstream().id(), edge.kind()));
        }
        return record(run, state, parentId, parameters.computeIfAbsent(run, RunSnapshots::parameterText), now, view.counts(), detailed,
                view.persistedResults(), edges, subflows, logTail, writerId, pid);
    }

    private static FlowRunRecord record(FlowRun run, State state, String parentId, Map<String, String> parameters, Instant now,
                                        List<TaskRunCounts> counts, List<TaskRunRecord> detailed, List<PersistedResult> persistedResults,
                                        List<RunEdge> edges, List<FlowRunRecord> subflows, List<LogLine> logTail, String writerId, long pid) {
        RecordedFlowRun recorded = (RecordedFlowRun) run;
        return new FlowRunRecord(FlowRunRecord.FORMAT_VERSION, run.id(), run.flowName(), recorded.flowMethod(), run.name(), parentId,
                parentId == null ? recorded.resumedFrom() : null, parameters, state, recorded.created(), run.startTime().orElse(null),
                run.endTime().orElse(null), now, run.attempts(), run.attemptFailures(), errorText(run), run.taskRunnerName(), counts,
                detailed, persistedResults, edges, subflows, logTail,
                writerId, pid, false);
    }

    private static TaskRunRecord taskRecord(TaskRun task) {
        State state = task.state();
        return new TaskRunRecord(task.id(), task.name(), task.taskName(), state, task.created(), task.startTime().orElse(null),
                task.endTime().orElse(null), task.attemptStartTimes(), task.attemptFailures(), errorText(task), task.tags(),
                task instanceof RecordedTaskRun recorded ? recorded.resultLocation() : null,
                task instanceof RecordedTaskRun recorded ? recorded.lineage() : null,
                task instanceof RecordedTaskRun recorded ? recorded.artifact() : null);
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
