package dev.rivulet.benchmarks;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.tables.ParquetReadOptions;
import dev.rivulet.tables.ParquetTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.util.TransferPair;
import org.duckdb.DuckDBResultSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Parquet to Arrow in one JVM: {@code N} taxi-trip Parquet files (3M rows in 16 files by default,
 * generated once by {@link dev.rivulet.examples.taxi.TaxiTrips}) decoded into Arrow vectors by
 * Rivulet's parallel loader ({@link ParquetTables#load}), and by DuckDB's {@code read_parquet} over
 * the same files exported through {@code arrowExportStream} into the same kind of allocator, with
 * every batch kept. With {@code --jni}, Arrow's JNI dataset reader (the C++ Parquet reader) runs
 * beside them. Rounds alternate which side goes first; each side reports its median round.
 *
 * <p>The last line is {@code parquet-to-arrow: rivulet=<Mrows/s> duckdb=<Mrows/s> ratio=<x>}, the ratio
 * being Rivulet's rate over DuckDB's. With {@code --columns}, both sides read only those columns
 * (Rivulet through {@link dev.rivulet.tables.ParquetReadOptions#columns()}, DuckDB by naming them in
 * its {@code SELECT}) and the line starts {@code parquet-to-arrow-projected:}; {@link Projected}
 * reads 3 of the 19 columns, as {@code benchmarks/run parquet-to-arrow-projected}.
 *
 * <p>Options: {@code --rows N} (3000000), {@code --files N} (16), {@code --threads N} (processors;
 * both sides), {@code --warmup N} (2), {@code --rounds N} (7), {@code --data DIR} (where the files are
 * kept), {@code --columns A,B,C} (all), {@code --jni}, {@code --verbose}.
 */
@Command(name = "benchmarks/run parquet-to-arrow",
        description = "Taxi trips in Parquet files into one Arrow table: Rivulet's loader beside DuckDB's read_parquet exported to Arrow.")
public final class ParquetToArrowBenchmark implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "taxi trips in all")
    int rows = 3_000_000;

    @Option(names = "--files", paramLabel = "N", converter = PositiveCountConverter.class, description = "Parquet files they are in")
    int files = 16;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveCountConverter.class, description = "decoding threads, on each side")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    final Rounds rounds = new Rounds(2, 7);

    @Option(names = "--data", paramLabel = "DIR", description = "where the generated files are kept for later runs")
    Path data = TaxiFiles.defaultDirectory();

    @Option(names = "--jni", description = "also measure Arrow's JNI dataset reader")
    boolean jni;

    @Option(names = "--columns", paramLabel = "NAME", split = ",", description = "read only these columns, on both sides")
    List<String> columns = List.of();

    @Option(names = "--verbose", description = "print every round")
    boolean verbose;

    record Settings(int rows, int files, int threads, int warmup, int rounds, Path data, boolean jni, boolean verbose, List<String> columns) {

        static Settings parse(String... args) {
            return CommandLines.parse(new ParquetToArrowBenchmark(), args).settings();
        }
    }

    /** The median rounds of each side, and what the inputs were. */
    record Result(Samples rivulet, Samples duckdb, Samples jni, long parquetBytes, long arrowBytes) {}

    private ParquetToArrowBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new ParquetToArrowBenchmark(), args);
    }

    /** The benchmark on 3 of the 19 columns: a timestamp and two doubles. */
    public static final class Projected {
        static final String COLUMNS = "tpep_pickup_datetime,trip_distance,total_amount";

        private Projected() {}

        /** Runs the benchmark with {@code --columns} {@value #COLUMNS} before {@code args}, which may name others. */
        public static void main(String[] args) {
            String[] withColumns = new String[args.length + 2];
            withColumns[0] = "--columns";
            withColumns[1] = COLUMNS;
            System.arraycopy(args, 0, withColumns, 2, args.length);
            ParquetToArrowBenchmark.main(withColumns);
        }
    }

    private Settings settings() {
        return new Settings(rows, files, threads, rounds.warmup, rounds.measured, data, jni, verbose, List.copyOf(columns));
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        List<Path> files = TaxiFiles.ensure(settings.data(), settings.rows(), settings.files());
        System.out.printf("Parquet to Arrow: %,d taxi trips in %d Parquet files (%.1f MB, zstd), %d threads on each side%n",
                settings.rows(), files.size(), TaxiFiles.bytes(files) / 1e6, settings.threads());
        System.out.printf("JVM %s, %d processors; %d warm-up rounds, %d measured; median round (min, max)%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), settings.warmup(), settings.rounds());
        System.out.println(Samples.machineLoad());
        Result result = run(settings, files);
        print(settings, result);
        return 0;
    }

    static Result run(Settings settings, List<Path> files) throws Exception {
        Samples rivulet = new Samples("rivulet", settings.rounds());
        Samples duckdb = new Samples("duckdb", settings.rounds());
        Samples jni = new Samples("arrow-jni", settings.rounds());
        long arrowBytes = 0;
        try (BufferAllocator allocator = new RootAllocator();
                Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads TO " + settings.threads());
            }
            String selected = settings.columns().isEmpty() ? "*"
                    : settings.columns().stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').collect(Collectors.joining(", "));
            String query = "SELECT " + selected + " FROM read_parquet([" + files.stream().map(f -> "'" + f.toAbsolutePath().toString().replace("'", "''") + "'")
                    .collect(Collectors.joining(", ")) + "])";
            for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                boolean measured = round >= settings.warmup();
                List<Runnable> sides = new ArrayList<>();
                int r = round;
                sides.add(() -> measure(settings, r, measured, rivulet, () -> rivulet(files, allocator, settings)));
                sides.add(() -> measure(settings, r, measured, duckdb, () -> duckdb(connection, query, allocator)));
                if (settings.jni()) {
                    sides.add(() -> measure(settings, r, measured, jni, () -> jni(files, allocator)));
                }
                // rotate which side goes first, so none always runs on a warmer or dirtier machine
                for (int s = 0; s < sides.size(); s++) {
                    sides.get((s + round) % sides.size()).run();
                }
            }
            try (Loaded ours = rivulet(files, allocator, settings); Loaded theirs = duckdb(connection, query, allocator)) {
                check(settings, ours, theirs, "DuckDB");
                arrowBytes = ours.bytes();
            }
            if (settings.jni()) {
                try (Loaded ours = rivulet(files, allocator, settings); Loaded theirs = jni(files, allocator)) {
                    check(settings, ours, theirs, "the JNI reader");
                }
            }
        }
        return new Result(rivulet, duckdb, jni, TaxiFiles.bytes(files), arrowBytes);
    }

    /** Vectors loaded by one side: one table, or batches. Closing releases them. */
    record Loaded(List<List<FieldVector>> batches) implements AutoCloseable {
        long rows() {
            return batches.stream().mapToLong(b -> b.isEmpty() ? 0 : b.getFirst().getValueCount()).sum();
        }

        long bytes() {
            return batches.stream().flatMap(List::stream).mapToLong(FieldVector::getBufferSize).sum();
        }

        /** The sum of a numeric column's values, nulls left out. */
        double sum(String column) {
            double sum = 0;
            for (List<FieldVector> batch : batches) {
                for (FieldVector vector : batch) {
                    if (vector.getName().equals(column)) {
                        for (int i = 0; i < vector.getValueCount(); i++) {
                            sum += vector.isNull(i) ? 0 : ((Number) vector.getObject(i)).doubleValue();
                        }
                    }
                }
            }
            return sum;
        }

        @Override
        public void close() {
            batches.forEach(batch -> batch.forEach(FieldVector::close));
        }
    }

    @FunctionalInterface
    interface Load {
        Loaded load() throws Exception;
    }

    private static void measure(Settings settings, int round, boolean measured, Samples samples, Load load) {
        long start = System.nanoTime();
        try (Loaded loaded = load.load()) {
            long elapsed = System.nanoTime() - start;
            if (loaded.rows() != settings.rows()) {
                throw new IllegalStateException(samples.label() + " loaded " + loaded.rows() + " rows, not " + settings.rows());
            }
            if (measured) {
                samples.add(elapsed);
            }
            if (settings.verbose()) {
                System.err.printf("round %d %-9s %8.1f ms%s%n", round, samples.label(), elapsed / 1e6, measured ? "" : " (warm-up)");
            }
        } catch (Exception e) {
            throw new IllegalStateException(samples.label() + " failed in round " + round + ": " + e, e);
        }
    }

    static Loaded rivulet(List<Path> files, BufferAllocator allocator, Settings settings) throws Exception {
        VectorSchemaRoot table = ParquetTables.load(files, ParquetReadOptions.newBuilder().allocator(allocator).threads(settings.threads())
                .columns(settings.columns()).build());
        return new Loaded(List.of(new ArrayList<>(table.getFieldVectors())));
    }

    static Loaded duckdb(Connection connection, String query, BufferAllocator allocator) throws SQLException, java.io.IOException {
        try (Statement statement = connection.createStatement(); ResultSet results = statement.executeQuery(query)) {
            try (ArrowReader reader = (ArrowReader) ((DuckDBResultSet) results).arrowExportStream(allocator, 1 << 20)) {
                return keepAll(reader, allocator);
            }
        }
    }

    @SuppressWarnings("try") // the dataset's close() declares InterruptedException
    static Loaded jni(List<Path> files, BufferAllocator allocator) throws Exception {
        String[] uris = files.stream().map(f -> f.toAbsolutePath().toUri().toString()).toArray(String[]::new);
        try (DatasetFactory factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(), FileFormat.PARQUET, uris);
                Dataset dataset = factory.finish();
                Scanner scanner = dataset.newScan(new ScanOptions(1 << 20));
                ArrowReader reader = scanner.scanBatches()) {
            return keepAll(reader, allocator);
        }
    }

    /** Every batch of {@code reader}, its vectors moved (not copied) out of the reader's root. */
    private static Loaded keepAll(ArrowReader reader, BufferAllocator allocator) throws java.io.IOException {
        List<List<FieldVector>> batches = new ArrayList<>();
        try {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                List<FieldVector> batch = new ArrayList<>(root.getFieldVectors().size());
                for (FieldVector vector : root.getFieldVectors()) {
                    TransferPair pair = vector.getTransferPair(allocator);
                    pair.transfer();
                    batch.add((FieldVector) pair.getTo());
                }
                batches.add(batch);
            }
            return new Loaded(batches);
        } catch (RuntimeException | java.io.IOException e) {
            new Loaded(batches).close();
            throw e;
        }
    }

    /** The two sides must have loaded the same trips: same rows, same sum of every trip's distance and total. */
    private static void check(Settings settings, Loaded ours, Loaded theirs, String who) {
        for (String column : List.of("trip_distance", "total_amount")) {
            if (!settings.columns().isEmpty() && !settings.columns().contains(column)) {
                continue;
            }
            double a = ours.sum(column);
            double b = theirs.sum(column);
            if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(a))) {
                throw new IllegalStateException("Rivulet and " + who + " disagree on the sum of " + column + ": " + a + " vs " + b);
            }
        }
    }

    private static void print(Settings settings, Result result) {
        double rows = settings.rows();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %8.1f ms  %6.2f Mrows/s  (min %.1f, max %.1f ms)%n", "rivulet", result.rivulet().medianNanos() / 1e6,
                rows / result.rivulet().medianNanos() * 1e3, result.rivulet().minNanos() / 1e6, result.rivulet().maxNanos() / 1e6);
        System.out.printf(Locale.ROOT, "%-10s %8.1f ms  %6.2f Mrows/s  (min %.1f, max %.1f ms)%n", "duckdb", result.duckdb().medianNanos() / 1e6,
                rows / result.duckdb().medianNanos() * 1e3, result.duckdb().minNanos() / 1e6, result.duckdb().maxNanos() / 1e6);
        if (settings.jni()) {
            System.out.printf(Locale.ROOT, "%-10s %8.1f ms  %6.2f Mrows/s  (min %.1f, max %.1f ms)%n", "arrow-jni", result.jni().medianNanos() / 1e6,
                    rows / result.jni().medianNanos() * 1e3, result.jni().minNanos() / 1e6, result.jni().maxNanos() / 1e6);
        }
        System.out.printf(Locale.ROOT, "Arrow table: %.1f MB in memory from %.1f MB of Parquet%n", result.arrowBytes() / 1e6, result.parquetBytes() / 1e6);
        double ours = rows / result.rivulet().medianNanos() * 1e3;
        double theirs = rows / result.duckdb().medianNanos() * 1e3;
        String name = settings.columns().isEmpty() ? "parquet-to-arrow" : "parquet-to-arrow-projected";
        System.out.printf(Locale.ROOT, "%s: rivulet=%.2f duckdb=%.2f ratio=%.2f%n", name, ours, theirs, ours / theirs);
    }
}
