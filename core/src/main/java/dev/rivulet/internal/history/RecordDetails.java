package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.Run;
import dev.rivulet.RunGraph;
import dev.rivulet.TaskRun;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunEdge;
import dev.rivulet.history.TaskRunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded flow run's task runs and graph, as {@link FlowRun#taskRuns()} and {@link
 * FlowRun#graph()} give them: the task runs the record details and its subflows, in the order they
 * were made, and the edges between them.
 */
record RecordDetails(List<TaskRun> taskRuns, RunGraph graph) {

    /** Stable: runs made at the same instant keep the record's order. */
    private static final Comparator<Run> BY_CREATION = Comparator.comparing(Run::created);

    /**
     * @param record the record that details the run
     * @param owner the run itself: the flow run of the task runs, the parent of the subflows
     */
    static RecordDetails of(FlowRunRecord record, FlowRun owner) {
        Map<String, Run> byId = new HashMap<>();
        List<TaskRun> taskRuns = new ArrayList<>(record.taskRuns().size());
        for (TaskRunRecord task : record.taskRuns()) {
            HistoryTaskRun run = new HistoryTaskRun(task, owner);
            taskRuns.add(run);
            byId.put(run.id(), run);
        }
        // The record details the first task runs, then failed ones beyond them: sorted, they are in the order made.
        taskRuns.sort(BY_CREATION);
        List<Run> nodes = new ArrayList<>(taskRuns);
        for (FlowRunRecord subflow : record.subflows()) {
            RecordedSubflow run = new RecordedSubflow(subflow, owner);
            nodes.add(run);
            byId.put(run.id(), run);
        }
        nodes.sort(BY_CREATION);
        List<RunGraph.Edge> edges = new ArrayList<>(record.edges().size());
        for (RunEdge edge : record.edges()) {
            Run upstream = byId.get(edge.upstreamId());
            Run downstream = byId.get(edge.downstreamId());
            if (upstream != null && downstream != null) {
                edges.add(new RunGraph.Edge(upstream, downstream, edge.kind()));
            }
        }
        return new RecordDetails(List.copyOf(taskRuns), new RunGraph(nodes, edges));
    }
}
