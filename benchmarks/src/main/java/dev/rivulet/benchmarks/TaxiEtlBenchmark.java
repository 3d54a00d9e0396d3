package dev.rivulet.benchmarks;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.taxi.TaxiEtl;
import dev.rivulet.examples.taxi.TaxiTrips;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole {@link TaxiEtl} example as a user runs it: a JVM started for a first (cold) run on a
 * new work directory and in-process S3 server, then one for a second run that finds the first
 * run's results in the cache. Each round starts from an empty work directory holding only the
 * generated trips file (linked, generated once before the rounds and not timed).
 *
 * <p>Figure line: {@code taxi-etl: cold=<s>s cached=<s>s ratio=<x> flow-cold=<s>s flow-cached=<s>s
 * flow-ratio=<x>}: the medians of the rounds' process times (JVM start to exit) and the median of
 * their ratios, cached over cold; then the same for the flow call alone, as the example times it
 * (without the JVM's start and the S3 server's).
 */
@Command(name = "benchmarks/run taxi-etl",
        description = "The whole TaxiEtl example, a first run and a cached second run, each in a JVM of its own.")
public final class TaxiEtlBenchmark implements Callable<Integer> {

    private static final Pattern FLOW_TIME = Pattern.compile("^taxi-etl took (\\d+\\.\\d+) s$", Pattern.MULTILINE);
    private static final Pattern CACHE_LINE = Pattern.compile("^Cache: (\\d+) of (\\d+) task runs CACHED$", Pattern.MULTILINE);

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "taxi trips in the example's source file")
    int rows = TaxiTrips.DEFAULT_ROWS;

    @Option(names = "--rounds", paramLabel = "N", converter = PositiveCountConverter.class, description = "rounds of a cold and a cached run")
    int rounds = 3;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveCountConverter.class, description = "the example's threads")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", paramLabel = "PATH", description = "where the rounds' work directories go, deleted at the end")
    Path directory = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--verbose", description = "print the example's output")
    boolean verbose;

    private TaxiEtlBenchmark() {}

    record Settings(int rows, int rounds, int threads, Path directory, boolean verbose) {

        static Settings parse(String... args) {
            return CommandLines.parse(new TaxiEtlBenchmark(), args).settings();
        }
    }

    /** One run of the example in its own JVM: the process's time, the flow's own time and its cache line. */
    record Run(double processSeconds, double flowSeconds, int cached, int taskRuns) {}

    public static void main(String[] args) {
        CommandLines.run(new TaxiEtlBenchmark(), args);
    }

    private Settings settings() {
        return new Settings(rows, rounds, threads, directory, verbose);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        System.out.println(Samples.machineLoad());
        try (TemporaryDirectory root = TemporaryDirectory.under(settings.directory(), "rivulet-taxi-etl-benchmark-")) {
            System.out.printf(Locale.ROOT, "generating %,d trips once (not timed)%n", settings.rows());
            Path source = TaxiEtl.ensureSource(root.path().resolve("generated"), settings.rows());
            List<Run> colds = new ArrayList<>();
            List<Run> cacheds = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                Path work = workDirectory(root.path().resolve("generated"), source, root.path().resolve("round-" + round));
                Run cold = runExample(settings, work);
                Run cached = runExample(settings, work);
                if (cold.cached() != 0 || cached.cached() != cached.taskRuns()) {
                    throw new IllegalStateException("round " + round + ": expected no hits in the first run and only hits in the second,"
                            + " got " + cold + " and " + cached);
                }
                System.out.printf(Locale.ROOT, "round %d: cold %.1f s (flow %.1f s), cached %.1f s (flow %.1f s, %d of %d task runs cached)%n",
                        round, cold.processSeconds(), cold.flowSeconds(), cached.processSeconds(), cached.flowSeconds(), cached.cached(),
                        cached.taskRuns());
                colds.add(cold);
                cacheds.add(cached);
            }
            System.out.println(figureLine(colds, cacheds));
        }
        return 0;
    }

    /** The figure line of paired rounds: {@code colds.get(i)} and {@code cacheds.get(i)} ran in round {@code i}. */
    static String figureLine(List<Run> colds, List<Run> cacheds) {
        double[] ratios = new double[colds.size()];
        double[] flowRatios = new double[colds.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = cacheds.get(i).processSeconds() / colds.get(i).processSeconds();
            flowRatios[i] = cacheds.get(i).flowSeconds() / colds.get(i).flowSeconds();
        }
        return String.format(Locale.ROOT, "taxi-etl: cold=%.1fs cached=%.1fs ratio=%.2f flow-cold=%.2fs flow-cached=%.2fs flow-ratio=%.3f",
                Samples.median(colds.stream().mapToDouble(Run::processSeconds).toArray()),
                Samples.median(cacheds.stream().mapToDouble(Run::processSeconds).toArray()), Samples.median(ratios),
                Samples.median(colds.stream().mapToDouble(Run::flowSeconds).toArray()),
                Samples.median(cacheds.stream().mapToDouble(Run::flowSeconds).toArray()), Samples.median(flowRatios));
    }

    /**
     * A new work directory {@code work} that holds only the generated trips file: {@code source}, made
     * under {@code generated} by {@link TaxiEtl#ensureSource}, linked at the same place under {@code work}.
     */
    static Path workDirectory(Path generated, Path source, Path work) throws IOException {
        Path linked = work.resolve(generated.relativize(source));
        Files.createDirectories(linked.getParent());
        Files.createLink(linked, source);
        return work;
    }

    /**
     * Runs {@code TaxiEtl --work work} in a JVM like this one (the same java, class path and
     * options, but the heap sized by the JVM's defaults, as a user's run is) and times it.
     */
    static Run runExample(Settings settings, Path work) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-Xms") && !option.startsWith("-Xmx")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TaxiEtl.class.getName(),
                "--rows", Integer.toString(settings.rows()), "--threads", Integer.toString(settings.threads()), "--work", work.toString()));
        Path log = Files.createTempFile(work.getParent(), "taxi-etl-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the example's embedded defaults: no S3 endpoint or AWS credentials from this environment
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("TaxiEtl did not finish within 30 minutes; its output is in " + log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (settings.verbose()) {
            System.err.print(output);
        }
        Matcher flow = FLOW_TIME.matcher(output);
        Matcher cache = CACHE_LINE.matcher(output);
        if (process.exitValue() != 0 || !flow.find() || !cache.find()) {
            throw new IllegalStateException("TaxiEtl failed (exit " + process.exitValue() + "):\n" + output);
        }
        return new Run(seconds, Double.parseDouble(flow.group(1)), Integer.parseInt(cache.group(1)), Integer.parseInt(cache.group(2)));
    }
}
