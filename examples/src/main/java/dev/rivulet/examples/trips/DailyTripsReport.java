package dev.rivulet.examples.trips;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.examples.support.Timeline;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Runs {@link TripsReport} for a week and prints the report, the flow's graph and a timeline of
 * its task runs, on which the days' tasks overlap.
 *
 * <pre>
 * DailyTripsReport [--from 2023-09-01] [--days 7] [--trips-per-day 300000] [--threads N] [--out DIR]
 * </pre>
 */
public final class DailyTripsReport {

    private DailyTripsReport() {}

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        System.out.printf("Summarising %d days of %,d trips each from %s on %d threads%n",
                options.days, options.tripsPerDay, options.from, options.threads);
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(options.threads)).build()) {
            TripsReport pipeline = rivulet.stub(TripsReport.class);
            Path report = pipeline.report(options.from, options.days, options.tripsPerDay, options.out);
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
        }
    }

    record Options(LocalDate from, int days, int tripsPerDay, int threads, Path out) {
        static Options parse(String[] args) {
            LocalDate from = LocalDate.of(2023, 9, 1);
            int days = 7;
            int tripsPerDay = 300_000;
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            Path out = Path.of("target", "rivulet-example");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--from" -> from = LocalDate.parse(require(args[i], value));
                    case "--days" -> days = positive(args[i], value);
                    case "--trips-per-day" -> tripsPerDay = positive(args[i], value);
                    case "--threads" -> threads = positive(args[i], value);
                    case "--out" -> out = Path.of(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --from YYYY-MM-DD --days N --trips-per-day N --threads N --out DIR");
                }
                i++;
            }
            return new Options(from, days, tripsPerDay, threads, out);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int positive(String option, String value) {
            int n = Integer.parseInt(require(option, value));
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, was " + n);
            }
            return n;
        }
    }
}
