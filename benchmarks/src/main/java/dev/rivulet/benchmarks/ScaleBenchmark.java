package dev.rivulet.benchmarks;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.history.RunHistoryOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a flow of many task runs costs in memory: a flow of {@code --tasks} no-op task runs
 * (1,000,000), run {@code --runs} times (3) in one JVM that {@code benchmarks/run} starts with
 * {@code -Xmx1g}, on a Rivulet with the default settings (its run history recorded in a temporary
 * directory instead of the user's).
 *
 * <p>Each flow first submits a gate task, which blocks on a latch, then the no-op tasks, each given
 * the gate's future as its argument: every one of them is made, joined to the graph with its edge
 * and pending when the last is submitted. Then the heap is measured (full collections until it
 * settles) and compared with the heap before the flow (measured once the previous flow's runs are
 * let go of); the difference divided by the tasks is the
 * run's bytes per task. The flow keeps its futures in a list made before that first measurement, so
 * the figure counts what Rivulet makes for a task run, not the list. Then the latch opens, every
 * task runs, and the flow gets every result.
 *
 * <p>The last line is the figure line {@code scale: tasks=<n> seconds=<s> bytes-per-task=<B>
 * retained-after=<MB>MB completed=<true|false>}: the median run's wall time (the pause for the
 * measurement left out) and bytes per task, the heap in use after the last run and a full
 * collection (10^6 bytes a MB), and whether every run completed with every result; a run that
 * runs out of memory is not complete, and the line is printed all the same. The exit status is 1
 * when a run is not complete. Options: {@code --tasks N}, {@code --runs N}, {@code --dir PATH}
 * (under which the run history's temporary directory is made).
 */
@Command(name = "benchmarks/run scale", description = "A flow of 1M no-op tasks three times under -Xmx1g: bytes per pending task run and heap retained.")
public final class ScaleBenchmark implements Callable<Integer> {

    @Option(names = "--tasks", paramLabel = "N", converter = PositiveCountConverter.class, description = "no-op task runs in each flow")
    int tasks = 1_000_000;

    @Option(names = "--runs", paramLabel = "N", converter = PositiveCountConverter.class, description = "flows run one after another")
    int runs = 3;

    @Option(names = "--dir", paramLabel = "PATH", description = "under which the run history's temporary directory is made (java.io.tmpdir if not given)")
    Path directory;

    /** Full collections at most, while the heap in use still shrinks. */
    private static final int MAX_COLLECTIONS = 10;
    /** The heap counts as settled when a collection frees less than this. */
    private static final long SETTLED_BYTES = 256 << 10;
    private static final int RESERVE_BYTES = 16 << 20;
    /** The heap counts as quiet when it shrank by less than this over {@link #QUIET_POLL_MILLIS}. */
    private static final long QUIET_BYTES = 1 << 20;
    private static final long QUIET_POLL_MILLIS = 500;
    private static final long QUIET_WAIT_NANOS = 30_000_000_000L;

    /** Heap set aside for reporting a run that ran out of memory; freed when one does. */
    private static byte[] reserve;

    /** A gate task and no-op tasks held behind it, in one flow. */
    public interface HeldFanOut {
        /** Blocks until the gate opens; every no-op task waits for it. */
        @Task
        Integer gate();

        @Task
        default Integer noop(Integer gate) {
            return gate;
        }

        /** Submits the gate, then {@code tasks} no-op tasks given its future, then gets every result. */
        @Flow
        default long heldFanOut(int tasks) {
            TaskFuture<Integer> gate = submit(this::gate);
            List<TaskFuture<Integer>> futures = futures();
            for (int i = 0; i < tasks; i++) {
                futures.add(submit(this::noop, gate));
            }
            allSubmitted();
            long sum = 0;
            for (TaskFuture<Integer> future : futures) {
                sum += future.get();
            }
            futures.clear();
            return sum;
        }

        /** The list the flow keeps its futures in, made before the heap is first measured. */
        List<TaskFuture<Integer>> futures();

        /** Called once every task is submitted: measures the heap, then opens the gate. */
        void allSubmitted();
    }

    /** One flow's measurements. */
    record Run(long nanos, double bytesPerTask, long sum, String failure, boolean outOfMemory) {
        boolean completed(int tasks) {
            return failure == null && sum == tasks;
        }
    }

    /** What every run measured, and the heap left after them. */
    record Result(List<Run> runs, long retainedAfter, int tasks) {
        boolean completed() {
            return runs.stream().allMatch(run -> run.completed(tasks));
        }

        double medianSeconds() {
            return median(runs.stream().mapToDouble(run -> run.nanos() / 1e9).toArray());
        }

        double medianBytesPerTask() {
            return median(runs.stream().mapToDouble(Run::bytesPerTask).filter(b -> !Double.isNaN(b)).toArray());
        }
    }

    /** The flow's state for one run: its futures' list, the gate's latch and the held measurement. */
    static final class Held implements HeldFanOut {
        private final CountDownLatch gateOpen = new CountDownLatch(1);
        private final List<TaskFuture<Integer>> futures;
        private final long heapBefore;
        private final int tasks;
        private double bytesPerTask = Double.NaN;
        private long measuringNanos;

        Held(int tasks) {
            this.tasks = tasks;
            this.futures = new ArrayList<>(tasks);
            this.heapBefore = quietHeapUsed();
        }

        @Override
        public Integer gate() {
            try {
                gateOpen.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the gate was closed", e);
            }
            return 1;
        }

        @Override
        public List<TaskFuture<Integer>> futures() {
            return futures;
        }

        @Override
        public void allSubmitted() {
            long start = System.nanoTime();
            try {
                bytesPerTask = (settledHeapUsed() - heapBefore) / (double) tasks;
            } finally {
                measuringNanos = System.nanoTime() - start;
                open();
            }
        }

        void open() {
            gateOpen.countDown();
        }
    }

    private ScaleBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new ScaleBenchmark(), args);
    }

    /** Runs the benchmark; the exit code is 1 when a run is not complete. */
    @Override
    public Integer call() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "Scale: a flow of %,d no-op task runs held behind a gate task, %d times, default settings%n", tasks, runs);
        System.out.printf(Locale.ROOT, "JVM %s (%s), %d processors, max heap %,.0f MB (%d MiB)%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(), maxHeap / 1e6, maxHeap >> 20);
        Result result = run(tasks, runs, directory);
        print(result);
        return result.completed() ? 0 : 1;
    }

    static Result run(int tasks, int runs, Path directory) {
        List<Run> measured = new ArrayList<>(runs);
        reserve = new byte[RESERVE_BYTES];
        try (TemporaryDirectory history = TemporaryDirectory.under(directory, "rivulet-scale-benchmark-runs-")) {
            try (Rivulet rivulet = Rivulet.builder()
                    .runHistory(RunHistoryOptions.newBuilder().directory(history.path()).build())
                    .build()) {
                for (int i = 0; i < runs; i++) {
                    Run run = runOnce(rivulet, tasks);
                    measured.add(run);
                    System.out.printf(Locale.ROOT, "  run %d: %.2f s, %.1f bytes per pending task run%s%n", i + 1, run.nanos() / 1e9,
                            run.bytesPerTask(), run.completed(tasks) ? "" : ", NOT COMPLETE: " + run.failure());
                    if (run.outOfMemory()) {
                        break;
                    }
                }
                reserve = null;
                long retained = quietHeapUsed();
                return new Result(measured, retained, tasks);
            }
        }
    }

    private static Run runOnce(Rivulet rivulet, int tasks) {
        Held held = new Held(tasks);
        HeldFanOut flow = rivulet.stub(HeldFanOut.class, held);
        long start = System.nanoTime();
        long sum = 0;
        Throwable failure = null;
        try {
            sum = flow.heldFanOut(tasks);
        } catch (RuntimeException | Error e) {
            // Out of memory, the heap is full: free the reserve and the futures before anything else allocates.
            reserve = null;
            failure = e;
        } finally {
            held.open();
        }
        long nanos = System.nanoTime() - start - held.measuringNanos;
        if (failure == null) {
            return new Run(nanos, held.bytesPerTask, sum, null, false);
        }
        held.futures.clear();
        return new Run(nanos, held.bytesPerTask, 0, failure.toString(), causedByOutOfMemory(failure));
    }

    private static boolean causedByOutOfMemory(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * The heap in use once what the last flow let go of is gone: the run history lets go of a
     * finished flow run's task runs when it has written its last record, on its own thread, so the
     * heap is measured (after full collections) until it stops shrinking, for 30 s at most.
     */
    static long quietHeapUsed() {
        long used = settledHeapUsed();
        long deadline = System.nanoTime() + QUIET_WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(QUIET_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = settledHeapUsed();
            if (used - now < QUIET_BYTES) {
                return Math.min(used, now);
            }
            used = now;
        }
        return used;
    }

    /** The heap in use after full collections, repeated until one frees little more. */
    static long settledHeapUsed() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            boolean settled = used - now < SETTLED_BYTES;
            used = Math.min(used, now);
            if (settled) {
                break;
            }
        }
        return used;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void print(Result result) {
        System.out.println();
        System.out.printf(Locale.ROOT, "  runs                  %d of %d no-op task runs each, %s%n", result.runs().size(), result.tasks(),
                result.completed() ? "every one complete" : "NOT ALL COMPLETE");
        System.out.printf(Locale.ROOT, "  wall time             median %.2f s a flow (the held measurement left out)%n", result.medianSeconds());
        System.out.printf(Locale.ROOT, "  pending task run      median %.1f bytes of heap each, with its future, edge and graph entry%n",
                result.medianBytesPerTask());
        System.out.printf(Locale.ROOT, "  retained after        %.1f MB in use after the last run and a full collection%n", result.retainedAfter() / 1e6);
        System.out.println(figureLine(result));
    }

    static String figureLine(Result result) {
        double bytes = result.medianBytesPerTask();
        return "scale: tasks=" + result.tasks() + " seconds=" + Samples.twoDecimals(result.medianSeconds()) + " bytes-per-task="
                + (Double.isNaN(bytes) ? "NaN" : Long.toString(Math.round(bytes))) + " retained-after=" + Math.round(result.retainedAfter() / 1e6)
                + "MB completed=" + result.completed();
    }
}
