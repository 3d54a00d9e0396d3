package dev.rivulet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.AttemptFailure;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.history.ArtifactRecord;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.LogLine;
import dev.rivulet.history.RunEdge;
import dev.rivulet.history.TaskRunCounts;
import dev.rivulet.history.TaskRunRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as a file: self-contained, escaped, carrying the record's data, and written whole or not at all. */
class RunReportsTest {

    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"rivulet-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path directory;

    @Test
    void aReportIsOneFileThatFetchesNothing() throws IOException {
        FlowRunRecord run = RecordedRuns.small(directory);
        Path file = RunReports.write(run, directory.resolve("reports/small.html"));

        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains(run.name()).contains("Secret[DB_PASS]")
                .doesNotContain(RecordedRuns.SECRET_VALUE);
        // no element that loads anything: no src, no stylesheet, no link but the empty data: icon
        assertThat(html).doesNotContainPattern("\\ssrc\\s*=").doesNotContainPattern("<link(?![^>]*href=\"data:,\")")
                .doesNotContainPattern("url\\(").doesNotContain("@import");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void theDataHoldsEveryDetailedRunAndEdgeOfTheFlowAndItsSubflows() throws IOException {
        FlowRunRecord run = RecordedRuns.small(directory);
        FlowRunRecord load = run.subflows().get(0);
        JsonNode data = data(render(run));

        assertThat(data.get("runs")).hasSize(run.taskRuns().size() + load.taskRuns().size() + 1);
        assertThat(data.get("edges")).hasSize(3 * (run.edges().size() + load.edges().size()));
        assertThat(data.get("taskRuns").asInt()).isEqualTo(run.taskRuns().size() + load.taskRuns().size());
        assertThat(data.get("flows")).hasSize(2);
        assertThat(data.get("flows").get(1).get("params").get("total").asText()).isEqualTo(load.parameters().get("total"));
        TaskRunRecord extract = run.taskRuns().get(0);
        JsonNode first = data.get("runs").get(0);
        assertThat(first.get("i").asText()).isEqualTo(extract.id());
        assertThat(first.get("r").asText()).isEqualTo(extract.result().toString());
        assertThat(first.get("e").asLong() - first.get("b").asLong()).as("the duration in microseconds, each end rounded down")
                .isCloseTo(extract.duration().orElseThrow().toNanos() / 1_000, within(1L));
    }

    @Test
    void aRunRecordedInPartShowsItsDetailedRunsAndCountsThemAll() throws IOException {
        FlowRunRecord run = RecordedRuns.fanOut(directory, 40, 10);
        assertThat(run.taskRuns()).hasSize(10);

        String html = render(run);
        JsonNode data = data(html);
        assertThat(data.get("runs")).hasSize(10);
        assertThat(data.get("taskRunsCounted").asInt()).isEqualTo(40);
        assertThat(html).contains("The record details 10 of the 40 task runs").contains("task runs</dt><dd>40 (10 in detail)")
                .containsPattern("<td>part</td><td class=\"number\">20</td>").containsPattern("<td>verify</td><td class=\"number\">20</td>");
    }

    @Test
    void markupInNamesErrorsParametersAndLogLinesIsText() throws IOException {
        String markup = "</script><script>window.pwned=1</script><b>bold</b>";
        Instant now = Instant.parse("2026-12-05T03:00:00Z");
        TaskRunRecord task = new TaskRunRecord("t1", "load-" + markup, "load-{x}", State.FAILED, now, now, now.plusMillis(5), List.of(now),
                List.of(new AttemptFailure(1, now.plusMillis(5), "java.lang.IllegalStateException", markup, List.of("at " + markup))),
                "java.lang.IllegalStateException: " + markup, Set.of(markup), null, null,
                new ArtifactRecord("orders-" + markup, URI.create("file:/data/orders.json"), "json", 120, 3, "abc", now, "t1", 1, null));
        FlowRunRecord run = record(now, List.of(task), List.of(), Map.of("query", markup),
                List.of(new LogLine(now, "ERROR", "com.example." + markup, "t1", markup)), "flow-" + markup);

        String html = render(run);
        assertThat(html).doesNotContain(markup).doesNotContain("<b>");
        assertThat(html).as("the run it resumes, in the header").contains("<dt>resumes</dt><dd>resumed-run</dd>");
        assertThat(html.split("<script", -1)).as("script elements: the data and the report's own").hasSize(3);
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;");
        // and the data, read as JSON, gives the text back as it was
        JsonNode data = data(html);
        assertThat(data.get("runs").get(0).get("n").asText()).isEqualTo("load-" + markup);
        assertThat(data.get("runs").get(0).get("art").asText()).as("the artifact the run wrote")
                .isEqualTo("orders-" + markup + ": file:/data/orders.json (json, 3 rows, 120 bytes)");
        assertThat(data.get("runs").get(0).get("c").asLong()).as("created, microseconds after the flow's creation").isZero();
        assertThat(data.get("runs").get(0).get("x").get(0).get("m").asText()).isEqualTo(markup);
        assertThat(data.get("flows").get(0).get("params").get("query").asText()).isEqualTo(markup);
    }

    @Test
    void oddRecordsAreReportedAsTheyAre() throws IOException {
        // a run whose process died: a task run never started, an edge to a run the record does not detail, a cycle
        Instant now = Instant.parse("2026-12-05T03:00:00Z");
        TaskRunRecord started = new TaskRunRecord("a", "a-0", "a", State.CRASHED, now, now, null, List.of(now), List.of(), null, Set.of(), null, null, null);
        TaskRunRecord never = new TaskRunRecord("b", "b-0", "b", State.CRASHED, now, null, null, List.of(), List.of(), null, Set.of(), null, null, null);
        List<RunEdge> edges = List.of(new RunEdge("a", "b", RunGraph.EdgeKind.FUTURE), new RunEdge("b", "a", RunGraph.EdgeKind.WAIT_FOR),
                new RunEdge("a", "not-detailed", RunGraph.EdgeKind.RESULT));
        FlowRunRecord run = new FlowRunRecord(1, "run", "odd", null, "odd-0", null, null, Map.of(), State.CRASHED, now, now, null, now, 1, List.of(),
                null, "default", List.of(new TaskRunCounts("a", Map.of(State.CRASHED, 1), 0), new TaskRunCounts("b", Map.of(State.CRASHED, 3000), 0)),
                List.of(started, never), List.of(), edges, List.of(), List.of(), "writer", 42, true);

        String html = render(run);
        JsonNode data = data(html);
        assertThat(data.get("runs")).hasSize(2);
        assertThat(data.get("edges")).hasSize(6);
        assertThat(data.get("edgesLeftOut").asInt()).isEqualTo(1);
        assertThat(data.get("taskRunsCounted").asInt()).isEqualTo(3001);
        assertThat(data.get("runs").get(1).has("b")).isFalse();
        assertThat(html).contains("The process that ran this flow ended before the run did").contains("id=\"not-detailed\"")
                .contains("The record details 2 of the 3001 task runs");
    }

    @Test
    void aFileThatCannotBeWrittenLeavesTheOldOneAndSaysWhere() throws IOException {
        FlowRunRecord run = RecordedRuns.small(directory);
        Path blocker = Files.writeString(directory.resolve("not-a-directory"), "a file");
        assertThatThrownBy(() -> RunReports.write(run, blocker.resolve("report.html"))).isInstanceOf(IOException.class)
                .hasMessageContaining("not-a-directory");

        // a directory in the report's place cannot be replaced: it stays as it was, and no temporary file is left
        Path occupied = Files.createDirectories(directory.resolve("reports/occupied.html"));
        Files.writeString(occupied.resolve("inside"), "kept");
        assertThatThrownBy(() -> RunReports.write(run, occupied)).isInstanceOf(IOException.class);
        assertThat(occupied.resolve("inside")).hasContent("kept");
        assertThat(Files.list(occupied.getParent())).containsExactly(occupied);
    }

    private static String render(FlowRunRecord run) throws IOException {
        StringBuilder out = new StringBuilder();
        RunReports.render(run, out);
        return out.toString();
    }

    private static JsonNode data(String html) throws IOException {
        Matcher matcher = DATA.matcher(html);
        assertThat(matcher.find()).as("the data blob").isTrue();
        assertThat(matcher.group(1)).as("the data blob holds no markup").doesNotContain("<").doesNotContain(">");
        return new ObjectMapper().readTree(matcher.group(1));
    }

    private static FlowRunRecord record(Instant now, List<TaskRunRecord> tasks, List<RunEdge> edges, Map<String, String> parameters,
                                        List<LogLine> logTail, String name) {
        return new FlowRunRecord(1, "run", "flow", "com.example.Flows#flow", name, null, "resumed-run", parameters, State.FAILED, now, now, now.plusMillis(10), now, 1, List.of(),
                "failed", "default", List.of(new TaskRunCounts(tasks.get(0).taskName(), Map.of(State.FAILED, 1), 0)), tasks, List.of(), edges, List.of(),
                logTail, "writer", 42, false);
    }
}
