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
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * How fast results are persisted, per serializer and codec, beside writing the same bytes
 * without Rivulet: {@code --total} bytes (64 MiB) in values of {@code --value} bytes (8 MiB) each,
 * of two data sets, random bytes (binary, incompressible) and taxi-trip CSV text (compressible),
 * both as {@code byte[]}.
 *
 * <p>Rivulet's side runs through the runtime: a flow calls a task returning each value with
 * {@code persistResult = true} and the serializer under test, and the local store writes it to a
 * temporary directory (its own file per value, forced to disk, renamed into place). The baselines
 * write the same values to files in the same directory, each forced to disk too ({@code
 * FileChannel.force(true)}, as the store does):
 *
 * <ul>
 *   <li>raw: the value's bytes, written with {@code FileChannel.write} in 1 MiB pieces;
 *   <li>raw + rename (not in a figure): the same, written as the store writes, to a temporary file
 *       renamed into place, with the directory forced after the rename;
 *   <li>zstd-jni: the value compressed by zstd-jni directly, at level 3 with a content checksum as
 *       the {@code zstd} codec writes it, in one call ({@code ZstdCompressCtx.compress}) or
 *       through its {@code ZstdOutputStream}.
 * </ul>
 *
 * <p>Each round times every case once, from the first value to the last one on disk, in an order
 * that turns from round to round; each case reports its median round. Throughput is input bytes
 * (the values' size) per second, in MB/s (10^6 bytes). The last line is the figure line {@code
 * persist: binary=<x>x-of-raw zstd=<x>x-of-zstd-jni}: binary is the throughput of the {@code java}
 * serializer on the binary data over the raw write's; zstd is {@code compressed/java} (zstd level
 * 3) on the CSV text over zstd-jni's one-call compression of it. The two cases of each figure run
 * back to back in every round, and the figure is the median of the rounds' ratios.
 *
 * <p>Options: {@code --total BYTES}, {@code --value BYTES} (both take a k/m/g suffix for KiB, MiB,
 * GiB, or kb/mb/gb for powers of ten), {@code --warmup N} (1), {@code --rounds N} (7), {@code --dir PATH} (under which the
 * temporary directory is made; {@code java.io.tmpdir} by default), {@code --verbose} (prints every
 * case of every round, in the order run).
 */
public final class PersistBenchmark {

    /** The serializers measured, in the order of the table. */
    static final List<String> SERIALIZERS = List.of("json", "java", "compressed/json", "compressed/java", "compressed:gzip/java",
            "compressed:lz4/java");
    static final String RAW = "raw write";
    static final String RAW_RENAMED = "raw write + rename";
    static final String ZSTD_ONE_CALL = "zstd-jni compress";
    static final String ZSTD_STREAM = "zstd-jni stream";
    static final int ZSTD_LEVEL = 3;
    static final int WRITE_PIECE = 1 << 20;
    /**
     * Per data set, the two cases of its figure, baseline first: measured back to back in every
     * round (in turn which first), and the figure is the median of the rounds' ratios, so that
     * the machine's slower and faster moments fall on both alike.
     */
    static final Map<String, List<String>> FIGURE_CASES = Map.of("binary", List.of(RAW, "java"), "csv",
            List.of(ZSTD_ONE_CALL, "compressed/java"));

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

    record Settings(long total, int value, int warmup, int rounds, Path directory, boolean verbose) {

        static Settings parse(String[] args) {
            long total = 64L << 20;
            long value = 8L << 20;
            int warmup = 1;
            int rounds = 7;
            Path directory = null;
            boolean verbose = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--verbose" -> verbose = true;
                    case "--total" -> total = Arguments.bytes(args, ++i);
                    case "--value" -> value = Arguments.bytes(args, ++i);
                    case "--warmup" -> warmup = Arguments.nonNegative(args, ++i);
                    case "--rounds" -> rounds = Arguments.positive(args, ++i);
                    case "--dir" -> directory = Path.of(Arguments.text(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; the options are --total BYTES, "
                            + "--value BYTES, --warmup N, --rounds N, --dir PATH, --verbose");
                }
            }
            if (value > Integer.MAX_VALUE - 8 || value > total) {
                throw new IllegalArgumentException("--value must be at most --total and below 2 GiB, was " + value + " (total " + total + ")");
            }
            return new Settings(total, (int) value, warmup, rounds, directory, verbose);
        }

        int count() {
            return (int) Math.max(1, total / value);
        }
    }

    /**
     * Each case's rounds, by data set and case name; the bytes each case left on disk; and per data
     * set, its figure's ratio in each round.
     */
    record Result(long bytesPerRound, Map<String, Map<String, Samples>> samples, Map<String, Map<String, Long>> stored,
                  Map<String, List<Double>> figureRatios) {

        double megabytesPerSecond(String dataSet, String caseName) {
            return bytesPerRound / (samples.get(dataSet).get(caseName).medianNanos() / 1e9) / 1e6;
        }

        /** The median over the rounds of the figure case's throughput over its baseline's. */
        double figure(String dataSet) {
            return Samples.median(figureRatios.get(dataSet).stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private PersistBenchmark() {}

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.parse(args);
        System.out.printf("Persisting results: %,d bytes a round in %d values of %,d bytes, per serializer and codec, beside the same "
                + "bytes written without Rivulet%n", (long) settings.count() * settings.value(), settings.count(), settings.value());
        System.out.printf("JVM %s (%s), %d processors, max heap %d MiB%n", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%d warm-up rounds, then %d measured rounds; each case reports its median round; every file is forced to disk%n",
                settings.warmup(), settings.rounds());
        Result result = run(settings);
        print(settings, result);
    }

    static Result run(Settings settings) throws IOException {
        List<DataSet> dataSets = List.of(
                new DataSet("binary", values(settings, PersistBenchmark::randomBytes)),
                new DataSet("csv", values(settings, PersistBenchmark::tripsCsv)));
        List<String> cases = new ArrayList<>();
        cases.add(RAW);
        cases.add(RAW_RENAMED);
        cases.add(ZSTD_ONE_CALL);
        cases.add(ZSTD_STREAM);
        cases.addAll(SERIALIZERS);
        Map<String, Map<String, Samples>> samples = new LinkedHashMap<>();
        Map<String, Map<String, Long>> stored = new LinkedHashMap<>();
        Map<String, List<Double>> figureRatios = new LinkedHashMap<>();
        for (DataSet dataSet : dataSets) {
            Map<String, Samples> byCase = new LinkedHashMap<>();
            cases.forEach(c -> byCase.put(c, new Samples(c, settings.rounds())));
            samples.put(dataSet.name(), byCase);
            stored.put(dataSet.name(), new LinkedHashMap<>());
            figureRatios.put(dataSet.name(), new ArrayList<>());
        }
        try (TemporaryDirectory directory = TemporaryDirectory.under(settings.directory(), "rivulet-persist-benchmark-");
             Rivulet rivulet = Rivulet.builder()
                     .taskRunner(TaskRunners.threadPool(1))
                     .flowRunHistory(1)
                     .localResultsDirectory(directory.path().resolve("store"))
                     .build()) {
            List<Values> stubs = dataSets.stream().map(d -> rivulet.stub(Values.class, (Values) d)).toList();
            for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                boolean measured = round >= settings.warmup();
                for (int d = 0; d < dataSets.size(); d++) {
                    DataSet dataSet = dataSets.get(d);
                    List<String> figureCases = FIGURE_CASES.get(dataSet.name());
                    Map<String, Long> nanos = new LinkedHashMap<>();
                    for (String caseName : order(cases, figureCases, round)) {
                        directory.clear();
                        System.gc();
                        long start = System.nanoTime();
                        long written = persist(caseName, dataSet, stubs.get(d), settings.count(), directory.path());
                        long elapsed = System.nanoTime() - start;
                        if (written != dataSet.bytes()) {
                            throw new IllegalStateException(caseName + " on " + dataSet.name() + " handled " + written + " bytes, expected "
                                    + dataSet.bytes());
                        }
                        stored.get(dataSet.name()).put(caseName, bytesOnDisk(directory.path(), settings.count(), caseName));
                        nanos.put(caseName, elapsed);
                        if (settings.verbose()) {
                            System.out.printf(Locale.ROOT, "  round %2d %-6s %-22s %8.1f ms%s%n", round, dataSet.name(), caseName, elapsed / 1e6,
                                    measured ? "" : " (warm-up)");
                        }
                    }
                    if (measured) {
                        nanos.forEach((caseName, elapsed) -> samples.get(dataSet.name()).get(caseName).add(elapsed));
                        figureRatios.get(dataSet.name()).add(nanos.get(figureCases.get(0)) / (double) nanos.get(figureCases.get(1)));
                    }
                }
            }
            directory.clear();
        }
        return new Result(dataSets.get(0).bytes(), samples, stored, figureRatios);
    }

    /**
     * The order of the cases in a round: turned by one every round, so that no case always follows
     * the same one, with the two figure cases together, in turn which first.
     */
    static List<String> order(List<String> cases, List<String> figureCases, int round) {
        List<List<String>> units = new ArrayList<>();
        units.add(round % 2 == 0 ? figureCases : figureCases.reversed());
        for (String caseName : cases) {
            if (!figureCases.contains(caseName)) {
                units.add(List.of(caseName));
            }
        }
        Collections.rotate(units, round);
        return units.stream().flatMap(List::stream).toList();
    }

    private static long persist(String caseName, DataSet dataSet, Values stub, int count, Path directory) throws IOException {
        return switch (caseName) {
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
            default -> stub.persistAll(caseName, count);
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

    private static byte[][] values(Settings settings, Generator generator) {
        byte[][] values = new byte[settings.count()][];
        SplittableRandom random = new SplittableRandom(20_240_101);
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[settings.value()];
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

    private static String range(List<Double> ratios) {
        return String.format(Locale.ROOT, "rounds from %.2f to %.2f", ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private static void print(Settings settings, Result result) {
        for (String dataSet : result.samples().keySet()) {
            System.out.printf("%n%s data (%s): MB/s of input, median round (min-max), and stored size / input size%n", dataSet,
                    dataSet.equals("binary") ? "random bytes" : "taxi-trip CSV text");
            System.out.printf("  %-22s %10s %20s %9s%n", "case", "MB/s", "round ms (min-max)", "size");
            for (Map.Entry<String, Samples> entry : result.samples().get(dataSet).entrySet()) {
                Samples samples = entry.getValue();
                System.out.printf(Locale.ROOT, "  %-22s %10.1f %8.1f (%.1f-%.1f) %9.3f%n", entry.getKey(),
                        result.megabytesPerSecond(dataSet, entry.getKey()), samples.medianNanos() / 1e6, samples.minNanos() / 1e6,
                        samples.maxNanos() / 1e6, result.stored().get(dataSet).get(entry.getKey()) / (double) result.bytesPerRound());
            }
        }
        double binary = result.figure("binary");
        double zstd = result.figure("csv");
        System.out.printf(Locale.ROOT, "%nbinary = java on binary data / raw write = %.2f: the median of the rounds' ratios (%s); "
                + "of the medians above %.2f; java / raw write + rename %.2f%n", binary, range(result.figureRatios().get("binary")),
                result.megabytesPerSecond("binary", "java") / result.megabytesPerSecond("binary", RAW),
                result.megabytesPerSecond("binary", "java") / result.megabytesPerSecond("binary", RAW_RENAMED));
        System.out.printf(Locale.ROOT, "zstd = compressed/java on CSV / zstd-jni compress on CSV = %.2f: the median of the rounds' ratios (%s); "
                + "of the medians above %.2f; over zstd-jni stream %.2f%n", zstd, range(result.figureRatios().get("csv")),
                result.megabytesPerSecond("csv", "compressed/java") / result.megabytesPerSecond("csv", ZSTD_ONE_CALL),
                result.megabytesPerSecond("csv", "compressed/java") / result.megabytesPerSecond("csv", ZSTD_STREAM));
        System.out.println("persist: binary=" + Samples.twoDecimals(binary) + "x-of-raw zstd=" + Samples.twoDecimals(zstd) + "x-of-zstd-jni");
    }
}
