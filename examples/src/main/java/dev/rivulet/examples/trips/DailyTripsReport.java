package dev.rivulet.examples.trips;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.support.RunReport;
import dev.rivulet.examples.support.Timeline;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link TripsReport} for a week and prints the report, the flow's graph and a timeline of
 * its task runs, on which the days' tasks overlap.
 *
 * <pre>
 * DailyTripsReport [--from 2023-09-01] [--days 7] [--trips-per-day 300000] [--threads N] [--out DIR]
 * </pre>
 */
@Command(name = "DailyTripsReport", description = "Summarises a week of taxi trips, a task a day, into one report.")
public final class DailyTripsReport implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "DATE", description = "the first day")
    LocalDate from = LocalDate.of(2023, 9, 1);

    @Option(names = "--days", paramLabel = "N", converter = PositiveCountConverter.class, description = "how many days")
    int days = 7;

    @Option(names = "--trips-per-day", paramLabel = "N", converter = PositiveCountConverter.class, description = "trips generated for each day")
    int tripsPerDay = 300_000;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveCountConverter.class, description = "task runner threads")
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--out", paramLabel = "DIR", description = "where the report is written")
    Path out = Path.of("target", "rivulet-example");

    private DailyTripsReport() {}

    public static void main(String[] args) {
        CommandLines.run(new DailyTripsReport(), args);
    }

    @Override
    public Integer call() throws IOException {
        System.out.printf("Summarising %d days of %,d trips each from %s on %d threads%n", days, tripsPerDay, from, threads);
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(threads)).build()) {
            TripsReport pipeline = rivulet.stub(TripsReport.class);
            Path report = pipeline.report(from, days, tripsPerDay, out);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();

            System.out.println();
            System.out.println("Report " + report + ":");
            Files.readAllLines(report).forEach(line -> System.out.println("  " + line));
            System.out.println();
            System.out.println("Graph of flow run " + run.name() + " (" + run.state() + "):");
            System.out.print(run.graph().render());
            System.out.println();
            System.out.println("Timeline (each row one task run; # while running):");
            System.out.print(Timeline.render(run.graph().nodes(), 60));
            System.out.printf("%nAt most %d task runs were running at the same time.%n", Timeline.maxOverlap(run.taskRuns()));
            RunReport.write(rivulet, run, out);
        }
        return 0;
    }
}
