package dev.rivulet.benchmarks;

import static dev.rivulet.Tasks.quote;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.runner.TaskRunners;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * What argument introspection costs: a direct task call inside a flow with a list of {@value
 * #ELEMENTS} distinct {@code String}s as its argument, walked (a plain call) or quoted, beside a
 * call of a task without arguments. Each flow first calls a task that returns a distinct {@code
 * String}, so that the flow holds an earlier result of the elements' own class and every element
 * walked is looked up in the flow's identity table (the slow path: the class filter does not help).
 *
 * <p>The quoted and no-argument cases make {@value #CALLS_PER_FLOW} calls per flow run and report
 * the time per call; the walked case makes one call per flow run and reports its whole time, flow
 * run included. Each case reports its median iteration. Run {@link #main} for the figure line:
 * {@code introspection: walk=<Melem/s>Melem/s quoted=<x>x-of-noarg}, where walk is {@value
 * #ELEMENTS} divided by the time of the walked case and quoted is the time of a quoted call over
 * the time of a no-argument call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
// The calls' code paths take several seconds of C2 compiling (and some deoptimisation) to settle.
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 10, time = 1)
public class IntrospectionBenchmark {

    static final int ELEMENTS = 10_000_000;
    static final int CALLS_PER_FLOW = 1_000;

    public interface Calls {
        /**
         * An earlier task of the flow; its result, a distinct String, goes into the flow's identity
         * table. It is a copy of a literal: the runtime skips strings that {@code intern()} returns
         * unchanged, and a copy of a pooled text is never one of those.
         */
        @Task
        default String seed() {
            return new String("seed");
        }

        @Task
        default int size(List<String> rows) {
            return rows.size();
        }

        @Task
        default int noArgument() {
            return 0;
        }

        /** {@code calls} calls of {@code size(rows)}, each walking {@code rows}. */
        @Flow
        default int walkedCalls(List<String> rows, int calls) {
            String seed = seed();
            int total = 0;
            for (int i = 0; i < calls; i++) {
                total += size(rows);
            }
            return total + seed.length();
        }

        /** {@code calls} calls of {@code size(quote(rows))}. */
        @Flow
        default int quotedCalls(List<String> rows, int calls) {
            String seed = seed();
            int total = 0;
            for (int i = 0; i < calls; i++) {
                total += size(quote(rows));
            }
            return total + seed.length();
        }

        /** {@code calls} calls of {@code noArgument()}. */
        @Flow
        default int noArgumentCalls(int calls) {
            String seed = seed();
            int total = 0;
            for (int i = 0; i < calls; i++) {
                total += noArgument();
            }
            return total + seed.length();
        }
    }

    private Rivulet rivulet;
    private Calls calls;
    private List<String> rows;

    @Setup(Level.Trial)
    public void setUp() {
        rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(1)).flowRunHistory(1).build();
        calls = rivulet.stub(Calls.class);
        rows = distinctStrings(ELEMENTS);
        // Promote the half gigabyte of strings now, not during the first iterations.
        System.gc();
        System.gc();
    }

    /** {@code String.valueOf(i)} for each i: distinct objects, none of them interned literals. */
    static List<String> distinctStrings(int count) {
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(String.valueOf(i));
        }
        return strings;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rivulet.close();
    }

    // The flows themselves get the list quoted: only the task call inside is measured walking it.

    @Benchmark
    public int walked() {
        return calls.walkedCalls(quote(rows), 1);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS_PER_FLOW)
    public int quoted() {
        return calls.quotedCalls(quote(rows), CALLS_PER_FLOW);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS_PER_FLOW)
    public int noArgument() {
        return calls.noArgumentCalls(CALLS_PER_FLOW);
    }

    /** Runs the three cases with JMH and prints the figure line last; JMH's own options may be given ({@code -i 10}). */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        JmhRuns.runAndReport(IntrospectionBenchmark.class, args, "Argument introspection: walked, quoted and no argument",
                IntrospectionBenchmark::report);
    }

    static void report(JmhRuns runs, PrintStream out) {
        double walked = runs.find("walked", Map.of()).millis() * 1e3;
        double quoted = runs.find("quoted", Map.of()).millis() * 1e3;
        double noArgument = runs.find("noArgument", Map.of()).millis() * 1e3;
        double elementsPerSecond = ELEMENTS / (walked / 1e6);
        out.printf("Argument introspection: a direct task call in a flow whose earlier task returned a distinct String;%n"
                + "the argument is an ArrayList of %,d distinct String objects (String.valueOf(i), not interned).%n", ELEMENTS);
        out.printf("  walked call (flow run of one call included)  %,12.1f us%n", walked);
        out.printf("  quoted call                                  %,12.3f us%n", quoted);
        out.printf("  no-argument call                             %,12.3f us%n", noArgument);
        out.printf("  walk rate = %,d elements / walked call time = %.1f M elements/s (%.1f ns an element)%n",
                ELEMENTS, elementsPerSecond / 1e6, walked * 1_000.0 / ELEMENTS);
        out.printf("  quoted / no-argument = %.2f%n", quoted / noArgument);
        out.println("introspection: walk=" + Samples.twoDecimals(elementsPerSecond / 1e6) + "Melem/s quoted="
                + Samples.twoDecimals(quoted / noArgument) + "x-of-noarg");
    }
}
