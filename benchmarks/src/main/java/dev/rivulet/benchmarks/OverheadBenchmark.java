package dev.rivulet.benchmarks;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.runner.TaskRunners;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * What Rivulet costs per task beside a bare {@link ExecutorService} with {@link CompletableFuture}s,
 * on the same number of threads: (a) a fan-out of {@code tasks} no-op tasks (100,000) submitted in
 * one flow and then gathered, (b) a chain of {@code chainLength} dependent no-op tasks (10,000),
 * each given the previous future. Every case checks what it computed. Rivulet runs twice: with the
 * run history off ({@value #RIVULET}), and on ({@value #RIVULET_HISTORY}, recording every flow run
 * in a temporary directory with the default options), so that what recording costs per task shows.
 *
 * <p>A JMH benchmark: one operation is one whole fan-out or chain, flow run included (average time
 * per operation, over iterations of one second: 5 warm-up and 5 measured in each of 3 forks per
 * case). Several forks, because a fork of the fan-out settles in one of two states about a third
 * apart (the same jar measured 0.3 and 0.45 us/task in separate forks); the median over every
 * fork's iterations leans less on one fork's state, though a whole run may still land in either.
 * The Rivulet ({@code TaskRunners.threadPool(threads)}, {@code flowRunHistory(1)}) or the
 * pool ({@code Executors.newFixedThreadPool(threads)}) is made before the measurement. JMH runs the
 * cases one after another, each side of a shape right after the other; each case reports its
 * median iteration, divided by its number of tasks.
 *
 * <p>Run {@link #main} for the figure line, printed last, for the fan-out:
 * {@code overhead: rivulet=<us>us/task executor=<us>us/task ratio=<x> history=<us>us/task
 * history-ratio=<x>} (the last two when the history side was measured: Rivulet with the history
 * on, and its time over Rivulet's with it off). It takes JMH's own options ({@code -wi 5 -i 5 -f 3})
 * and the parameters {@code -p shape=fan-out} (or {@code chain}; both by default), {@code -p
 * side=rivulet,rivulet-history,executor} (all three by default), {@code -p tasks=N}, {@code -p
 * chainLength=N}, {@code -p threads=N} (0, the default: the available processors).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
// The Rivulet path takes a few seconds of C2 compiling to settle.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class OverheadBenchmark {

    static final String FAN_OUT = "fan-out";
    static final String CHAIN = "chain";
    static final String RIVULET = "rivulet";
    static final String RIVULET_HISTORY = "rivulet-history";
    static final String EXECUTOR = "executor";

    /** No-op tasks: each returns what it was given, or one more; results are small boxed integers. */
    public interface NoOpTasks {
        @Task
        default Integer noop(Integer value) {
            return value;
        }

        @Task
        default Integer increment(Integer previous) {
            return previous + 1;
        }

        /** Submits {@code tasks} no-op tasks, then gets every result. */
        @Flow
        default long fanOut(int tasks) {
            List<TaskFuture<Integer>> futures = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                futures.add(submit(this::noop, i));
            }
            long sum = 0;
            for (TaskFuture<Integer> future : futures) {
                sum += future.get();
            }
            return sum;
        }

        /** Submits a chain of {@code length} tasks, each with the previous one's future as its argument. */
        @Flow
        default int chain(int length) {
            TaskFuture<Integer> last = submit(this::increment, 0);
            for (int i = 1; i < length; i++) {
                last = submit(this::increment, last);
            }
            return last.get();
        }
    }

    /** The workload: {@value #FAN_OUT} or {@value #CHAIN}. */
    @Param({FAN_OUT, CHAIN})
    public String shape;

    /** Who runs it: {@value #RIVULET} (the run history off), {@value #RIVULET_HISTORY} (on) or {@value #EXECUTOR}. */
    @Param({RIVULET, RIVULET_HISTORY, EXECUTOR})
    public String side;

    /** The tasks of the fan-out. */
    @Param("100000")
    public int tasks;

    /** The tasks of the chain. */
    @Param("10000")
    public int chainLength;

    /** The threads of either side; 0 for the available processors. */
    @Param("0")
    public int threads;

    private Rivulet rivulet;
    /** Where the {@value #RIVULET_HISTORY} side records its runs; deleted after the trial. */
    private TemporaryDirectory runs;
    private ExecutorService pool;
    private LongSupplier workload;
    private long expected;

    @Setup(Level.Trial)
    public void setUp() {
        if (tasks < 1 || chainLength < 1 || threads < 0) {
            throw new IllegalArgumentException("tasks and chainLength must be positive and threads at least 0, were tasks=" + tasks
                    + " chainLength=" + chainLength + " threads=" + threads);
        }
        int poolThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        boolean fanOut = switch (shape) {
            case FAN_OUT -> true;
            case CHAIN -> false;
            default -> throw new IllegalArgumentException("unknown shape '" + shape + "'; give -p shape=" + FAN_OUT + " or " + CHAIN);
        };
        expected = fanOut ? (long) tasks * (tasks - 1) / 2 : chainLength;
        switch (side) {
            case RIVULET, RIVULET_HISTORY -> {
                RunHistoryOptions history = RunHistoryOptions.disabled();
                if (side.equals(RIVULET_HISTORY)) {
                    runs = TemporaryDirectory.under(null, "rivulet-overhead-runs");
                    history = RunHistoryOptions.newBuilder().directory(runs.path()).build();
                }
                rivulet = Rivulet.builder()
                        .taskRunner(TaskRunners.threadPool(poolThreads))
                        .flowRunHistory(1) // keep one finished flow run of 100k task runs, not a hundred
                        .runHistory(history)
                        .build();
                NoOpTasks noOps = rivulet.stub(NoOpTasks.class);
                workload = fanOut ? () -> noOps.fanOut(tasks) : () -> noOps.chain(chainLength);
            }
            case EXECUTOR -> {
                ExecutorService executor = Executors.newFixedThreadPool(poolThreads);
                pool = executor;
                workload = fanOut ? () -> executorFanOut(executor, tasks) : () -> executorChain(executor, chainLength);
            }
            default -> throw new IllegalArgumentException("unknown side '" + side + "'; give -p side=" + RIVULET + ", " + RIVULET_HISTORY
                    + " or " + EXECUTOR);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (rivulet != null) {
            rivulet.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (runs != null) {
            runs.close();
        }
    }

    /** One whole fan-out or chain of the {@link #side}; fails if it computed the wrong sum. */
    @Benchmark
    public long workload() {
        long outcome = workload.getAsLong();
        if (outcome != expected) {
            throw new IllegalStateException(side + " " + shape + " computed " + outcome + ", expected " + expected);
        }
        return outcome;
    }

    /** The baseline of the fan-out: {@code supplyAsync} per task, then {@code join} every future. */
    static long executorFanOut(ExecutorService pool, int tasks) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            Integer value = i;
            futures.add(CompletableFuture.supplyAsync(() -> value, pool));
        }
        long sum = 0;
        for (CompletableFuture<Integer> future : futures) {
            sum += future.join();
        }
        return sum;
    }

    /** The baseline of the chain: {@code thenApplyAsync} per link, the first link computing 0 + 1 as Rivulet's does. */
    static int executorChain(ExecutorService pool, int length) {
        Integer zero = 0;
        CompletableFuture<Integer> last = CompletableFuture.supplyAsync(() -> zero + 1, pool);
        for (int i = 1; i < length; i++) {
            last = last.thenApplyAsync(previous -> previous + 1, pool);
        }
        return last.join();
    }

    /** Runs the cases with JMH (its options in {@code args}) and prints the summary, the figure line last. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        JmhRuns.runAndReport(OverheadBenchmark.class, args, "Task overhead: no-op tasks on Rivulet's TaskRunners.threadPool(n) vs "
                + "Executors.newFixedThreadPool(n) + CompletableFuture", OverheadBenchmark::report);
    }

    /**
     * Prints the per-task times of the shapes measured and, last, the figure line of the fan-out,
     * whose {@value #RIVULET} and {@value #EXECUTOR} sides must have been measured.
     */
    static void report(JmhRuns runs, PrintStream out) {
        double[] fanOut = perTask(runs, FAN_OUT, "tasks", out);
        double[] chain = runs.has("workload", Map.of("shape", CHAIN)) ? perTask(runs, CHAIN, "chainLength", out) : null;
        if (chain == null) {
            out.println("(b) chain: not measured");
        }
        String history = Double.isNaN(fanOut[2]) ? ""
                : " history=" + Samples.twoDecimals(fanOut[2]) + "us/task history-ratio=" + Samples.twoDecimals(fanOut[2] / fanOut[0]);
        out.println("overhead: rivulet=" + Samples.twoDecimals(fanOut[0]) + "us/task executor=" + Samples.twoDecimals(fanOut[1])
                + "us/task ratio=" + Samples.twoDecimals(fanOut[0] / fanOut[1]) + history);
    }

    /**
     * Prints one shape's sides; returns their microseconds per task: Rivulet's with the history off,
     * the executor's, and Rivulet's with the history on (NaN if that side was not measured).
     */
    private static double[] perTask(JmhRuns runs, String shape, String sizeParam, PrintStream out) {
        JmhRuns.Median rivulet = runs.find("workload", Map.of("shape", shape, "side", RIVULET));
        JmhRuns.Median executor = runs.find("workload", Map.of("shape", shape, "side", EXECUTOR));
        JmhRuns.Median history = runs.has("workload", Map.of("shape", shape, "side", RIVULET_HISTORY))
                ? runs.find("workload", Map.of("shape", shape, "side", RIVULET_HISTORY)) : null;
        int taskCount = Integer.parseInt(rivulet.params().get(sizeParam));
        for (JmhRuns.Median other : history == null ? List.of(executor) : List.of(executor, history)) {
            if (!other.params().get(sizeParam).equals(rivulet.params().get(sizeParam))) {
                throw new IllegalStateException("the sides of the " + shape + " ran different sizes: " + rivulet.params() + ", "
                        + other.params());
            }
        }
        double[] micros = {microsPerTask(rivulet, taskCount), microsPerTask(executor, taskCount),
            history == null ? Double.NaN : microsPerTask(history, taskCount)};
        String threads = rivulet.params().get("threads");
        String what = shape.equals(FAN_OUT) ? "(a) fan-out, submitted in one flow, then every result gotten"
                : "(b) chain, each task given the previous future";
        out.printf(Locale.ROOT, "%s: %,d no-op tasks, %s on each side%n", what, taskCount,
                threads.equals("0") ? "a thread per available processor" : threads + " threads");
        out.printf(Locale.ROOT, "  rivulet            %8.2f us/task  (%.2f %s)  run history off%n", micros[0], rivulet.value(), rivulet.unit());
        if (history != null) {
            out.printf(Locale.ROOT, "  rivulet, history   %8.2f us/task  (%.2f %s)  run history on: %.2f x off%n", micros[2], history.value(),
                    history.unit(), micros[2] / micros[0]);
        }
        out.printf(Locale.ROOT, "  executor           %8.2f us/task  (%.2f %s)%n", micros[1], executor.value(), executor.unit());
        out.printf(Locale.ROOT, "  ratio              %8.2f  (rivulet, history off / executor)%n", micros[0] / micros[1]);
        return micros;
    }

    private static double microsPerTask(JmhRuns.Median median, int taskCount) {
        return median.millis() * 1_000.0 / taskCount;
    }
}
