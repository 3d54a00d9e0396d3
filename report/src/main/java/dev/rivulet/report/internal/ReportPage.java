package dev.rivulet.report.internal;

import dev.rivulet.AttemptFailure;
import dev.rivulet.State;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.LogLine;
import dev.rivulet.history.TaskRunCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a run's report: one HTML page with its style, script and data inline. What is small
 * (the run's facts, its parameters, the task-run counts, the log tail) is written as HTML here;
 * what grows with the run (the timeline, the graph, the table of task runs) is drawn by the
 * page's script from the data blob, for the rows in view only. Every text from the record is
 * escaped, here as HTML and in the blob as JSON that cannot end its script element; the script
 * puts text into the page only as text nodes.
 */
public final class ReportPage {

    private static final String STYLE = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private final FlowRunRecord run;
    private final RunGraphModel model;
    private final Appendable out;

    private ReportPage(FlowRunRecord run, Appendable out) {
        this.run = run;
        this.model = new RunGraphModel(run);
        this.out = out;
    }

    /**
     * Writes the report of {@code run} to {@code out}.
     *
     * @param run the flow run's record
     * @param out where the page goes
     * @throws IOException if {@code out} throws one
     */
    public static void write(FlowRunRecord run, Appendable out) throws IOException {
        new ReportPage(Objects.requireNonNull(run, "run"), Objects.requireNonNull(out, "out")).page();
    }

    private void page() throws IOException {
        DagLayout layout = DagLayout.of(model.runs.size(), model.edgeFrom, model.edgeTo);
        String data = new ReportData(model, layout).json();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Rivulet run report\">\n")
                // no favicon fetched: the page asks for nothing
                .append("<link rel=\"icon\" href=\"data:,\">\n<title>");
        text(run.name() + " \u00b7 " + run.state() + " \u00b7 Rivulet run report");
        out.append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header();
        out.append("<main>\n<div class=\"content\">\n");
        summary();
        out.append("<section id=\"timeline\"><h2>Timeline</h2><p class=\"hint\">One row per run, from its first attempt's start to its end; "
                + "a retried attempt ends at a tick, a failed one is hatched, a cache hit is marked, and the light part before a bar is the "
                + "time it was queued: made, waiting for its upstream runs and a thread. Click a row for its details.</p>"
                + "<div class=\"axis\" id=\"timeline-axis\"></div><div class=\"view\" id=\"timeline-view\"></div></section>\n");
        out.append("<section id=\"graph\"><h2>Dependency graph</h2><p class=\"hint\">Upstream runs on the left; a subflow is a run "
                + "with a thick border; a dashed edge is a waitFor. Click a node for its details.</p><div class=\"view\" id=\"graph-view\"></div></section>\n");
        out.append("<section id=\"runs\"><h2>Task runs</h2><div class=\"table-head\" id=\"table-head\"></div>"
                + "<div class=\"view\" id=\"table-view\"></div></section>\n");
        logTail();
        out.append("</div>\n<aside id=\"details\"><p class=\"hint\">Click a run in the timeline, the graph or the table to see its "
                + "attempts, failures, result and times here.</p></aside>\n</main>\n");
        out.append("<script type=\"application/json\" id=\"rivulet-data\">").append(data).append("</script>\n");
        out.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    }

    private void header() throws IOException {
        out.append("<header>\n<h1>");
        text(run.name());
        out.append(" <span class=\"state s-").append(run.state().name()).append("\">").append(run.state().name()).append("</span></h1>\n");
        out.append("<dl class=\"facts\">");
        fact("flow", run.flowName());
        fact("run id", run.id());
        if (run.resumedFrom() != null) {
            fact("resumes", run.resumedFrom());
        }
        fact("created", run.created().toString());
        fact("started", run.startTime() == null ? "not started" : run.startTime().toString());
        fact("ended", run.endTime() == null ? "not ended" : run.endTime().toString());
        fact("duration", run.duration().map(ReportPage::duration).orElse("\u2014"));
        fact("attempts", Integer.toString(run.attempts()));
        fact("task runs", model.taskRunsCounted() + (model.taskRuns < model.taskRunsCounted() ? " (" + model.taskRuns + " in detail)" : ""));
        fact("subflows", Integer.toString(model.flows.size() - 1));
        fact("task runner", Objects.toString(run.taskRunnerName(), "\u2014"));
        fact("process", "pid " + run.pid());
        fact("recorded", run.updated() == null ? "\u2014" : run.updated().toString());
        out.append("</dl>\n");
        if (run.processDied()) {
            out.append("<p class=\"warning\">The process that ran this flow ended before the run did (killed, or its Rivulet closed): "
                    + "the run and the task runs that had not ended read as CRASHED.</p>\n");
        }
        if (run.error() != null) {
            out.append("<pre class=\"error\">");
            text(run.error());
            out.append("</pre>\n");
        }
        out.append("</header>\n");
    }

    private void fact(String name, String value) throws IOException {
        out.append("<div><dt>").append(name).append("</dt><dd>");
        text(value);
        out.append("</dd></div>");
    }

    private void summary() throws IOException {
        out.append("<section id=\"summary\">\n");
        if (!run.parameters().isEmpty()) {
            out.append("<h2>Parameters</h2>\n<table class=\"parameters\"><tbody>\n");
            for (Map.Entry<String, String> parameter : run.parameters().entrySet()) {
                out.append("<tr><th>");
                text(parameter.getKey());
                out.append("</th><td><code>");
                text(parameter.getValue());
                out.append("</code></td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        if (!run.attemptFailures().isEmpty()) {
            out.append("<details class=\"flow-failures\"><summary>Failed attempts of the flow (")
                    .append(Integer.toString(run.attemptFailures().size())).append(")</summary>\n<ol class=\"failures\">\n");
            for (AttemptFailure failure : run.attemptFailures()) {
                out.append("<li><span class=\"when\">attempt ").append(Integer.toString(failure.attempt())).append(", ");
                text(failure.time().toString());
                out.append("</span><pre>");
                text(failure.summary());
                for (String line : failure.stackTrace()) {
                    out.append("\n    ");
                    text(line);
                }
                out.append("</pre></li>\n");
            }
            out.append("</ol></details>\n");
        }
        taskRunCounts();
        out.append("</section>\n");
    }

    private void taskRunCounts() throws IOException {
        Set<State> present = EnumSet.noneOf(State.class);
        for (FlowRunRecord flow : model.flows) {
            for (TaskRunCounts counts : flow.taskRunCounts()) {
                present.addAll(counts.byState().keySet());
            }
        }
        out.append("<h2>Task runs by task and state</h2>\n");
        if (model.taskRuns < model.taskRunsCounted()) {
            out.append("<p class=\"note\" id=\"not-detailed\">The record details ").append(Integer.toString(model.taskRuns))
                    .append(" of the ").append(Integer.toString(model.taskRunsCounted()))
                    .append(" task runs (the first ones made, and those that failed); the counts below are of all of them. "
                            + "RunHistoryOptions.taskRunsInDetail sets how many are detailed.</p>\n");
        }
        out.append("<table class=\"counts\"><thead><tr><th>flow run</th><th>task</th><th>total</th>");
        for (State state : present) {
            out.append("<th><span class=\"state s-").append(state.name()).append("\">").append(state.name()).append("</span></th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (FlowRunRecord flow : model.flows) {
            for (TaskRunCounts counts : flow.taskRunCounts()) {
                out.append("<tr><td>");
                text(flow.name());
                out.append("</td><td>");
                text(counts.taskName());
                out.append("</td><td class=\"number\">").append(Integer.toString(counts.total())).append("</td>");
                for (State state : present) {
                    int count = counts.count(state);
                    out.append("<td class=\"number\">").append(count == 0 ? "" : Integer.toString(count)).append("</td>");
                }
                out.append("</tr>\n");
            }
        }
        out.append("</tbody></table>\n");
    }

    private void logTail() throws IOException {
        out.append("<section id=\"logs\"><h2>Log tail</h2>\n");
        if (run.logTail().isEmpty()) {
            out.append("<p class=\"hint\">No lines were kept: nothing was logged, or the SLF4J backend is one the run history does not "
                    + "read (see the run history's documentation).</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"log\"><thead><tr><th>time</th><th>level</th><th>logger</th><th>run</th><th>message</th></tr></thead><tbody>\n");
        for (LogLine line : run.logTail()) {
            out.append("<tr class=\"level-");
            text(line.level());
            out.append("\"><td class=\"time\" title=\"");
            text(line.time().toString());
            out.append("\">+");
            text(duration(Duration.between(run.created(), line.time())));
            out.append("</td><td>");
            text(line.level());
            out.append("</td><td>");
            text(line.logger());
            out.append("</td><td>");
            Integer index = line.taskRunId() == null ? null : model.indexById.get(line.taskRunId());
            if (index != null) {
                out.append("<a href=\"#\" data-run=\"").append(Integer.toString(index)).append("\">");
                text(model.runs.get(index).isTask() ? model.runs.get(index).task().name() : line.taskRunId());
                out.append("</a>");
            } else {
                text(line.taskRunId() == null ? "flow" : line.taskRunId());
            }
            out.append("</td><td><pre>");
            text(line.message());
            out.append("</pre></td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private void text(String text) throws IOException {
        Html.escape(text, out);
    }

    /** {@return a duration as people read it: 850 µs, 12.3 ms, 4.56 s, 3 min 12 s, 2 h 5 min} */
    static String duration(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (Math.abs(micros) < 1_000) {
            return micros + " \u00b5s";
        }
        if (Math.abs(micros) < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
        }
        long seconds = duration.toSeconds();
        if (Math.abs(seconds) < 60) {
            return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
        }
        if (Math.abs(seconds) < 3_600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from rivulet-report's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's " + name + " from rivulet-report's jar", e);
        }
    }
}
