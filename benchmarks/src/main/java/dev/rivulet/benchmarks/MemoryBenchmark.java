package dev.rivulet.benchmarks;

import static dev.rivulet.Tasks.getAll;
import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.cli.ByteSizeConverter;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.CRC32C;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Whether a flow whose results are far larger than the heap completes when its tasks do not keep
 * results in memory: {@code --tasks} tasks (200) each return {@code --size} bytes (50 MB, 10^6
 * bytes a MB) of random data with {@code cacheResultInMemory = false}, so each result is written to
 * the local store (serializer {@code java}, a temporary directory) and dropped; for each, a
 * dependent task gets the result (loading it from the store) and computes its CRC32C. The flow
 * keeps all its futures until it ends, as a flow that later combines them would. It runs on a
 * thread pool of {@code --threads} (4), in a JVM started with {@code -Xmx1g} by {@code
 * benchmarks/run}.
 *
 * <p>The peak heap is measured by {@link HeapWatch}: the most heap in use at any moment (from the
 * collectors' notifications and a 5 ms sampler), and the most still in use after a collection. The
 * run is complete only if the flow completed and every checksum a dependent computed equals the one
 * its producer computed before returning the value.
 *
 * <p>The last line is the figure line {@code memory: results=<GB>GB heap-peak=<MB>MB
 * completed=<true|false>}; the exit status is 1 when the run is not complete. The directory needs
 * room for every result at once: the run checks the free space first and stops if there is too
 * little. Options: {@code --tasks N}, {@code --size BYTES} (such as 50MB or 48MiB), {@code
 * --threads N}, {@code --dir PATH} (under which the temporary directory is made; {@code
 * java.io.tmpdir} by default).
 */
@Command(name = "benchmarks/run memory",
        description = "A flow of results larger than the heap with cacheResultInMemory = false: the peak heap.")
public final class MemoryBenchmark implements Callable<Integer> {

    @Option(names = "--tasks", paramLabel = "N", converter = PositiveCountConverter.class, description = "producing tasks")
    int tasks = 200;

    @Option(names = "--size", paramLabel = "BYTES", converter = ByteSizeConverter.class,
            description = "each result's size, below 2 GiB (one byte[]), such as 50MB or 48MiB")
    long size = 50_000_000;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveCountConverter.class, description = "task runner threads")
    int threads = 4;

    @Option(names = "--dir", paramLabel = "PATH", description = "under which the results' temporary directory is made (java.io.tmpdir if not given)")
    Path directory;

    @Spec
    CommandSpec spec;

    /** Room left free on the file system beyond the results, for the trailers and for everything else using the disk. */
    private static final long SPARE_BYTES = 1L << 30;

    public interface Pipeline {
        /** {@code size} random bytes, the same for the same index. */
        @Task(serializer = "java", cacheResultInMemory = false)
        byte[] produce(int index, int size);

        @Task
        default long checksum(byte[] data) {
            return crc32c(data);
        }

        /** Produces {@code tasks} results, then a checksum of each; the futures of both stay in the flow until it ends. */
        @Flow
        default List<Long> produceAndCheck(int tasks, int size) {
            List<TaskFuture<byte[]>> results = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                results.add(submit(this::produce, i, size));
            }
            List<TaskFuture<Long>> checksums = new ArrayList<>(tasks);
            for (TaskFuture<byte[]> result : results) {
                checksums.add(submit(this::checksum, result));
            }
            return getAll(checksums);
        }
    }

    /** Makes the results and notes the checksum of each, for the dependents' to be compared with. */
    static final class Producer implements Pipeline {
        final AtomicLongArray checksums;

        Producer(int tasks) {
            this.checksums = new AtomicLongArray(tasks);
        }

        @Override
        public byte[] produce(int index, int size) {
            byte[] data = new byte[size];
            new SplittableRandom(index).nextBytes(data);
            checksums.set(index, crc32c(data));
            return data;
        }
    }

    static long crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    record Settings(int tasks, int size, int threads, Path directory) {

        static Settings parse(String... args) {
            return CommandLines.parse(new MemoryBenchmark(), args).settings();
        }

        long resultBytes() {
            return (long) tasks * size;
        }
    }

    /** What a run measured. */
    record Result(boolean completed, String failure, long nanos, long peakUsed, long peakLive, long collections) {}

    private MemoryBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new MemoryBenchmark(), args);
    }

    private Settings settings() {
        if (size < 1 || size > Integer.MAX_VALUE - 8) {
            throw new ParameterException(spec.commandLine(), "--size must be at least one byte and below 2 GiB (one byte[]), was " + size);
        }
        return new Settings(tasks, (int) size, threads, directory);
    }

    /** Runs the benchmark; the exit code is 1 when the run is not complete. */
    @Override
    public Integer call() throws IOException {
        Settings settings = settings();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "Results larger than the heap: %d tasks each return %,d bytes with cacheResultInMemory = false (%.2f GB "
                + "in all); a dependent of each loads it and checks its CRC32C%n", settings.tasks(), settings.size(),
                settings.resultBytes() / 1e9);
        System.out.printf(Locale.ROOT, "JVM %s (%s), %d processors, max heap %,.0f MB (%d MiB); thread pool of %d%n",
                System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(),
                maxHeap / 1e6, maxHeap >> 20, settings.threads());
        Result result = run(settings);
        print(settings, result, maxHeap);
        return result.completed() ? 0 : 1;
    }

    static Result run(Settings settings) throws IOException {
        try (TemporaryDirectory directory = TemporaryDirectory.under(settings.directory(), "rivulet-memory-benchmark-")) {
            requireRoom(directory.path(), settings.resultBytes());
            System.out.printf("Results go to %s (deleted at the end)%n", directory.path());
            Producer producer = new Producer(settings.tasks());
            try (Rivulet rivulet = Rivulet.builder()
                    .taskRunner(TaskRunners.threadPool(settings.threads()))
                    .localResultsDirectory(directory.path())
                    .build()) {
                Pipeline pipeline = rivulet.stub(Pipeline.class, producer);
                // Start from a collected heap, so that the peaks are the flow's own.
                System.gc();
                long start;
                List<Long> checksums;
                try (HeapWatch heap = new HeapWatch()) {
                    start = System.nanoTime();
                    try {
                        checksums = pipeline.produceAndCheck(settings.tasks(), settings.size());
                    } catch (RuntimeException | Error e) {
                        long elapsed = System.nanoTime() - start;
                        return new Result(false, e.toString(), elapsed, heap.peakUsed(), heap.peakLive(), heap.collections());
                    }
                    long elapsed = System.nanoTime() - start;
                    String failure = verify(rivulet, producer, checksums);
                    return new Result(failure == null, failure, elapsed, heap.peakUsed(), heap.peakLive(), heap.collections());
                }
            }
        }
    }

    /** Fails with the numbers if the directory's file system cannot hold every result at once. */
    private static void requireRoom(Path directory, long resultBytes) throws IOException {
        long usable = Files.getFileStore(directory).getUsableSpace();
        if (usable < resultBytes + SPARE_BYTES) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s has %.2f GB free, but the results need %.2f GB on disk at once "
                    + "(and %.2f GB to spare); give a directory with more room (--dir PATH) or fewer or smaller results (--tasks, --size)",
                    directory, usable / 1e9, resultBytes / 1e9, SPARE_BYTES / 1e9));
        }
    }

    /** Null if the flow run completed and every dependent computed its producer's checksum, else what went wrong. */
    private static String verify(Rivulet rivulet, Producer producer, List<Long> checksums) {
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        if (run.state() != State.COMPLETED) {
            return "the flow run ended " + run.state();
        }
        if (checksums.size() != producer.checksums.length()) {
            return "the flow returned " + checksums.size() + " checksums for " + producer.checksums.length() + " results";
        }
        for (int i = 0; i < checksums.size(); i++) {
            if (checksums.get(i) != producer.checksums.get(i)) {
                return String.format("result %d was produced with CRC32C %08x but read back with %08x", i, producer.checksums.get(i),
                        checksums.get(i));
            }
        }
        return null;
    }

    private static void print(Settings settings, Result result, long maxHeap) {
        double seconds = result.nanos() / 1e9;
        double gigabytes = settings.resultBytes() / 1e9;
        System.out.println();
        System.out.printf(Locale.ROOT, "  flow time             %.1f s%n", seconds);
        System.out.printf(Locale.ROOT, "  results               %.2f GB written and %.2f GB read back: %.0f MB/s each way, %.0f MB/s in all%n",
                gigabytes, gigabytes, settings.resultBytes() / seconds / 1e6, 2 * settings.resultBytes() / seconds / 1e6);
        System.out.printf(Locale.ROOT, "  heap peak             %.0f MB in use at most (garbage not yet collected included), %.0f%% of the "
                + "%.0f MB limit%n", result.peakUsed() / 1e6, 100.0 * result.peakUsed() / maxHeap, maxHeap / 1e6);
        System.out.printf(Locale.ROOT, "  live heap peak        %.0f MB in use at most just after a collection (%d collections)%n",
                result.peakLive() / 1e6, result.collections());
        System.out.printf(Locale.ROOT, "  checksums             %s%n", result.completed() ? "all " + settings.tasks() + " verified"
                : "NOT COMPLETE: " + result.failure());
        System.out.printf(Locale.ROOT, "  cacheResultInMemory = true (not run): each future the flow keeps would hold its value, %.2f GB in "
                + "all, %.1f times the heap limit%n", gigabytes, settings.resultBytes() / (double) maxHeap);
        System.out.println("memory: results=" + Samples.twoDecimals(gigabytes) + "GB heap-peak=" + Math.round(result.peakUsed() / 1e6)
                + "MB completed=" + result.completed());
    }
}
