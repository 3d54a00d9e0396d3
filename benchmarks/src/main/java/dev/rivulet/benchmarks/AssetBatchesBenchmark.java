package dev.rivulet.benchmarks;

import dev.rivulet.Rivulet;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.history.RunHistoryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Whether an asset of many Arrow batches is written in bounded memory: {@code --batches} (2,000)
 * tables of {@code --batch} (10,000) {@link OrderAssets} orders, made one at a time as the asset's
 * iterator is pulled, materialised as Parquet through an {@code @Asset} method, in a JVM started
 * with {@code -Xmx256m} by {@code benchmarks/run}. Measured: the heap's peak ({@link HeapWatch}),
 * the peak of the root allocator the tables come from (which also holds what is exported to
 * DuckDB), the process's peak resident memory ({@code VmHWM}: heap, Arrow and DuckDB together),
 * the seconds the call took, and whether it completed with every row (counted by a query).
 *
 * <p>Beside it, in the same JVM: first the tables only made and dropped (which also compiles the
 * generator; DuckDB's native library is loaded after it, before both cases that use it), then,
 * after the asset and with the resident peak reset, the same tables written by DuckDB directly (one
 * registered Arrow stream, {@code COPY ... TO ... (FORMAT parquet, COMPRESSION zstd)} on a
 * connection of its own with the same memory limit).
 *
 * <p>The last line is {@code asset-batches: rows=<n> heap-peak=<MB>MB arrow-peak=<MB>MB
 * rss-peak=<MB>MB seconds=<s> completed=<true|false>}; the exit status is 1 when the asset did not
 * complete. Options: {@code --batches N}, {@code --batch N}, {@code --dir PATH}.
 */
@Command(name = "benchmarks/run asset-batches",
        description = "An asset of 2,000 Arrow batches written as Parquet under -Xmx256m: heap, Arrow and resident peaks.")
public final class AssetBatchesBenchmark implements Callable<Integer> {

    @Option(names = "--batches", paramLabel = "N", converter = PositiveCountConverter.class, description = "table batches")
    int batches = 2_000;

    @Option(names = "--batch", paramLabel = "N", converter = PositiveCountConverter.class, description = "rows a table batch")
    int batch = 10_000;

    @Option(names = "--dir", paramLabel = "PATH", description = "under which the artifacts root is made (java.io.tmpdir if not given)")
    Path directory;

    /** DuckDB's memory limit for the direct case, the one an artifacts root sets by default. */
    static final String MEMORY_LIMIT = "1GB";

    record Settings(int batches, int batch, Path directory) {

        static Settings parse(String... args) {
            return CommandLines.parse(new AssetBatchesBenchmark(), args).settings();
        }

        long rows() {
            return (long) batches * batch;
        }
    }

    /** One case: its time and peaks; rows counted in what it wrote, -1 if it wrote nothing; why it failed, if it did. */
    record Case(String label, long nanos, long heapPeak, long arrowPeak, long rssPeak, long rows, String failure) {

        boolean completed(long expected) {
            return failure == null && rows == expected;
        }
    }

    record Result(Case asset, Case direct, Case makeOnly, boolean peakReset) {}

    private AssetBatchesBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new AssetBatchesBenchmark(), args);
    }

    private Settings settings() {
        return new Settings(batches, batch, directory);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        System.out.printf(Locale.ROOT, "Asset batches: %,d orders in %,d Arrow tables of %,d rows, made as they are pulled, written as Parquet "
                + "through @Asset%n", settings.rows(), settings.batches(), settings.batch());
        System.out.printf("JVM %s, heap at most %d MB, %d processors%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        System.out.println(Samples.machineLoad());
        Result result = run(settings);
        print(settings, result);
        return result.asset().completed(settings.rows()) ? 0 : 1;
    }

    static Result run(Settings settings) throws Exception {
        try (TemporaryDirectory directory = TemporaryDirectory.under(settings.directory(), "rivulet-asset-batches-")) {
            // making the tables first compiles the generator for both cases that follow, and the
            // first connection of the JVM loads DuckDB's native library, once for both
            Case makeOnly = makeOnly(settings);
            DriverManager.getConnection("jdbc:duckdb:").close();
            boolean reset = ProcessMemory.resetPeak();
            Case asset = asset(settings, directory.path());
            ProcessMemory.resetPeak();
            Case direct = direct(settings, directory.path().resolve("direct.parquet"));
            return new Result(asset, direct, makeOnly, reset);
        }
    }

    private static Case asset(Settings settings, Path directory) {
        try (ArtifactRoot artifacts = ArtifactRoot.local(directory.resolve("artifacts"));
             Rivulet rivulet = Rivulet.builder().component(artifacts)
                     .localResultsDirectory(directory.resolve("results"))
                     .runHistory(RunHistoryOptions.newBuilder().directory(directory.resolve("runs")).build()).build();
             BufferAllocator allocator = new RootAllocator()) {
            OrderAssets assets = rivulet.stub(OrderAssets.class, OrderAssets.madeWith(allocator));
            System.gc();
            long start = System.nanoTime();
            Artifact written;
            long elapsed;
            long heapPeak;
            try (HeapWatch heap = new HeapWatch()) {
                try {
                    written = assets.parquet(settings.rows(), settings.batch());
                } catch (RuntimeException | Error e) {
                    return new Case("asset", System.nanoTime() - start, heap.peakUsed(), allocator.getPeakMemoryAllocation(),
                            ProcessMemory.peakResidentBytes(), -1, e.toString());
                }
                elapsed = System.nanoTime() - start;
                heapPeak = heap.peakUsed();
            }
            long rssPeak = ProcessMemory.peakResidentBytes();
            Map<String, Object> counted = written.query("SELECT count(*) AS n, sum(order_id) AS ids FROM {asset}").rows().get(0);
            return new Case("asset", elapsed, heapPeak, allocator.getPeakMemoryAllocation(), rssPeak,
                    checkedRows(counted, settings.rows()), null);
        }
    }

    /** The rows counted, if the order ids add up to those of 0 to rows - 1; else -1. */
    private static long checkedRows(Map<String, Object> counted, long rows) {
        long n = ((Number) counted.get("n")).longValue();
        boolean idsAddUp = ((Number) counted.get("ids")).longValue() == rows * (rows - 1) / 2;
        return idsAddUp ? n : -1;
    }

    /** The same tables written by DuckDB from one registered stream, without Rivulet. */
    private static Case direct(Settings settings, Path file) throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
             DuckDBConnection duckdb = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement()) {
            statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
            String target = "'" + file.toString().replace("'", "''") + "'";
            System.gc();
            long start = System.nanoTime();
            long elapsed;
            long heapPeak;
            try (HeapWatch heap = new HeapWatch()) {
                try (ArrowReader reader = new TablesReader(allocator, new OrderAssets.Tables(allocator, settings.rows(), settings.batch()));
                     ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                    Data.exportArrayStream(allocator, reader, stream);
                    duckdb.registerArrowStream("orders", stream);
                    statement.execute("COPY (SELECT * FROM orders) TO " + target + " (FORMAT parquet, COMPRESSION zstd)");
                    statement.execute("DROP VIEW orders");
                }
                elapsed = System.nanoTime() - start;
                heapPeak = heap.peakUsed();
            }
            long rssPeak = ProcessMemory.peakResidentBytes();
            Map<String, Object> counted = AssetQueryBenchmark.rows(duckdb, "SELECT count(*) AS n, sum(order_id) AS ids FROM read_parquet("
                    + target + ")").get(0);
            return new Case("direct", elapsed, heapPeak, allocator.getPeakMemoryAllocation(), rssPeak, checkedRows(counted, settings.rows()),
                    null);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The tables made and closed, nothing written: what making them costs. */
    private static Case makeOnly(Settings settings) {
        try (BufferAllocator allocator = new RootAllocator()) {
            System.gc();
            long start = System.nanoTime();
            long rows = 0;
            try (HeapWatch heap = new HeapWatch()) {
                Iterator<VectorSchemaRoot> tables = new OrderAssets.Tables(allocator, settings.rows(), settings.batch());
                while (tables.hasNext()) {
                    try (VectorSchemaRoot table = tables.next()) {
                        rows += table.getRowCount();
                    }
                }
                return new Case("make only", System.nanoTime() - start, heap.peakUsed(), allocator.getPeakMemoryAllocation(),
                        ProcessMemory.peakResidentBytes(), rows, null);
            }
        }
    }

    /** Tables from an iterator as an Arrow stream: each one's buffers moved into the reader's root, then the table closed. */
    private static final class TablesReader extends ArrowReader {
        private final Iterator<VectorSchemaRoot> tables;

        TablesReader(BufferAllocator allocator, Iterator<VectorSchemaRoot> tables) {
            super(allocator);
            this.tables = tables;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (!tables.hasNext()) {
                return false;
            }
            VectorSchemaRoot root = getVectorSchemaRoot();
            try (VectorSchemaRoot table = tables.next()) {
                for (int i = 0; i < table.getFieldVectors().size(); i++) {
                    table.getVector(i).makeTransferPair(root.getVector(i)).transfer();
                }
                root.setRowCount(table.getRowCount());
            }
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {}

        @Override
        protected Schema readSchema() {
            return OrderAssets.SCHEMA;
        }
    }

    private static void print(Settings settings, Result result) {
        System.out.println();
        System.out.printf("%-10s %9s %11s %11s %11s  %s%n", "case", "seconds", "heap peak", "arrow peak", "rss peak", "rows");
        for (Case c : new Case[] {result.asset(), result.direct(), result.makeOnly()}) {
            System.out.printf(Locale.ROOT, "%-10s %9.2f %9d MB %8.1f MB %8d MB  %s%n", c.label(), c.nanos() / 1e9, megabytes(c.heapPeak()),
                    c.arrowPeak() / 1048576.0, megabytes(c.rssPeak()), c.failure() != null ? "FAILED: " + c.failure() : c.rows());
        }
        if (!result.peakReset()) {
            System.out.println("(the resident peak could not be reset between cases: each case's is the peak since the JVM started)");
        }
        System.out.println(figureLine(settings, result.asset()));
    }

    static String figureLine(Settings settings, Case asset) {
        return String.format(Locale.ROOT, "asset-batches: rows=%d heap-peak=%dMB arrow-peak=%dMB rss-peak=%dMB seconds=%.1f completed=%b",
                settings.rows(), megabytes(asset.heapPeak()), megabytes(asset.arrowPeak()), megabytes(asset.rssPeak()), asset.nanos() / 1e9,
                asset.completed(settings.rows()));
    }

    /** Bytes in MiB, to the nearest; -1 stays -1 (unknown). */
    private static long megabytes(long bytes) {
        return bytes < 0 ? -1 : Math.round(bytes / 1048576.0);
    }
}
