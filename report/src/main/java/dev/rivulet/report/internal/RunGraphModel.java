package dev.rivulet.report.internal;

import dev.rivulet.RunGraph;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunEdge;
import dev.rivulet.history.TaskRunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow run's record flattened for its report. The flow runs are the top-level one and its
 * subflows, depth first. The runs (the graph's nodes, the timeline's and the table's rows) are the
 * task runs detailed in every one of those flow runs and the subflow runs themselves, in the order
 * they started (a run that never started at its end, or its creation). The edges join runs by their
 * index; an edge that names a run the record does not detail is left out and counted.
 */
final class RunGraphModel {

    /** One run of the report: a task run, or a subflow run. */
    record Run(String id, TaskRunRecord task, int subflow, int flow, Instant sortTime) {

        boolean isTask() {
            return task != null;
        }
    }

    final List<FlowRunRecord> flows = new ArrayList<>();
    final List<Integer> flowParents = new ArrayList<>();
    final List<Run> runs = new ArrayList<>();
    final int[] edgeFrom;
    final int[] edgeTo;
    final RunGraph.EdgeKind[] edgeKinds;
    final int edgesLeftOut;
    final int taskRuns;
    final Map<String, Integer> indexById;

    RunGraphModel(FlowRunRecord top) {
        addFlow(top, -1);
        List<Run> made = new ArrayList<>();
        for (int f = 0; f < flows.size(); f++) {
            for (TaskRunRecord task : flows.get(f).taskRuns()) {
                made.add(new Run(task.id(), task, -1, f, firstKnown(task.startTime(), task.endTime(), null)));
            }
            if (f > 0) {
                FlowRunRecord subflow = flows.get(f);
                made.add(new Run(subflow.id(), null, f, flowParents.get(f), firstKnown(subflow.startTime(), subflow.endTime(), subflow.created())));
            }
        }
        taskRuns = made.size() - (flows.size() - 1);
        made.sort(Comparator.comparing(Run::sortTime, Comparator.nullsLast(Comparator.naturalOrder())));
        runs.addAll(made);
        indexById = new HashMap<>(runs.size() * 2);
        for (int i = 0; i < runs.size(); i++) {
            indexById.putIfAbsent(runs.get(i).id(), i);
        }
        List<int[]> edges = new ArrayList<>();
        List<RunGraph.EdgeKind> kinds = new ArrayList<>();
        int leftOut = 0;
        for (FlowRunRecord flow : flows) {
            for (RunEdge edge : flow.edges()) {
                Integer from = indexById.get(edge.upstreamId());
                Integer to = indexById.get(edge.downstreamId());
                if (from == null || to == null) {
                    leftOut++;
                } else {
                    edges.add(new int[] {from, to});
                    kinds.add(edge.kind());
                }
            }
        }
        edgeFrom = edges.stream().mapToInt(e -> e[0]).toArray();
        edgeTo = edges.stream().mapToInt(e -> e[1]).toArray();
        edgeKinds = kinds.toArray(RunGraph.EdgeKind[]::new);
        edgesLeftOut = leftOut;
    }

    private void addFlow(FlowRunRecord flow, int parent) {
        int index = flows.size();
        flows.add(flow);
        flowParents.add(parent);
        for (FlowRunRecord subflow : flow.subflows()) {
            addFlow(subflow, index);
        }
    }

    private static Instant firstKnown(Instant start, Instant end, Instant created) {
        return start != null ? start : end != null ? end : created;
    }

    FlowRunRecord top() {
        return flows.get(0);
    }

    /** {@return every task run the flow runs made, the ones not detailed included} */
    int taskRunsCounted() {
        return flows.stream().mapToInt(FlowRunRecord::taskRunCount).sum();
    }
}
