package dev.rivulet.benchmarks;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskRun;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * What a cache hit costs, from each tier, beside what it saves:
 *
 * <ul>
 *   <li><b>memory hit</b> ({@code callMemoryHit}, beside {@code callPlain}): a direct call of a
 *       task with {@code cachePolicy = INPUTS} and a small argument (a {@code String} and an {@code
 *       int}) whose result is in the in-memory tier, beside a direct call of the same task without
 *       caching. Each flow run makes {@value #CALLS_PER_FLOW} calls; a case's time is per call.
 *   <li><b>disk hit</b> ({@code readDiskHit}, beside {@code readAllBytes}): a direct call (one per
 *       flow run) of a cached task whose {@code byte[]} result ({@code blobBytes}, 16 MiB) is in the
 *       local store, on a Rivulet with {@code resultCacheSize(0)}: every hit opens the entry, checks
 *       its record, decodes the value with the {@code java} serializer and verifies its checksum.
 *       Beside it, {@link Files#readAllBytes} of the same entry file, and ({@code readInPieces}, not
 *       in the figure) the same file read into one array in 64 KiB pieces.
 * </ul>
 *
 * <p>A JMH benchmark: average time per call or read, over iterations of one second (10 warm-up for
 * the memory cases, whose small calls take several seconds of C2 compiling to settle, 5 for the
 * disk cases; 10 measured), each case in a fork of its own. The Rivulets and their stores, in a
 * temporary directory under {@code java.io.tmpdir}, are made before the measurement, which first
 * checks that every call after the first ends {@code CACHED}. JMH runs each hit right after its
 * baseline; each case reports its median iteration.
 *
 * <p>Run {@link #main} for the figure line, printed last: {@code cache:
 * memory-hit=<x>x-of-call disk-hit=<x>x-of-read}, the hit's median over its baseline's; lower is
 * better for both. It takes JMH's own options ({@code -wi 10 -i 10 -f 1}) and the parameter {@code
 * -p blobBytes=N}; {@code -jvmArgsAppend -Djava.io.tmpdir=PATH} puts the stores elsewhere.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
public class CacheBenchmark {

    static final int CALLS_PER_FLOW = 1_000;
    static final String BOROUGH = "SoHo";
    static final int DAY = 7;
    static final int PIECE = 1 << 16;

    public interface Labels {
        @Task
        default String label(String borough, int day) {
            return borough + '-' + day;
        }

        @Task(cachePolicy = CachePolicy.INPUTS)
        default String cachedLabel(String borough, int day) {
            return borough + '-' + day;
        }

        /** {@code calls} calls of {@code label}; the total length of what they return. */
        @Flow
        default int plainCalls(int calls) {
            int total = 0;
            for (int i = 0; i < calls; i++) {
                total += label(BOROUGH, DAY).length();
            }
            return total;
        }

        /** {@code calls} calls of {@code cachedLabel}, all with the same arguments. */
        @Flow
        default int cachedCalls(int calls) {
            int total = 0;
            for (int i = 0; i < calls; i++) {
                total += cachedLabel(BOROUGH, DAY).length();
            }
            return total;
        }
    }

    public interface Blobs {
        /** {@code size} random bytes, the same for the same size. */
        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "java")
        default byte[] blob(int size) {
            byte[] bytes = new byte[size];
            new SplittableRandom(size).nextBytes(bytes);
            return bytes;
        }

        @Flow
        default int blobCall(int size) {
            return blob(size).length;
        }
    }

    /** A Rivulet with the in-memory tier (its default) and a local store, whose {@code cachedLabel} result is in the tier. */
    @org.openjdk.jmh.annotations.State(Scope.Benchmark)
    public static class MemoryTier {
        TemporaryDirectory directory;
        Rivulet rivulet;
        Labels labels;

        @Setup(Level.Trial)
        public void setUp() {
            directory = TemporaryDirectory.under(null, "rivulet-cache-benchmark-");
            rivulet = Rivulet.builder()
                    .taskRunner(TaskRunners.threadPool(1))
                    .flowRunHistory(1)
                    .localResultsDirectory(directory.path().resolve("memory-tier"))
                    .build();
            labels = rivulet.stub(Labels.class);
            // The first call computes and stores; every later one must be a hit.
            labels.cachedCalls(1);
            requireHits(rivulet, labels.cachedCalls(2), 2 * labelLength());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rivulet.close();
            directory.close();
        }
    }

    /** A Rivulet without the in-memory tier, whose {@code blob(blobBytes)} result is in its local store, and that entry's file. */
    @org.openjdk.jmh.annotations.State(Scope.Benchmark)
    public static class DiskStore {
        /** The size of the cached {@code byte[]}: 16 MiB. */
        @Param("16777216")
        public int blobBytes;

        TemporaryDirectory directory;
        Rivulet rivulet;
        Blobs blobs;
        Path entry;
        long entryBytes;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            if (blobBytes < 1 || blobBytes > Integer.MAX_VALUE - (1 << 20)) {
                throw new IllegalArgumentException("blobBytes must be from 1 to below 2 GiB (one byte[]), was " + blobBytes);
            }
            directory = TemporaryDirectory.under(null, "rivulet-cache-benchmark-");
            Path store = directory.path().resolve("disk-only");
            rivulet = Rivulet.builder()
                    .taskRunner(TaskRunners.threadPool(1))
                    .flowRunHistory(1)
                    .localResultsDirectory(store)
                    .resultCacheSize(0)
                    .build();
            blobs = rivulet.stub(Blobs.class);
            // The first call computes and stores; every later one must be a hit.
            blobs.blobCall(blobBytes);
            requireHits(rivulet, blobs.blobCall(blobBytes), blobBytes);
            entry = TemporaryDirectory.onlyFileUnder(store, ".result");
            entryBytes = Files.size(entry);
            if (entryBytes < blobBytes) {
                throw new IllegalStateException("the stored entry " + entry + " has " + entryBytes + " bytes, fewer than the " + blobBytes
                        + " of the value");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rivulet.close();
            directory.close();
        }
    }

    /** Checks that the last flow run's task runs all ended CACHED and that it computed what it should. */
    static void requireHits(Rivulet rivulet, int outcome, int expected) {
        requireOutcome("the flow", outcome, expected);
        for (TaskRun run : rivulet.lastFlowRun().orElseThrow().taskRuns()) {
            if (run.state() != State.CACHED) {
                throw new IllegalStateException("task run '" + run.name() + "' ended " + run.state() + ", not CACHED: the benchmark "
                        + "would not measure cache hits");
            }
        }
    }

    private static long requireOutcome(String what, long outcome, long expected) {
        if (outcome != expected) {
            throw new IllegalStateException(what + " gave " + outcome + ", expected " + expected);
        }
        return outcome;
    }

    static int labelLength() {
        return (BOROUGH + '-' + DAY).length();
    }

    /** {@value #CALLS_PER_FLOW} calls of the task without a cache policy, in one flow run. */
    @Benchmark
    @OperationsPerInvocation(CALLS_PER_FLOW)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long callPlain(MemoryTier tier) {
        return requireOutcome("the plain calls", tier.labels.plainCalls(CALLS_PER_FLOW), (long) CALLS_PER_FLOW * labelLength());
    }

    /** {@value #CALLS_PER_FLOW} hits from the in-memory tier, in one flow run. */
    @Benchmark
    @OperationsPerInvocation(CALLS_PER_FLOW)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long callMemoryHit(MemoryTier tier) {
        return requireOutcome("the memory hits", tier.labels.cachedCalls(CALLS_PER_FLOW), (long) CALLS_PER_FLOW * labelLength());
    }

    /** One hit from the local store, in a flow run of its own. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 1)
    public long readDiskHit(DiskStore store) {
        return requireOutcome("the disk hit", store.blobs.blobCall(store.blobBytes), store.blobBytes);
    }

    /** {@link Files#readAllBytes} of the hit's entry file. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 1)
    public long readAllBytes(DiskStore store) throws IOException {
        return requireOutcome("Files.readAllBytes", Files.readAllBytes(store.entry).length, store.entryBytes);
    }

    /** The entry file in one array, read {@value #PIECE} bytes at a time as the store reads it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 1)
    public long readInPieces(DiskStore store) throws IOException {
        return requireOutcome("the read in pieces", readEntryInPieces(store.entry), store.entryBytes);
    }

    static long readEntryInPieces(Path entry) throws IOException {
        try (FileChannel file = FileChannel.open(entry, StandardOpenOption.READ)) {
            byte[] bytes = new byte[Math.toIntExact(file.size())];
            ByteBuffer target = ByteBuffer.wrap(bytes);
            while (target.position() < bytes.length) {
                target.limit(Math.min(bytes.length, target.position() + PIECE));
                if (file.read(target) < 0) {
                    throw new IOException(entry + " ended before its size, " + bytes.length + " bytes");
                }
            }
            return bytes.length;
        }
    }

    /** Runs the cases with JMH (its options in {@code args}) and prints the summary, the figure line last. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        JmhRuns.runAndReport(CacheBenchmark.class, args, "Cache hits: from the memory tier beside a plain task call, from the local store "
                + "beside reading the entry file", CacheBenchmark::report);
    }

    /** Prints every case's median and, last, the figure line; the four cases of the figure must have been measured. */
    static void report(JmhRuns runs, PrintStream out) {
        JmhRuns.Median plain = runs.find("callPlain", Map.of());
        JmhRuns.Median memoryHit = runs.find("callMemoryHit", Map.of());
        JmhRuns.Median diskHit = runs.find("readDiskHit", Map.of());
        JmhRuns.Median readAllBytes = runs.find("readAllBytes", Map.of());
        int blobBytes = Integer.parseInt(diskHit.params().get("blobBytes"));
        out.printf(Locale.ROOT, "Memory tier: direct task calls in flows of %,d, arguments (\"%s\", %d), result a short String%n",
                CALLS_PER_FLOW, BOROUGH, DAY);
        out.printf(Locale.ROOT, "  plain call     %10.3f %s%n", plain.value(), plain.unit());
        out.printf(Locale.ROOT, "  memory hit     %10.3f %s%n", memoryHit.value(), memoryHit.unit());
        out.printf(Locale.ROOT, "  hit / plain call: %.2f%n", memoryHit.value() / plain.value());
        out.printf(Locale.ROOT, "Local disk: a byte[] result of %,d bytes, serializer java, resultCacheSize(0)%n", blobBytes);
        List<JmhRuns.Median> reads = new ArrayList<>(List.of(diskHit, readAllBytes));
        if (runs.has("readInPieces", Map.of())) {
            reads.add(runs.find("readInPieces", Map.of()));
        }
        for (JmhRuns.Median read : reads) {
            out.printf(Locale.ROOT, "  %-14s %10.3f %s  %,8.0f MB/s of value%n", read.method(), read.value(), read.unit(),
                    blobBytes / (read.millis() * 1e3));
        }
        out.printf(Locale.ROOT, "  hit / Files.readAllBytes: %.2f%n", diskHit.millis() / readAllBytes.millis());
        out.println("cache: memory-hit=" + Samples.twoDecimals(memoryHit.value() / plain.value()) + "x-of-call disk-hit="
                + Samples.twoDecimals(diskHit.millis() / readAllBytes.millis()) + "x-of-read");
    }
}
