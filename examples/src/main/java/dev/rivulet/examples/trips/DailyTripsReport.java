package dev.rivulet.examples.trips;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.Run;
import dev.rivulet.TaskRun;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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
            System.out.print(timeline(run.graph().nodes(), 60));
            System.out.printf("%nAt most %d task runs were running at the same time.%n", maxOverlap(run.taskRuns()));
        }
    }

    /** Draws each run as a bar between its start and end, on a shared time axis {@code width} characters wide. */
    static String timeline(List<Run> runs, int width) {
        Instant first = runs.stream().flatMap(r -> r.startTime().stream()).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant last = runs.stream().flatMap(r -> r.endTime().stream()).max(Instant::compareTo).orElse(first);
        double span = Math.max(1, Duration.between(first, last).toNanos());
        int labelWidth = runs.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Run run : runs) {
            if (run.startTime().isEmpty() || run.endTime().isEmpty()) {
                continue;
            }
            int from = (int) Math.round(Duration.between(first, run.startTime().get()).toNanos() / span * width);
            int to = Math.max(from + 1, (int) Math.round(Duration.between(first, run.endTime().get()).toNanos() / span * width));
            out.append(String.format("%-" + labelWidth + "s |", run.name()))
                    .append(" ".repeat(from)).append("#".repeat(to - from)).append(" ".repeat(Math.max(0, width - to)))
                    .append("| ").append(Duration.between(run.startTime().get(), run.endTime().get()).toMillis()).append(" ms\n");
        }
        return out.toString();
    }

    /** The largest number of task runs whose [start, end) intervals overlap at one instant. */
    static int maxOverlap(List<TaskRun> runs) {
        int max = 0;
        for (TaskRun a : runs) {
            if (a.startTime().isEmpty()) {
                continue;
            }
            Instant t = a.startTime().get();
            int running = 0;
            for (TaskRun b : runs) {
                if (b.startTime().isPresent() && b.endTime().isPresent()
                        && !b.startTime().get().isAfter(t) && b.endTime().get().isAfter(t)) {
                    running++;
                }
            }
            max = Math.max(max, running);
        }
        return max;
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
