package dev.rivulet.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of one class from that class's main, with JMH's own command-line options
 * ({@code -wi 10 -i 10 -p tasks=1000 -f 0 -v SILENT}), and finds the median iteration of each case
 * in what JMH returns, from which the main computes its figure line.
 */
final class JmhRuns {

    /**
     * The median iteration of one benchmark method with one set of parameters, in JMH's unit for it,
     * and the median of each of its secondary results (such as {@code @AuxCounters}), by name.
     */
    record Median(String method, Map<String, String> params, double value, String unit, Map<String, Double> secondary) {

        /** The median in milliseconds an operation, whatever time unit JMH gave it in. */
        double millis() {
            return switch (unit) {
                case "ns/op" -> value / 1e6;
                case "us/op" -> value / 1e3;
                case "ms/op" -> value;
                case "s/op" -> value * 1e3;
                default -> throw new IllegalStateException(method + params + " was measured in " + unit + ", not a time an operation; "
                        + "leave -bm at the benchmark's own mode");
            };
        }
    }

    /** Prints the summary of a run of a benchmark class's cases, its figure line last. */
    @FunctionalInterface
    interface Report {
        void print(JmhRuns runs, PrintStream out);
    }

    private final String benchmarkClass;
    private final List<Median> medians;

    private JmhRuns(String benchmarkClass, List<Median> medians) {
        this.benchmarkClass = benchmarkClass;
        this.medians = medians;
    }

    /**
     * What a benchmark's main does: prints what it measures and the machine's load, runs its cases
     * with JMH, then prints JMH's table (JMH does) and the benchmark's own summary, whose last line is
     * the figure line.
     */
    static void runAndReport(Class<?> benchmarkClass, String[] args, String measures, Report report)
            throws RunnerException, CommandLineOptionException {
        System.out.println(measures + "; " + Samples.machineLoad());
        JmhRuns runs = run(benchmarkClass, args);
        System.out.println();
        System.out.println("Medians of the measured iterations (JMH's table above shows their means).");
        report.print(runs, System.out);
    }

    /**
     * Runs every benchmark of {@code benchmarkClass}. Benchmark patterns in {@code args} are refused:
     * JMH adds them to the class's own, so they would run other classes' benchmarks, not fewer of this one's.
     */
    static JmhRuns run(Class<?> benchmarkClass, String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        if (!commandLine.getIncludes().isEmpty()) {
            throw new IllegalArgumentException(benchmarkClass.getSimpleName() + " runs all of its cases and takes no benchmark patterns, "
                    + "was given " + commandLine.getIncludes() + "; choose cases with its parameters (-p NAME=VALUE) instead");
        }
        OptionsBuilder options = new OptionsBuilder();
        options.parent(commandLine).include(Pattern.quote(benchmarkClass.getName()) + "\\.");
        return of(benchmarkClass, new Runner(options.build()).run());
    }

    /** The medians of {@code results}, JMH's results for {@code benchmarkClass}. */
    static JmhRuns of(Class<?> benchmarkClass, Collection<RunResult> results) {
        List<Median> medians = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            Map<String, String> values = new TreeMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            Map<String, Double> secondary = new TreeMap<>();
            result.getSecondaryResults().forEach((name, value) -> secondary.put(name, value.getStatistics().getPercentile(50)));
            // The median iteration, as the other benchmarks report medians: one slow iteration does not move it.
            medians.add(new Median(benchmark.substring(benchmark.lastIndexOf('.') + 1), Map.copyOf(values),
                    result.getPrimaryResult().getStatistics().getPercentile(50), result.getPrimaryResult().getScoreUnit(),
                    Map.copyOf(secondary)));
        }
        return new JmhRuns(benchmarkClass.getSimpleName(), medians);
    }

    List<Median> medians() {
        return medians;
    }

    /** Whether JMH measured {@code method} with parameters that include all of {@code params}. */
    boolean has(String method, Map<String, String> params) {
        return !matching(method, params).isEmpty();
    }

    /** The median of the one result of {@code method} whose parameters include all of {@code params}. */
    Median find(String method, Map<String, String> params) {
        List<Median> found = matching(method, params);
        if (found.size() != 1) {
            throw new IllegalStateException(benchmarkClass + ": JMH returned " + found.size() + " results for " + method + " with "
                    + params + ", expected one (results: " + medians.stream().map(m -> m.method() + m.params()).toList()
                    + "); was the case left out with -p, or is the generated benchmark list empty?");
        }
        return found.get(0);
    }

    private List<Median> matching(String method, Map<String, String> params) {
        return medians.stream().filter(m -> m.method().equals(method) && m.params().entrySet().containsAll(params.entrySet())).toList();
    }
}
