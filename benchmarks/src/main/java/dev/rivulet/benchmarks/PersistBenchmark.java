package dev.rivulet.benchmarks;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskOptions;
import dev.rivulet.Tasks;
import dev.rivulet.io.NonClosing;
import dev.rivulet.runner.TaskRunners;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * How fast results are persisted, per serializer and codec, beside writing the same bytes
 * without Rivulet: {@code totalBytes} (64 MiB) in values of {@code valueBytes} (8 MiB) each, of
 * two data sets, random bytes ({@code binary}, incompressible) and taxi-trip CSV text ({@code
 * csv}, compressible), both as {@code byte[]}.
 *
 * <p>Rivulet's side runs through the runtime: a flow calls a task returning each value with
 * {@code persistResult = true} and the serializer under test (the {@code writer} parameter: {@code
 * json}, {@code java}, {@code compressed/json}, {@code compressed/java}, {@code
 * compressed:gzip/java}, {@code compressed:lz4/java}), and the local store writes it to a temporary
 * directory (its own file per value, forced to disk, renamed into place). The baselines write the
 * same values to files in the same directory, each forced to disk too ({@code
 * FileChannel.force(true)}, as the store does):
 *
 * <ul>
 *   <li>{@code raw}: the value's bytes, written with {@code FileChannel.write} in 1 MiB pieces;
 *   <li>{@code raw+rename} (not in a figure): the same, written as the store writes, to a temporary
 *       file renamed into place, with the directory forced after the rename;
 *   <li>{@code zstd-jni}, {@code zstd-jni-stream}: the value compressed by zstd-jni directly, at
 *       level 3 with a content checksum as the {@code zstd} codec writes it, in one call ({@code
 *       ZstdCompressCtx.compress}) or through its {@code ZstdOutputStream}.
 * </ul>
 *
 * <p>A JMH benchmark in single-shot mode: one operation writes every value of the data set, from the
 * first value to the last one on disk; each combination of data set and writer runs in a fork of
 * its own, 1 warm-up and 7 measured operations, with the directory emptied and {@code System.gc()}
 * run before each, outside the measurement. JMH runs each figure's two cases back to back; each
 * case reports its median operation, and throughput is input bytes (the values' size) per second,
 * in MB/s (10^6 bytes). The bytes each case left on disk come back as JMH's secondary result
 * {@code storedBytes}.
 *
 * <p>Run {@link #main} for the figure line, printed last: {@code persist: binary=<x>x-of-raw
 * zstd=<x>x-of-zstd-jni}: binary is the throughput of the {@code java} serializer on the binary
 * data over the raw write's; zstd is {@code compressed/java} (zstd level 3) on the CSV text over
 * zstd-jni's one-call compression of it. It takes JMH's own options ({@code -wi 1 -i 7 -f 1}) and
 * the parameters {@code -p dataSet=binary,csv}, {@code -p writer=raw,java,...}, {@code -p
 * totalBytes=N}, {@code -p valueBytes=N}; {@code -jvmArgsAppend -Djava.io.tmpdir=PATH} puts the
 * files elsewhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 7)
public class PersistBenchmark {

    static final String BINARY = "binary";
    static final String CSV = "csv";
    static final String RAW = "raw";
    static final String RAW_RENAMED = "raw+rename";
    static final String ZSTD_ONE_CALL = "zstd-jni";
    static final String ZSTD_STREAM = "zstd-jni-stream";
    /** The serializers measured, in the order of the table. */
    static final List<String> SERIALIZERS = List.of("json", "java", "compressed/json", "compressed/java", "compressed:gzip/java",
            "compressed:lz4/java");
    /** The rows of the summary's table, the baselines first, each with what it is. */
    static final Map<String, String> WRITERS = orderedWriters();
    static final int ZSTD_LEVEL = 3;
    static final int WRITE_PIECE = 1 << 20;

    /** A task returning the values of one data set; the flow persists each with the serializer it is given. */
    public interface Values {
        @Task
        byte[] value(int index);

        /** Calls {@code value(i)} for every value, persisting each with {@code serializer}; returns the bytes returned. */
        @Flow
        default long persistAll(String serializer, int count) {
            TaskOptions persisted = TaskOptions.newBuilder().persistResult(true).serializer(serializer).build();
            long total = 0;
            for (int i = 0; i < count; i++) {
                total += Tasks.with(persisted).call(this::value, i).length;
            }
            return total;
        }
    }

    /** The values of one data set. */
    record DataSet(String name, byte[][] values) implements Values {

        @Override
        public byte[] value(int index) {
            return values[index];
        }

        long bytes() {
            long total = 0;
            for (byte[] value : values) {
                total += value.length;
            }
            return total;
        }
    }

    /** The data: {@value #BINARY} (random bytes) or {@value #CSV} (taxi-trip CSV text). */
    @Param({BINARY, CSV})
    public String dataSet;

    /**
     * What writes the values. Each figure's two cases come one after the other, so that JMH runs them
     * back to back: raw and java for the binary figure, zstd-jni and compressed/java for the zstd one.
     */
    @Param({RAW, "java", ZSTD_ONE_CALL, "compressed/java", RAW_RENAMED, ZSTD_STREAM, "json", "compressed/json", "compressed:gzip/java",
        "compressed:lz4/java"})
    public String writer;

    /** The bytes of all values together: 64 MiB. */
    @Param("67108864")
    public long totalBytes;

    /** The bytes of each value: 8 MiB. */
    @Param("8388608")
    public int valueBytes;

    private TemporaryDirectory directory;
    private Path files;
    private Rivulet rivulet;
    private DataSet values;
    private Values stub;

    /** What a case left on disk, reported by JMH beside its time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Stored {
        /** The bytes of the files the operation left, one per value; set after it, outside the measurement. */
        public long storedBytes;
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (valueBytes < 1 || valueBytes > Integer.MAX_VALUE - 8 || valueBytes > totalBytes) {
            throw new IllegalArgumentException("valueBytes must be from 1 to totalBytes and below 2 GiB, was " + valueBytes
                    + " (totalBytes " + totalBytes + ")");
        }
        if (!WRITERS.containsKey(writer)) {
            throw new IllegalArgumentException("unknown writer '" + writer + "'; give -p writer= one of " + WRITERS.keySet());
        }
        values = switch (dataSet) {
            case BINARY -> new DataSet(BINARY, values(PersistBenchmark::randomBytes));
            case CSV -> new DataSet(CSV, values(PersistBenchmark::tripsCsv));
            default -> throw new IllegalArgumentException("unknown dataSet '" + dataSet + "'; give -p dataSet=" + BINARY + " or " + CSV);
        };
        directory = TemporaryDirectory.under(null, "rivulet-persist-benchmark-");
        files = directory.path().resolve("files");
        rivulet = Rivulet.builder()
                .taskRunner(TaskRunners.threadPool(1))
                .flowRunHistory(1)
                .localResultsDirectory(files)
                .build();
        stub = rivulet.stub(Values.class, values);
    }

    /** Empties the directory and collects the previous operation's garbage, so that neither is charged to the next. */
    @Setup(Level.Iteration)
    public void emptyDirectory() throws IOException {
        directory.clear();
        Files.createDirectories(files);
        System.gc();
    }

    /** Checks that the operation left one file per value, and reports their bytes. */
    @TearDown(Level.Iteration)
    public void countStoredBytes(Stored stored) throws IOException {
        stored.storedBytes = bytesOnDisk(files, values.values().length, writer);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rivulet.close();
        directory.close();
    }

    /** Writes every value of the data set with the {@link #writer}; fails if it did not handle every byte. */
    @Benchmark
    public long persist() throws IOException {
        long written = persist(writer, values, stub, files);
        if (written != values.bytes()) {
            throw new IllegalStateException(writer + " on " + dataSet + " handled " + written + " bytes, expected " + values.bytes());
        }
        return written;
    }

    private static Map<String, String> orderedWriters() {
        Map<String, String> writers = new LinkedHashMap<>();
        writers.put(RAW, "raw write + fsync");
        writers.put(RAW_RENAMED, "raw write + fsync, renamed as the store does (not in a figure)");
        writers.put(ZSTD_ONE_CALL, "zstd-jni ZstdCompressCtx.compress, level 3, + fsync");
        writers.put(ZSTD_STREAM, "zstd-jni ZstdOutputStream, level 3, + fsync");
        SERIALIZERS.forEach(serializer -> writers.put(serializer, serializer));
        return Collections.unmodifiableMap(writers);
    }

    static long persist(String writer, DataSet dataSet, Values stub, Path directory) throws IOException {
        return switch (writer) {
            case RAW -> writeEach(dataSet, directory, false, PersistBenchmark::writeFully);
            case RAW_RENAMED -> writeEach(dataSet, directory, true, PersistBenchmark::writeFully);
            case ZSTD_ONE_CALL -> {
                try (ZstdCompressCtx zstd = new ZstdCompressCtx().setLevel(ZSTD_LEVEL).setChecksum(true)) {
                    yield writeEach(dataSet, directory, false, (value, file) -> writeFully(zstd.compress(value), file));
                }
            }
            case ZSTD_STREAM -> writeEach(dataSet, directory, false, (value, file) -> {
                // Closing the zstd stream ends the frame and flushes; the file stays open to be forced.
                OutputStream out = NonClosing.output(new BufferedOutputStream(Channels.newOutputStream(file), 1 << 16));
                try (OutputStream zstd = new ZstdOutputStreamNoFinalizer(out, ZSTD_LEVEL).setChecksum(true)) {
                    zstd.write(value);
                }
            });
            default -> stub.persistAll(writer, dataSet.values().length);
        };
    }

    @FunctionalInterface
    private interface FileWriter {
        void write(byte[] value, FileChannel file) throws IOException;
    }

    /**
     * Writes each value to a file of its own in {@code directory}, forced to disk before the next.
     * With {@code renamed}, as the local store makes a write durable and atomic: to a temporary
     * file, forced, renamed over the value's name, and the directory forced so that the rename is on
     * disk too.
     */
    private static long writeEach(DataSet dataSet, Path directory, boolean renamed, FileWriter writer) throws IOException {
        long total = 0;
        for (int i = 0; i < dataSet.values().length; i++) {
            byte[] value = dataSet.values()[i];
            Path target = directory.resolve("value-" + i);
            Path written = renamed ? directory.resolve(".value-" + i + ".tmp") : target;
            try (FileChannel file = FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(value, file);
                file.force(true);
            }
            if (renamed) {
                Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
                try (FileChannel parent = FileChannel.open(directory, StandardOpenOption.READ)) {
                    parent.force(true);
                }
            }
            total += value.length;
        }
        return total;
    }

    /**
     * Writes all of {@code bytes} in pieces of {@value #WRITE_PIECE} bytes. A write of a whole 8 MiB
     * heap array goes through a direct buffer of that size, and such writes measured up to five
     * times slower than pieces, depending on the case before: pieces are the faster, steadier raw
     * write.
     */
    private static void writeFully(byte[] bytes, FileChannel file) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += WRITE_PIECE) {
            ByteBuffer piece = ByteBuffer.wrap(bytes, offset, Math.min(WRITE_PIECE, bytes.length - offset));
            while (piece.hasRemaining()) {
                file.write(piece);
            }
        }
    }

    /** The bytes of the files a case left, which must be one per value. */
    private static long bytesOnDisk(Path directory, int count, String caseName) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.locks/")).toList();
            if (files.size() != count) {
                throw new IllegalStateException(caseName + " left " + files.size() + " files, expected " + count + ": " + files);
            }
            long total = 0;
            for (Path file : files) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private interface Generator {
        void fill(byte[] value, SplittableRandom random);
    }

    /** As many whole values of {@code valueBytes} as fit in {@code totalBytes}, at least one. */
    static int valueCount(long totalBytes, int valueBytes) {
        return (int) Math.max(1, totalBytes / valueBytes);
    }

    private byte[][] values(Generator generator) {
        byte[][] values = new byte[valueCount(totalBytes, valueBytes)][];
        SplittableRandom random = new SplittableRandom(20_240_101);
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[valueBytes];
            generator.fill(values[i], random);
        }
        return values;
    }

    static void randomBytes(byte[] value, SplittableRandom random) {
        random.nextBytes(value);
    }

    /** Lines of a taxi-trip CSV (pick-up and drop-off times, counts, distances, zones, fares), cut to the value's size. */
    static void tripsCsv(byte[] value, SplittableRandom random) {
        StringBuilder csv = new StringBuilder(value.length + 256);
        csv.append("vendor_id,pickup_datetime,dropoff_datetime,passenger_count,trip_distance,pickup_zone,dropoff_zone,"
                + "payment_type,fare_amount,tip_amount,total_amount\n");
        while (csv.length() < value.length) {
            int day = 1 + random.nextInt(28);
            int minute = random.nextInt(24 * 60);
            int duration = 3 + random.nextInt(45);
            int fareCents = 300 + random.nextInt(6_000);
            int tipCents = random.nextInt(4) == 0 ? 0 : random.nextInt(fareCents / 3 + 1);
            csv.append(1 + random.nextInt(2)).append(',');
            appendTime(csv, day, minute).append(',');
            appendTime(csv, day, Math.min(minute + duration, 24 * 60 - 1)).append(',');
            csv.append(1 + random.nextInt(4)).append(',');
            appendCents(csv, 10 + random.nextInt(2_000)).append(',');
            csv.append(1 + random.nextInt(263)).append(',').append(1 + random.nextInt(263)).append(',');
            csv.append(1 + random.nextInt(2)).append(',');
            appendCents(csv, fareCents).append(',');
            appendCents(csv, tipCents).append(',');
            appendCents(csv, fareCents + tipCents + 100).append('\n');
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, value, 0, value.length);
    }

    private static StringBuilder appendTime(StringBuilder csv, int day, int minuteOfDay) {
        csv.append("2024-01-");
        twoDigits(csv, day).append(' ');
        twoDigits(csv, minuteOfDay / 60).append(':');
        return twoDigits(csv, minuteOfDay % 60).append(":00");
    }

    private static StringBuilder twoDigits(StringBuilder csv, int value) {
        return csv.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static StringBuilder appendCents(StringBuilder csv, int cents) {
        csv.append(cents / 100).append('.');
        return twoDigits(csv, cents % 100);
    }

    /** Runs the cases with JMH (its options in {@code args}) and prints the summary, the figure line last. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        JmhRuns.runAndReport(PersistBenchmark.class, args, "Persisting results per serializer and codec, beside the same bytes written "
                + "without Rivulet; every file is forced to disk", PersistBenchmark::report);
    }

    /** Prints each data set's table and, last, the figure line; the four cases of the figure must have been measured. */
    static void report(JmhRuns runs, PrintStream out) {
        for (String data : List.of(BINARY, CSV)) {
            if (!runs.has("persist", Map.of("dataSet", data))) {
                continue;
            }
            out.printf("%n%s data (%s): MB/s of input, median operation, and stored size / input size%n", data,
                    data.equals(BINARY) ? "random bytes" : "taxi-trip CSV text");
            out.printf("  %-64s %10s %10s %9s%n", "case", "MB/s", "ms", "size");
            for (Map.Entry<String, String> writer : WRITERS.entrySet()) {
                Map<String, String> params = Map.of("dataSet", data, "writer", writer.getKey());
                if (!runs.has("persist", params)) {
                    continue;
                }
                JmhRuns.Median median = runs.find("persist", params);
                long bytes = inputBytes(median);
                out.printf(Locale.ROOT, "  %-64s %10.1f %10.1f %9s%n", writer.getValue(), bytes / (median.millis() * 1e3),
                        median.millis(), storedRatio(median, bytes));
            }
        }
        double binary = runs.find("persist", Map.of("dataSet", BINARY, "writer", RAW)).millis()
                / runs.find("persist", Map.of("dataSet", BINARY, "writer", "java")).millis();
        double zstd = runs.find("persist", Map.of("dataSet", CSV, "writer", ZSTD_ONE_CALL)).millis()
                / runs.find("persist", Map.of("dataSet", CSV, "writer", "compressed/java")).millis();
        out.printf(Locale.ROOT, "%nbinary = java on binary data / raw write = %.2f; zstd = compressed/java on CSV / zstd-jni compress "
                + "on CSV = %.2f (throughputs: each the inverse of the ratio of the median times)%n", binary, zstd);
        out.println("persist: binary=" + Samples.twoDecimals(binary) + "x-of-raw zstd=" + Samples.twoDecimals(zstd) + "x-of-zstd-jni");
    }

    /** The bytes of input a case wrote: as many whole values as fit in totalBytes, at least one. */
    private static long inputBytes(JmhRuns.Median median) {
        long total = Long.parseLong(median.params().get("totalBytes"));
        int value = Integer.parseInt(median.params().get("valueBytes"));
        return valueCount(total, value) * (long) value;
    }

    private static String storedRatio(JmhRuns.Median median, long inputBytes) {
        return median.secondary().containsKey("storedBytes")
                ? String.format(Locale.ROOT, "%.3f", median.secondary().get("storedBytes") / inputBytes) : "?";
    }
}
