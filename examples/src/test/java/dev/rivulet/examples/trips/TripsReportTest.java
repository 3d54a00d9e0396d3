package dev.rivulet.examples.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.runner.TaskRunners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripsReportTest {

    @TempDir
    Path out;

    @Test
    void writesOneLinePerDayAndRecordsTheGraph() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            Path report = rivulet.stub(TripsReport.class).report(LocalDate.of(2023, 9, 1), 3, 2_000, out);
            List<String> lines = Files.readAllLines(report);
            assertEquals(4, lines.size());
            assertEquals("day,trips,miles,fares,tips,mean_tip_fraction", lines.get(0));
            assertTrue(lines.get(1).startsWith("2023-09-01,2000,"), lines.get(1));
            assertTrue(lines.get(3).startsWith("2023-09-03,2000,"), lines.get(3));
            assertEquals(List.of(), Files.list(out).filter(p -> p.toString().endsWith(".partial")).toList());

            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertEquals(State.COMPLETED, run.state());
            assertEquals(3 * 2 + 1, run.taskRuns().size(), "per day an extract and a summary; then the report");
            RunGraph graph = run.graph();
            assertEquals(3 + 3, graph.edges().size(), "extract -> summarise per day, every summary -> report");
            assertTrue(graph.edges().stream().allMatch(e -> e.kind() == RunGraph.EdgeKind.FUTURE));
        }
    }

    @Test
    void daysRunSideBySide() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            rivulet.stub(TripsReport.class, new TripsReport() {
                private final java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);

                @Override
                public List<Trip> extract(LocalDate day, int tripsPerDay) {
                    try {
                        together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the two days did not run at the same time", e);
                    }
                    return TripsReport.super.extract(day, tripsPerDay);
                }
            }).report(LocalDate.of(2023, 9, 1), 2, 100, out);
            assertEquals(2, dev.rivulet.examples.support.Timeline.maxOverlap(
                    rivulet.lastFlowRun().orElseThrow().taskRuns().stream().filter(t -> t.taskName().equals("extract-{day}")).toList()));
        }
    }

    @Test
    void mainPrintsTheReportGraphAndTimeline() throws Exception {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(buffer, true));
        try {
            DailyTripsReport.main(new String[] {"--days", "2", "--trips-per-day", "1000", "--out", out.toString()});
        } finally {
            System.setOut(original);
        }
        String printed = buffer.toString();
        assertTrue(printed.contains("Graph of flow run trips-report-2023-09-01 (COMPLETED)"), printed);
        assertTrue(printed.contains("writeReport-0") && printed.contains("<- summarise-2023-09-01 (future), summarise-2023-09-02 (future)"), printed);
        assertTrue(printed.contains("Timeline"), printed);
    }
}
