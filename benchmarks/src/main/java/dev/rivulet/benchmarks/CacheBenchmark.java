package dev.rivulet.benchmarks;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskRun;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * What a cache hit costs, from each tier, beside what it saves:
 *
 * <ul>
 *   <li><b>memory hit</b>: a direct call of a task with {@code cachePolicy = INPUTS} and a small
 *       argument (a {@code String} and an {@code int}) whose result is in the in-memory tier,
 *       beside a direct call of the same task without caching. Each flow run makes {@value
 *       #CALLS_PER_FLOW} calls; a case's time is per call.
 *   <li><b>disk hit</b>: a direct call (one per flow run) of a cached task whose {@code byte[]}
 *       result ({@code --blob} bytes, 16 MiB) is in the local store, on a Rivulet with {@code
 *       resultCacheSize(0)}: every hit opens the entry, checks its record, decodes the value with
 *       the {@code java} serializer and verifies its checksum. Beside it, {@link
 *       Files#readAllBytes} of the same entry file, and (not in the figure) the same file read
 *       into one array in 64 KiB pieces.
 * </ul>
 *
 * <p>One JVM. A round times each case once, over a window of {@code --flows} flow runs (50) for
 * the memory cases and {@code --reads} reads (5) for the disk cases, with the cases compared in a
 * figure back to back and in turn which first, and {@code System.gc()} before each. The figure of a
 * round is the hit's time over its baseline's time in that round; after {@code --warmup} rounds
 * (40), the figures are the medians over {@code --rounds} rounds (40). Comparing within a round
 * keeps a shared machine's slower and faster minutes from falling on one side only.
 *
 * <p>The last line is the figure line {@code cache: memory-hit=<x>x-of-call disk-hit=<x>x-of-read}:
 * lower is better for both. Options: {@code --blob BYTES} (a k/m/g or kb/mb/gb suffix), {@code
 * --flows N}, {@code --reads N}, {@code --warmup N}, {@code --rounds N}, {@code --dir PATH} (under
 * which the temporary directory for the stores is made; {@code java.io.tmpdir} by default).
 */
public final class CacheBenchmark {

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

    record Settings(int blobBytes, int flows, int reads, int warmup, int rounds, Path directory) {

        static Settings parse(String[] args) {
            long blobBytes = 16L << 20;
            int flows = 50;
            int reads = 5;
            int warmup = 40;
            int rounds = 40;
            Path directory = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--blob" -> blobBytes = Arguments.bytes(args, ++i);
                    case "--flows" -> flows = Arguments.positive(args, ++i);
                    case "--reads" -> reads = Arguments.positive(args, ++i);
                    case "--warmup" -> warmup = Arguments.nonNegative(args, ++i);
                    case "--rounds" -> rounds = Arguments.positive(args, ++i);
                    case "--dir" -> directory = Path.of(Arguments.text(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; the options are --blob BYTES, "
                            + "--flows N, --reads N, --warmup N, --rounds N, --dir PATH");
                }
            }
            if (blobBytes > Integer.MAX_VALUE - (1 << 20)) {
                throw new IllegalArgumentException("--blob must be below 2 GiB (one byte[]), was " + blobBytes);
            }
            return new Settings((int) blobBytes, flows, reads, warmup, rounds, directory);
        }
    }

    /** The cases' measured rounds, and the figure of each round. */
    record Result(Samples plainCall, Samples memoryHit, Samples diskHit, Samples readAllBytes, Samples readInPieces,
                  double[] memoryHitRatios, double[] diskHitRatios) {}

    /** The two Rivulets, one with the memory tier and one without, their stubs, and the stored entry of the disk case. */
    static final class Fixture implements AutoCloseable {
        final TemporaryDirectory directory;
        final Rivulet memoryTier;
        final Rivulet diskOnly;
        final Labels labels;
        final Blobs blobs;
        final int blobBytes;
        final Path blobEntry;

        Fixture(Settings settings) throws IOException {
            directory = TemporaryDirectory.under(settings.directory(), "rivulet-cache-benchmark-");
            memoryTier = Rivulet.builder()
                    .taskRunner(TaskRunners.threadPool(1))
                    .flowRunHistory(1)
                    .localResultsDirectory(directory.path().resolve("memory-tier"))
                    .build();
            Path diskStore = directory.path().resolve("disk-only");
            diskOnly = Rivulet.builder()
                    .taskRunner(TaskRunners.threadPool(1))
                    .flowRunHistory(1)
                    .localResultsDirectory(diskStore)
                    .resultCacheSize(0)
                    .build();
            labels = memoryTier.stub(Labels.class);
            blobs = diskOnly.stub(Blobs.class);
            blobBytes = settings.blobBytes();
            // The first calls compute and store; every later one must be a hit.
            labels.cachedCalls(1);
            blobs.blobCall(blobBytes);
            requireHits(memoryTier, labels.cachedCalls(2), 2 * labelLength());
            requireHits(diskOnly, blobs.blobCall(blobBytes), blobBytes);
            blobEntry = TemporaryDirectory.onlyFileUnder(diskStore, ".result");
            if (Files.size(blobEntry) < blobBytes) {
                throw new IllegalStateException("the stored entry " + blobEntry + " has " + Files.size(blobEntry) + " bytes, fewer than the "
                        + blobBytes + " of the value");
            }
        }

        /** Checks that the last flow run's task runs all ended CACHED and that it computed what it should. */
        private static void requireHits(Rivulet rivulet, int outcome, int expected) {
            if (outcome != expected) {
                throw new IllegalStateException("the flow computed " + outcome + ", expected " + expected);
            }
            for (TaskRun run : rivulet.lastFlowRun().orElseThrow().taskRuns()) {
                if (run.state() != State.CACHED) {
                    throw new IllegalStateException("task run '" + run.name() + "' ended " + run.state() + ", not CACHED: the benchmark "
                            + "would not measure cache hits");
                }
            }
        }

        long plainCalls(int flows) {
            return calls(flows, () -> labels.plainCalls(CALLS_PER_FLOW));
        }

        long memoryHits(int flows) {
            return calls(flows, () -> labels.cachedCalls(CALLS_PER_FLOW));
        }

        private static long calls(int flows, LongSupplier flow) {
            long total = 0;
            for (int i = 0; i < flows; i++) {
                total += flow.getAsLong();
            }
            long expected = (long) flows * CALLS_PER_FLOW * labelLength();
            if (total != expected) {
                throw new IllegalStateException("the calls returned " + total + " characters in all, expected " + expected);
            }
            return total;
        }

        long diskHits(int reads) throws IOException {
            return reads(reads, blobBytes, () -> blobs.blobCall(blobBytes));
        }

        long readAllBytes(int reads) throws IOException {
            return reads(reads, Files.size(blobEntry), () -> Files.readAllBytes(blobEntry).length);
        }

        long readInPieces(int reads) throws IOException {
            return reads(reads, Files.size(blobEntry), this::readEntryInPieces);
        }

        @FunctionalInterface
        private interface Read {
            long bytes() throws IOException;
        }

        private static long reads(int reads, long expected, Read read) throws IOException {
            long total = 0;
            for (int i = 0; i < reads; i++) {
                long bytes = read.bytes();
                if (bytes != expected) {
                    throw new IllegalStateException("a read gave " + bytes + " bytes, expected " + expected);
                }
                total += bytes;
            }
            return total;
        }

        /** The entry file in one array, read {@value #PIECE} bytes at a time as the store reads it. */
        long readEntryInPieces() throws IOException {
            try (FileChannel file = FileChannel.open(blobEntry, StandardOpenOption.READ)) {
                byte[] bytes = new byte[Math.toIntExact(file.size())];
                ByteBuffer target = ByteBuffer.wrap(bytes);
                while (target.position() < bytes.length) {
                    target.limit(Math.min(bytes.length, target.position() + PIECE));
                    if (file.read(target) < 0) {
                        throw new IOException(blobEntry + " ended before its size, " + bytes.length + " bytes");
                    }
                }
                return bytes.length;
            }
        }

        @Override
        public void close() {
            memoryTier.close();
            diskOnly.close();
            directory.close();
        }
    }

    static int labelLength() {
        return (BOROUGH + '-' + DAY).length();
    }

    private CacheBenchmark() {}

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.parse(args);
        System.out.printf("Cache hits: from the memory tier beside a plain task call, from the local store beside reading the entry file%n");
        System.out.printf("JVM %s (%s), %d processors, max heap %d MiB%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%d warm-up rounds, then %d measured rounds of %d flow runs of %d calls (memory cases) and %d reads (disk cases)%n",
                settings.warmup(), settings.rounds(), settings.flows(), CALLS_PER_FLOW, settings.reads());
        Result result = run(settings);
        print(settings, result);
    }

    /** A timed case: does its work and returns what it computed, which the case checks itself. */
    @FunctionalInterface
    private interface Work {
        long run() throws IOException;
    }

    static Result run(Settings settings) throws IOException {
        Samples plainCall = new Samples("plain call", settings.rounds());
        Samples memoryHit = new Samples("memory hit", settings.rounds());
        Samples diskHit = new Samples("disk hit", settings.rounds());
        Samples readAllBytes = new Samples("readAllBytes", settings.rounds());
        Samples readInPieces = new Samples("64K pieces", settings.rounds());
        double[] memoryHitRatios = new double[settings.rounds()];
        double[] diskHitRatios = new double[settings.rounds()];
        try (Fixture fixture = new Fixture(settings)) {
            for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                boolean baselineFirst = round % 2 == 0;
                long[] memory = timePair(baselineFirst, () -> fixture.plainCalls(settings.flows()),
                        () -> fixture.memoryHits(settings.flows()));
                long[] disk = timePair(baselineFirst, () -> fixture.readAllBytes(settings.reads()),
                        () -> fixture.diskHits(settings.reads()));
                long pieces = time(() -> fixture.readInPieces(settings.reads()));
                int measured = round - settings.warmup();
                if (measured >= 0) {
                    plainCall.add(memory[0]);
                    memoryHit.add(memory[1]);
                    readAllBytes.add(disk[0]);
                    diskHit.add(disk[1]);
                    readInPieces.add(pieces);
                    memoryHitRatios[measured] = memory[1] / (double) memory[0];
                    diskHitRatios[measured] = disk[1] / (double) disk[0];
                }
            }
        }
        return new Result(plainCall, memoryHit, diskHit, readAllBytes, readInPieces, memoryHitRatios, diskHitRatios);
    }

    /** Times a baseline and its subject back to back, in the order given; returns their times, the baseline's first. */
    private static long[] timePair(boolean baselineFirst, Work baseline, Work subject) throws IOException {
        if (baselineFirst) {
            long baselineNanos = time(baseline);
            return new long[] {baselineNanos, time(subject)};
        }
        long subjectNanos = time(subject);
        return new long[] {time(baseline), subjectNanos};
    }

    private static long time(Work work) throws IOException {
        // Collect the previous case's garbage now, so that it is not charged to this one.
        System.gc();
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static void print(Settings settings, Result result) {
        int calls = settings.flows() * CALLS_PER_FLOW;
        double memoryHit = Samples.median(result.memoryHitRatios());
        double diskHit = Samples.median(result.diskHitRatios());
        System.out.printf("%nMemory tier: direct task calls in flows, arguments (\"%s\", %d), result a short String; median round (min, max)%n",
                BOROUGH, DAY);
        System.out.println("  " + result.plainCall().describePerUnit(calls, "call"));
        System.out.println("  " + result.memoryHit().describePerUnit(calls, "call"));
        System.out.printf(Locale.ROOT, "  hit / plain call, median of the rounds' ratios: %.2f (of the medians above: %.2f)%n", memoryHit,
                result.memoryHit().medianNanos() / result.plainCall().medianNanos());
        System.out.printf(Locale.ROOT, "Local disk: a byte[] result of %,d bytes, serializer java, resultCacheSize(0); median round (min, max)%n",
                settings.blobBytes());
        for (Samples samples : new Samples[] {result.diskHit(), result.readAllBytes(), result.readInPieces()}) {
            System.out.printf(Locale.ROOT, "  %s   %,.0f MB/s%n", samples.describePerUnit(settings.reads(), "read"),
                    settings.blobBytes() * (double) settings.reads() / samples.medianNanos() * 1e3);
        }
        System.out.printf(Locale.ROOT, "  hit / Files.readAllBytes, median of the rounds' ratios: %.2f (of the medians above: %.2f); "
                + "hit / read in %d KiB pieces (not in the figure): %.2f%n", diskHit,
                result.diskHit().medianNanos() / result.readAllBytes().medianNanos(), PIECE >> 10,
                result.diskHit().medianNanos() / result.readInPieces().medianNanos());
        System.out.println("cache: memory-hit=" + Samples.twoDecimals(memoryHit) + "x-of-call disk-hit=" + Samples.twoDecimals(diskHit)
                + "x-of-read");
    }
}
