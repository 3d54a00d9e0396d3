package dev.rivulet.benchmarks;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.report.RunReports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How long writing a big run's HTML report takes, and how big it is: a flow of {@code --tasks}
 * task runs (10,000, rounded down to a multiple of 4: chains of an extract, a transform, a validate
 * and a load, each given its upstream's future, so three edges a chain) runs with every task run
 * recorded in detail; its record is read back from the run history, and its
 * report written to a file. The baseline, measured in the same rounds with the sides alternating,
 * is reading the record back ({@code RunHistory.find}: the run store's JSON parsed), which any
 * report of a recorded run costs first.
 *
 * <p>The last line is the figure line {@code report: tasks=<n> write=<ms>ms html=<KB>KB}, the
 * median round's write, and the file's size (10^3 bytes a KB). Targets: under 1,000 ms and 5,000 KB
 * for 10,000 task runs. Options: {@code --tasks N}, {@code --warmup N} (3), {@code --rounds N}
 * (9), {@code --dir PATH} (under which the temporary directory is made).
 */
@Command(name = "benchmarks/run report", description = "A run of 10,000 task runs written as an HTML report: the write's time and the file's size.")
public final class ReportBenchmark implements Callable<Integer> {

    @Option(names = "--tasks", paramLabel = "N", converter = PositiveCountConverter.class,
            description = "task runs in the flow, a multiple of 4 (chains of extract, transform, validate, load)")
    int tasks = 10_000;

    @Mixin
    final Rounds rounds = new Rounds(3, 9);

    @Option(names = "--dir", paramLabel = "PATH", description = "under which the temporary directory is made (java.io.tmpdir if not given)")
    Path directory;

    /** Chains of four task runs, each given its upstream's future: a graph of four layers, as an extract-transform-load per part makes. */
    public interface Parts {
        @Task
        default int extract(int part) {
            return part;
        }

        @Task
        default int transform(int rows) {
            return rows + 1;
        }

        @Task
        default int validate(int rows) {
            return rows;
        }

        @Task
        default int load(int rows) {
            return rows;
        }

        @Flow(name = "parts")
        default long parts(int parts) {
            List<TaskFuture<Integer>> loaded = new ArrayList<>(parts);
            for (int i = 0; i < parts; i++) {
                loaded.add(submit(this::load, submit(this::validate, submit(this::transform, submit(this::extract, i)))));
            }
            long sum = 0;
            for (TaskFuture<Integer> future : loaded) {
                sum += future.get();
            }
            return sum;
        }
    }

    record Settings(int tasks, int warmup, int rounds, Path directory) {

        static Settings parse(String... args) {
            return CommandLines.parse(new ReportBenchmark(), args).settings();
        }
    }

    /** What a run measured: the rounds of each side, the record's task runs and edges, and the two files' sizes. */
    record Result(Samples write, Samples read, int taskRuns, int edges, long recordBytes, long htmlBytes) {}

    private ReportBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new ReportBenchmark(), args);
    }

    private Settings settings() {
        return new Settings(Math.max(4, tasks - tasks % 4), rounds.warmup, rounds.measured, directory);
    }

    @Override
    public Integer call() throws IOException {
        Settings settings = settings();
        System.out.printf(Locale.ROOT, "A run report: a flow of %,d task runs, each recorded in detail, written as one HTML file, beside reading "
                + "its record back%n", settings.tasks());
        System.out.printf(Locale.ROOT, "JVM %s, %d processors; %d warm-up rounds, %d measured; median round (min, max)%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), settings.warmup(), settings.rounds());
        System.out.println(Samples.machineLoad());
        report(run(settings), settings, System.out);
        return 0;
    }

    static Result run(Settings settings) throws IOException {
        try (TemporaryDirectory directory = TemporaryDirectory.under(settings.directory(), "rivulet-report-benchmark-")) {
            Path runs = directory.path().resolve("runs");
            String id;
            try (Rivulet rivulet = Rivulet.builder()
                    .localResultsDirectory(directory.path().resolve("results"))
                    .runHistory(RunHistoryOptions.newBuilder().directory(runs).taskRunsInDetail(settings.tasks()).build())
                    .build()) {
                rivulet.stub(Parts.class).parts(settings.tasks() / 4);
                id = rivulet.lastFlowRun().orElseThrow().id();
            }
            Samples write = new Samples("write", settings.rounds());
            Samples read = new Samples("read", settings.rounds());
            Path html = directory.path().resolve("report.html");
            FlowRunRecord record;
            try (RunHistory history = RunHistory.open(runs)) {
                record = find(history, id);
                for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                    boolean measured = round >= settings.warmup();
                    for (int side = 0; side < 2; side++) {
                        boolean writeSide = (side == 0) == (round % 2 == 0);
                        long start = System.nanoTime();
                        if (writeSide) {
                            RunReports.write(record, html);
                        } else {
                            record = find(history, id);
                        }
                        long elapsed = System.nanoTime() - start;
                        if (measured) {
                            (writeSide ? write : read).add(elapsed);
                        }
                    }
                }
            }
            if (record.taskRuns().size() != settings.tasks()) {
                throw new IllegalStateException("the record details " + record.taskRuns().size() + " task runs, not " + settings.tasks());
            }
            long recordBytes;
            try (var files = Files.list(runs)) {
                recordBytes = files.filter(f -> f.getFileName().toString().endsWith(id + ".json")).findFirst().map(ReportBenchmark::size)
                        .orElse(-1L);
            }
            return new Result(write, read, record.taskRuns().size(), record.edges().size(), recordBytes, Files.size(html));
        }
    }

    private static FlowRunRecord find(RunHistory history, String id) {
        return history.find(id).orElseThrow(() -> new IllegalStateException("no record of run " + id + " in " + history.describe()));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static void report(Result result, Settings settings, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "  record                %,d task runs, %,d edges; %,d bytes of JSON in the run store%n", result.taskRuns(),
                result.edges(), result.recordBytes());
        out.printf(Locale.ROOT, "  report                %,d bytes of HTML (%.1f x the record)%n", result.htmlBytes(),
                (double) result.htmlBytes() / result.recordBytes());
        out.printf(Locale.ROOT, "  write the report      %8.1f ms  (min %.1f, max %.1f)%n", result.write().medianNanos() / 1e6,
                result.write().minNanos() / 1e6, result.write().maxNanos() / 1e6);
        out.printf(Locale.ROOT, "  read the record       %8.1f ms  (min %.1f, max %.1f)  the baseline: what any report costs first%n",
                result.read().medianNanos() / 1e6, result.read().minNanos() / 1e6, result.read().maxNanos() / 1e6);
        out.printf(Locale.ROOT, "report: tasks=%d write=%dms html=%dKB%n", settings.tasks(), Math.round(result.write().medianNanos() / 1e6),
                Math.round(result.htmlBytes() / 1e3));
    }
}
