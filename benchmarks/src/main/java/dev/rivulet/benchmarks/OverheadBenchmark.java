package dev.rivulet.benchmarks;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.runner.TaskRunners;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * What Rivulet costs per task beside a bare {@link ExecutorService} with {@link CompletableFuture}s,
 * on the same number of threads, in one JVM: (a) a fan-out of no-op tasks submitted in one flow and
 * then gathered, (b) a chain of dependent no-op tasks, each given the previous future. Rounds of
 * the four cases alternate, after warm-up rounds; each case reports its median round.
 *
 * <p>The last line printed is the figure line for the fan-out case:
 * {@code overhead: rivulet=3.21us/task executor=1.05us/task ratio=3.06}.
 *
 * <p>Options: {@code --tasks N} (100000), {@code --chain N} (10000), {@code --warmup N} (10),
 * {@code --rounds N} (20), {@code --threads N} (available processors), {@code --fan-out-only},
 * {@code --verbose} (prints every round, warm-up included).
 */
public final class OverheadBenchmark {

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

    record Settings(int tasks, int chain, int warmup, int rounds, int threads, boolean fanOutOnly, boolean verbose) {

        static Settings parse(String[] args) {
            int tasks = 100_000;
            int chain = 10_000;
            int warmup = 10;
            int rounds = 20;
            int threads = Runtime.getRuntime().availableProcessors();
            boolean fanOutOnly = false;
            boolean verbose = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--tasks" -> tasks = Arguments.positive(args, ++i);
                    case "--chain" -> chain = Arguments.positive(args, ++i);
                    case "--warmup" -> warmup = Arguments.nonNegative(args, ++i);
                    case "--rounds" -> rounds = Arguments.positive(args, ++i);
                    case "--threads" -> threads = Arguments.positive(args, ++i);
                    case "--fan-out-only" -> fanOutOnly = true;
                    case "--verbose" -> verbose = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; the options are --tasks N, "
                            + "--chain N, --warmup N, --rounds N, --threads N, --fan-out-only, --verbose");
                }
            }
            return new Settings(tasks, chain, warmup, rounds, threads, fanOutOnly, verbose);
        }
    }

    /** The medians of one run. */
    record Result(Samples rivuletFanOut, Samples executorFanOut, Samples rivuletChain, Samples executorChain) {}

    private OverheadBenchmark() {}

    public static void main(String[] args) {
        Settings settings = Settings.parse(args);
        System.out.printf("Task overhead: no-op tasks on Rivulet's TaskRunners.threadPool(%d) vs Executors.newFixedThreadPool(%d)"
                + " + CompletableFuture%n", settings.threads(), settings.threads());
        System.out.printf("JVM %s (%s), %d processors, max heap %d MiB%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%d warm-up rounds, then %d measured rounds; each case reports its median round (min and max beside it)%n",
                settings.warmup(), settings.rounds());
        Result result = run(settings);
        print(settings, result);
    }

    static Result run(Settings settings) {
        Samples rivuletFanOut = new Samples("rivulet", settings.rounds());
        Samples executorFanOut = new Samples("executor", settings.rounds());
        Samples rivuletChain = new Samples("rivulet", settings.rounds());
        Samples executorChain = new Samples("executor", settings.rounds());
        try (Rivulet rivulet = Rivulet.builder()
                .taskRunner(TaskRunners.threadPool(settings.threads()))
                .flowRunHistory(1) // keep one finished flow run of 100k task runs, not a hundred
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
            try {
                NoOpTasks tasks = rivulet.stub(NoOpTasks.class);
                long expectedSum = (long) settings.tasks() * (settings.tasks() - 1) / 2;
                for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                    boolean measured = round >= settings.warmup();
                    // Alternate which side goes first, so that neither always runs on a warmer or dirtier heap.
                    boolean rivuletFirst = round % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == rivuletFirst) {
                            time(settings, round, measured, rivuletFanOut, "fan-out", expectedSum, () -> tasks.fanOut(settings.tasks()));
                        } else {
                            time(settings, round, measured, executorFanOut, "fan-out", expectedSum,
                                    () -> executorFanOut(pool, settings.tasks()));
                        }
                    }
                    if (settings.fanOutOnly()) {
                        continue;
                    }
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == rivuletFirst) {
                            time(settings, round, measured, rivuletChain, "chain", settings.chain(), () -> tasks.chain(settings.chain()));
                        } else {
                            time(settings, round, measured, executorChain, "chain", settings.chain(),
                                    () -> executorChain(pool, settings.chain()));
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return new Result(rivuletFanOut, executorFanOut, rivuletChain, executorChain);
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

    private static void time(Settings settings, int round, boolean measured, Samples samples, String workload, long expected,
                             LongSupplier work) {
        // Collect the previous case's garbage now, so that it is not charged to this one.
        System.gc();
        long start = System.nanoTime();
        long outcome = work.getAsLong();
        long elapsed = System.nanoTime() - start;
        if (outcome != expected) {
            throw new IllegalStateException(samples.label() + " computed " + outcome + ", expected " + expected);
        }
        if (measured) {
            samples.add(elapsed);
        }
        if (settings.verbose()) {
            System.out.printf(Locale.ROOT, "  round %3d %-8s %-9s %9.2f ms%s%n", round, workload, samples.label(), elapsed / 1e6,
                    measured ? "" : " (warm-up)");
        }
    }

    private static void print(Settings settings, Result result) {
        double rivulet = result.rivuletFanOut().medianNanos() / settings.tasks() / 1_000.0;
        double executor = result.executorFanOut().medianNanos() / settings.tasks() / 1_000.0;
        System.out.printf("%n(a) fan-out: %d no-op tasks submitted in one flow, then every result gotten%n", settings.tasks());
        System.out.println("  " + result.rivuletFanOut().describePerUnit(settings.tasks(), "task"));
        System.out.println("  " + result.executorFanOut().describePerUnit(settings.tasks(), "task"));
        System.out.println("  ratio      " + Samples.twoDecimals(rivulet / executor));
        if (!settings.fanOutOnly()) {
            System.out.printf("(b) chain: %d dependent tasks, each given the previous future%n", settings.chain());
            System.out.println("  " + result.rivuletChain().describePerUnit(settings.chain(), "task"));
            System.out.println("  " + result.executorChain().describePerUnit(settings.chain(), "task"));
            System.out.println("  ratio      " + Samples.twoDecimals(
                    result.rivuletChain().medianNanos() / result.executorChain().medianNanos()));
        }
        System.out.println("overhead: rivulet=" + Samples.twoDecimals(rivulet) + "us/task executor="
                + Samples.twoDecimals(executor) + "us/task ratio=" + Samples.twoDecimals(rivulet / executor));
    }
}
