package dev.rivulet.report.internal;

import dev.rivulet.AttemptFailure;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.TaskRunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report's data: one JSON object, inlined in the page, from which its script draws the
 * timeline, the graph, the table and the details of the rows in view. Times are microseconds
 * after the top-level run's creation ({@code origin}); a run is an object with one-letter keys, so
 * that 10,000 task runs stay near a megabyte and a half, and its state an index into {@code states}.
 * Keys of a run: {@code i} id, {@code n} name, {@code t} task or flow name, {@code s} state,
 * {@code f} the flow run that made it, {@code sf} the subflow it is (subflow runs only), {@code b}
 * start, {@code e} end, {@code a} attempt starts, {@code x} attempt failures, {@code err} error,
 * {@code g} tags, {@code r} result location, {@code art} the artifact written, {@code l} layer and {@code y} slot in the graph.
 */
final class ReportData {

    private final RunGraphModel model;
    private final DagLayout layout;
    private final Instant origin;
    private long span;

    ReportData(RunGraphModel model, DagLayout layout) {
        this.model = model;
        this.layout = layout;
        this.origin = model.top().created();
    }

    String json() {
        StringBuilder out = new StringBuilder(256 + model.runs.size() * 160);
        out.append('{');
        Json.name(out, "states").append('[');
        for (State state : State.values()) {
            Json.string(state.ordinal() == 0 ? out : out.append(','), state.name());
        }
        out.append(']');
        Json.name(out, "edgeKinds").append('[');
        for (RunGraph.EdgeKind kind : RunGraph.EdgeKind.values()) {
            Json.string(kind.ordinal() == 0 ? out : out.append(','), kind.name());
        }
        out.append(']');
        Json.name(out, "origin");
        Json.string(out, origin.toString());
        Json.name(out, "originMillis").append(origin.toEpochMilli());
        Json.name(out, "flows").append('[');
        for (int f = 0; f < model.flows.size(); f++) {
            flow(f == 0 ? out : out.append(','), model.flows.get(f), model.flowParents.get(f));
        }
        out.append(']');
        Json.name(out, "runs").append('[');
        for (int r = 0; r < model.runs.size(); r++) {
            run(r == 0 ? out : out.append(','), r);
        }
        out.append(']');
        Json.name(out, "edges").append('[');
        for (int e = 0; e < model.edgeFrom.length; e++) {
            (e == 0 ? out : out.append(',')).append(model.edgeFrom[e]).append(',').append(model.edgeTo[e]).append(',')
                    .append(model.edgeKinds[e].ordinal());
        }
        out.append(']');
        Json.name(out, "layers").append(layout.layers());
        Json.name(out, "slots").append(layout.slots());
        Json.name(out, "taskRuns").append(model.taskRuns);
        Json.name(out, "taskRunsCounted").append(model.taskRunsCounted());
        Json.name(out, "edgesLeftOut").append(model.edgesLeftOut);
        Json.name(out, "span").append(span);
        return out.append('}').toString();
    }

    private void flow(StringBuilder out, FlowRunRecord flow, int parent) {
        out.append('{');
        Json.name(out, "id");
        Json.string(out, flow.id());
        Json.name(out, "name");
        Json.string(out, flow.name());
        Json.name(out, "flowName");
        Json.string(out, flow.flowName());
        Json.name(out, "state").append(flow.state().ordinal());
        Json.name(out, "parent").append(parent);
        time(out, "created", flow.created());
        time(out, "start", flow.startTime());
        time(out, "end", flow.endTime());
        Json.name(out, "attempts").append(flow.attempts());
        failures(out, flow.attemptFailures());
        if (flow.error() != null) {
            Json.name(out, "err");
            Json.string(out, flow.error());
        }
        Json.name(out, "params").append('{');
        for (Map.Entry<String, String> parameter : flow.parameters().entrySet()) {
            Json.name(out, parameter.getKey());
            Json.string(out, parameter.getValue());
        }
        out.append('}');
        out.append('}');
    }

    private void run(StringBuilder out, int index) {
        RunGraphModel.Run run = model.runs.get(index);
        out.append('{');
        Json.name(out, "i");
        Json.string(out, run.id());
        if (run.isTask()) {
            TaskRunRecord task = run.task();
            Json.name(out, "n");
            Json.string(out, task.name());
            Json.name(out, "t");
            Json.string(out, task.taskName());
            Json.name(out, "s").append(task.state().ordinal());
            Json.name(out, "f").append(run.flow());
            time(out, "c", task.created());
            time(out, "b", task.startTime());
            time(out, "e", task.endTime());
            if (!task.attemptStartTimes().isEmpty()) {
                Json.name(out, "a").append('[');
                List<Instant> starts = task.attemptStartTimes();
                for (int i = 0; i < starts.size(); i++) {
                    (i == 0 ? out : out.append(',')).append(micros(starts.get(i)));
                }
                out.append(']');
            }
            failures(out, task.attemptFailures());
            if (task.error() != null) {
                Json.name(out, "err");
                Json.string(out, task.error());
            }
            if (!task.tags().isEmpty()) {
                Json.name(out, "g").append('[');
                List<String> tags = task.tags().stream().sorted().toList();
                for (int i = 0; i < tags.size(); i++) {
                    Json.string(i == 0 ? out : out.append(','), tags.get(i));
                }
                out.append(']');
            }
            if (task.result() != null) {
                Json.name(out, "r");
                Json.string(out, task.result().toString());
            }
            if (task.artifact() != null) {
                Json.name(out, "art");
                Json.string(out, task.artifact().describe());
            }
        } else {
            FlowRunRecord subflow = model.flows.get(run.subflow());
            Json.name(out, "n");
            Json.string(out, subflow.name());
            Json.name(out, "t");
            Json.string(out, subflow.flowName());
            Json.name(out, "s").append(subflow.state().ordinal());
            Json.name(out, "f").append(run.flow());
            Json.name(out, "sf").append(run.subflow());
            time(out, "b", subflow.startTime());
            time(out, "e", subflow.endTime());
            if (subflow.error() != null) {
                Json.name(out, "err");
                Json.string(out, subflow.error());
            }
        }
        Json.name(out, "l").append(layout.layer(index));
        Json.name(out, "y").append(layout.slot(index));
        out.append('}');
    }

    private void failures(StringBuilder out, List<AttemptFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Json.name(out, "x").append('[');
        for (int i = 0; i < failures.size(); i++) {
            AttemptFailure failure = failures.get(i);
            (i == 0 ? out : out.append(',')).append('{');
            Json.name(out, "a").append(failure.attempt());
            time(out, "t", failure.time());
            Json.name(out, "c");
            Json.string(out, failure.exceptionClass());
            if (failure.message() != null) {
                Json.name(out, "m");
                Json.string(out, failure.message());
            }
            Json.name(out, "st").append('[');
            List<String> lines = failure.stackTrace();
            for (int l = 0; l < lines.size(); l++) {
                Json.string(l == 0 ? out : out.append(','), lines.get(l));
            }
            out.append("]}");
        }
        out.append(']');
    }

    /** Writes {@code "name":<microseconds after the origin>}, or nothing if {@code time} is null. */
    private void time(StringBuilder out, String name, Instant time) {
        if (time != null) {
            long micros = micros(time);
            span = Math.max(span, micros);
            Json.name(out, name).append(micros);
        }
    }

    private long micros(Instant time) {
        return Math.floorDiv((time.getEpochSecond() - origin.getEpochSecond()) * 1_000_000_000L + time.getNano() - origin.getNano(), 1_000);
    }
}
