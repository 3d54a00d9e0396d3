package dev.rivulet.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the benchmarks are wired up and compute what they should, at a tiny size; times nothing. */
class BenchmarksSanityTest {

    @Test
    void jmhFoundEveryJmhBenchmark() throws IOException {
        // javac 21+ runs JMH's annotation processor only from annotationProcessorPaths; without it
        // this list is missing and JMH runs nothing.
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(list, "META-INF/BenchmarkList was not generated");
            String benchmarks = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            for (String method : new String[] {"IntrospectionBenchmark_walked", "IntrospectionBenchmark_quoted",
                "IntrospectionBenchmark_noArgument", "OverheadBenchmark_workload", "CacheBenchmark_callPlain",
                "CacheBenchmark_callMemoryHit", "CacheBenchmark_readDiskHit", "CacheBenchmark_readAllBytes",
                "CacheBenchmark_readInPieces", "PersistBenchmark_persist"}) {
                assertTrue(benchmarks.contains(method + "_jmhTest"), method + " is not in " + benchmarks);
            }
        }
    }

    /**
     * JMH's options for a run in this JVM that times almost nothing: no fork, no warm-up, one short
     * iteration, no output. JMH's machine-wide lock, which keeps two benchmark runs from measuring
     * each other, is ignored: a benchmark run elsewhere on the machine must not fail these tests.
     */
    private static String[] tinyJmhRun(String... parameters) {
        System.setProperty("jmh.ignoreLock", "true");
        List<String> args = new ArrayList<>(List.of("-f", "0", "-wi", "0", "-i", "1", "-r", "50ms", "-v", "SILENT", "-foe", "true"));
        for (String parameter : parameters) {
            args.add("-p");
            args.add(parameter);
        }
        return args.toArray(String[]::new);
    }

    /** The last line that {@code report} prints. */
    private static String lastLine(Consumer<PrintStream> report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        return lines[lines.length - 1];
    }

    private static OverheadBenchmark overhead(String shape, String side) {
        OverheadBenchmark overhead = new OverheadBenchmark();
        overhead.shape = shape;
        overhead.side = side;
        overhead.tasks = 200;
        overhead.chainLength = 20;
        overhead.threads = 2;
        return overhead;
    }

    @Test
    void overheadWorkloadsComputeTheirSumsOnEverySide() {
        for (String side : List.of(OverheadBenchmark.RIVULET, OverheadBenchmark.RIVULET_HISTORY, OverheadBenchmark.EXECUTOR)) {
            OverheadBenchmark fanOut = overhead(OverheadBenchmark.FAN_OUT, side);
            fanOut.setUp();
            try {
                assertEquals(200L * 199 / 2, fanOut.workload());
            } finally {
                fanOut.tearDown();
            }
            OverheadBenchmark chain = overhead(OverheadBenchmark.CHAIN, side);
            chain.setUp();
            try {
                assertEquals(20, chain.workload());
            } finally {
                chain.tearDown();
            }
        }
    }

    @Test
    void overheadRefusesAnUnknownShapeOrSide() {
        var shape = assertThrows(IllegalArgumentException.class, () -> overhead("fanout", OverheadBenchmark.RIVULET).setUp());
        assertTrue(shape.getMessage().contains("'fanout'") && shape.getMessage().contains("-p shape=fan-out"), shape.getMessage());
        var side = assertThrows(IllegalArgumentException.class, () -> overhead(OverheadBenchmark.CHAIN, "dask").setUp());
        assertTrue(side.getMessage().contains("'dask'"), side.getMessage());
    }

    @Test
    void overheadRunsOnJmhAndPrintsItsFigureLineLast() throws Exception {
        JmhRuns runs = JmhRuns.run(OverheadBenchmark.class, tinyJmhRun("tasks=200", "chainLength=20", "threads=2"));
        assertEquals(6, runs.medians().size(), runs.medians().toString());
        String figure = lastLine(out -> OverheadBenchmark.report(runs, out));
        assertTrue(figure.matches("overhead: rivulet=\\d+\\.\\d\\dus/task executor=\\d+\\.\\d\\dus/task ratio=\\d+\\.\\d\\d"
                + " history=\\d+\\.\\d\\dus/task history-ratio=\\d+\\.\\d\\d"), figure);
    }

    @Test
    void overheadFanOutAloneStillGivesTheFigureLine() throws Exception {
        // What benchmarks/run dask-overhead asks for.
        JmhRuns runs = JmhRuns.run(OverheadBenchmark.class, tinyJmhRun("shape=fan-out", "side=rivulet,executor", "tasks=200", "threads=2"));
        assertEquals(2, runs.medians().size(), runs.medians().toString());
        assertTrue(lastLine(out -> OverheadBenchmark.report(runs, out)).startsWith("overhead: rivulet="));
    }

    @Test
    void jmhRunsRefuseBenchmarkPatternsAndNameMissingCases() {
        var pattern = assertThrows(IllegalArgumentException.class, () -> JmhRuns.run(OverheadBenchmark.class, new String[] {"fanOut"}));
        assertTrue(pattern.getMessage().contains("[fanOut]") && pattern.getMessage().contains("-p"), pattern.getMessage());
        JmhRuns none = JmhRuns.of(CacheBenchmark.class, List.of());
        var missing = assertThrows(IllegalStateException.class,
                () -> CacheBenchmark.report(none, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(missing.getMessage().contains("callPlain"), missing.getMessage());
    }

    @Test
    void s3GetManyDownloadsEveryObjectOnEachSide() throws Exception {
        S3GetManyBenchmark.Settings settings = S3GetManyBenchmark.Settings.parse(new String[] {
            "--objects", "3", "--size-mib", "1", "--warmup", "0", "--rounds", "1", "--concurrency", "2", "--no-rclone"});
        // Each round checks every file's size and one file's MD5, and throws if one is wrong.
        S3GetManyBenchmark.Result result = S3GetManyBenchmark.run(settings);
        assertEquals(3L << 20, result.bytes());
        assertTrue(result.megabytesPerSecond(S3GetManyBenchmark.Side.RIVULET) > 0);
        assertTrue(result.megabytesPerSecond(S3GetManyBenchmark.Side.RIVULET_MD5) > 0);
        assertTrue(result.megabytesPerSecond(S3GetManyBenchmark.Side.NAIVE) > 0);
    }

    @Test
    void parquetToArrowLoadsTheSameTripsOnBothSides(@TempDir Path data) throws Exception {
        ParquetToArrowBenchmark.Settings settings = ParquetToArrowBenchmark.Settings.parse(new String[] {
            "--rows", "5000", "--files", "3", "--warmup", "0", "--rounds", "1", "--threads", "2", "--data", data.toString()});
        // Each round checks the row count of each side, and the run compares their sums of distance and total.
        ParquetToArrowBenchmark.Result result = ParquetToArrowBenchmark.run(settings, TaxiFiles.ensure(data, 5_000, 3));
        assertTrue(result.rivulet().medianNanos() > 0);
        assertTrue(result.duckdb().medianNanos() > 0);
        assertTrue(result.arrowBytes() > 5_000 * 8);
    }

    @Test
    void parquetToArrowProjectedLoadsTheSameThreeColumnsOnBothSides(@TempDir Path data) throws Exception {
        ParquetToArrowBenchmark.Settings settings = ParquetToArrowBenchmark.Settings.parse(new String[] {
            "--rows", "5000", "--files", "3", "--warmup", "0", "--rounds", "1", "--threads", "2", "--data", data.toString(),
            "--columns", ParquetToArrowBenchmark.Projected.COLUMNS});
        ParquetToArrowBenchmark.Result result = ParquetToArrowBenchmark.run(settings, TaxiFiles.ensure(data, 5_000, 3));
        assertEquals(3, settings.columns().size());
        // a timestamp and two doubles, and their validity: far less than the 19 columns' table
        assertTrue(result.arrowBytes() > 5_000 * 3 * 8 && result.arrowBytes() < 5_000 * 8 * 8, "bytes " + result.arrowBytes());
    }

    @Test
    void jdbcExtractReadsTheSameRowsOnBothSidesAndReportsItsPeaks() throws Exception {
        JdbcExtractBenchmark.Settings settings = JdbcExtractBenchmark.Settings.parse(new String[] {
            "--rows", "3000", "--batch", "500", "--warmup", "0", "--rounds", "1"});
        dev.rivulet.jdbc.testing.MariaDbTestServer.assumeInstalled("the jdbc benchmarks' sanity tests");
        try (dev.rivulet.jdbc.testing.MariaDbTestServer server = dev.rivulet.jdbc.testing.MariaDbTestServer.start()) {
            // each round checks that both sides read every row
            JdbcExtractBenchmark.Result result = JdbcExtractBenchmark.run(settings, server);
            assertTrue(result.rivulet().medianNanos() > 0 && result.jdbc().medianNanos() > 0);
            assertTrue(result.arrowPeakBytes() > 0 && result.heapPeakBytes() > 0, result.toString());
        }
    }

    @Test
    void jdbcToArrowReadsEveryRowOnEachSide() throws Exception {
        JdbcToArrowBenchmark.Settings settings = JdbcToArrowBenchmark.Settings.parse(new String[] {
            "--rows", "3000", "--batch", "1000", "--warmup", "0", "--rounds", "1"});
        dev.rivulet.jdbc.testing.MariaDbTestServer.assumeInstalled("the jdbc benchmarks' sanity tests");
        try (dev.rivulet.jdbc.testing.MariaDbTestServer server = dev.rivulet.jdbc.testing.MariaDbTestServer.start()) {
            // Each round checks that every side read all the rows.
            JdbcToArrowBenchmark.Result result = JdbcToArrowBenchmark.run(settings, server);
            for (JdbcToArrowBenchmark.Side side : JdbcToArrowBenchmark.Side.values()) {
                assertTrue(result.megarowsPerSecond(side, 3000) > 0, side.label);
            }
            assertTrue(result.peakBytes()[JdbcToArrowBenchmark.Side.RIVULET.ordinal()] > 0);
        }
    }

    @Test
    void persistTableWritesBothFiles(@TempDir Path dir) throws Exception {
        PersistTableBenchmark.Settings settings = PersistTableBenchmark.Settings.parse(new String[] {
            "--rows", "5000", "--warmup", "0", "--rounds", "1", "--no-sync", "--dir", dir.toString()});
        PersistTableBenchmark.Result result = PersistTableBenchmark.run(settings);
        assertTrue(result.arrowBytes() > 0 && result.arrowBytes() < result.rawBytes(), result.toString());
        assertTrue(result.arrow().medianNanos() > 0 && result.raw().medianNanos() > 0);
        String figure = lastLine(out -> PersistTableBenchmark.report(result, out));
        assertTrue(figure.matches("persist-table: arrow=\\d+\\.\\d\\dx-of-raw size=0\\.\\d\\dx-of-raw"), figure);
    }

    @Test
    void persistTableWritesZstdSmallerThanLz4(@TempDir Path dir) throws Exception {
        long[] bytes = new long[2];
        String[] codecs = {"LZ4_FRAME", "ZSTD"};
        for (int i = 0; i < 2; i++) {
            PersistTableBenchmark.Settings settings = PersistTableBenchmark.Settings.parse(new String[] {
                "--rows", "20000", "--warmup", "0", "--rounds", "1", "--no-sync", "--dir", dir.toString(), "--codec", codecs[i]});
            bytes[i] = PersistTableBenchmark.run(settings).arrowBytes();
        }
        assertTrue(bytes[1] < bytes[0], "zstd " + bytes[1] + " bytes, lz4 " + bytes[0]);
    }

    @Test
    void taxiEtlRunsColdThenCachedInJvmsOfItsOwn(@TempDir Path dir) throws Exception {
        TaxiEtlBenchmark.Settings settings = TaxiEtlBenchmark.Settings.parse(new String[] {"--rows", "5000", "--threads", "2", "--dir", dir.toString()});
        Path source = dev.rivulet.examples.taxi.TaxiEtl.ensureSource(dir.resolve("generated"), 5_000);
        Path work = TaxiEtlBenchmark.workDirectory(dir.resolve("generated"), source, dir.resolve("work"));
        TaxiEtlBenchmark.Run cold = TaxiEtlBenchmark.runExample(settings, work);
        TaxiEtlBenchmark.Run cached = TaxiEtlBenchmark.runExample(settings, work);
        assertEquals(0, cold.cached(), cold.toString());
        assertEquals(33, cached.taskRuns(), cached.toString());
        assertEquals(33, cached.cached(), cached.toString());
        assertTrue(cold.processSeconds() >= cold.flowSeconds(), cold.toString());
        String figures = TaxiEtlBenchmark.figureLine(List.of(cold), List.of(cached));
        assertTrue(figures.matches("taxi-etl: cold=\\d+\\.\\ds cached=\\d+\\.\\ds ratio=\\d+\\.\\d\\d "
                + "flow-cold=\\d+\\.\\d\\ds flow-cached=\\d+\\.\\d\\ds flow-ratio=\\d+\\.\\d{3}"), figures);
    }

    @Test
    void introspectionArgumentsAreDistinctStrings() {
        var strings = IntrospectionBenchmark.distinctStrings(1_000);
        assertEquals(1_000, strings.size());
        assertEquals("999", strings.get(999));
        assertTrue(strings.get(7) != String.valueOf(7), "elements must be distinct objects");
    }

    @Test
    void cacheCasesHitTheirTiers() throws IOException {
        // Setting up checks that every call after the first is a hit (state CACHED); each case checks what it computed.
        CacheBenchmark.DiskStore store = new CacheBenchmark.DiskStore();
        store.blobBytes = 100_000;
        store.setUp();
        try {
            byte[] entry = Files.readAllBytes(store.entry);
            assertTrue(entry.length > 100_000, "the entry holds the value and its record");
            assertEquals(entry.length, CacheBenchmark.readEntryInPieces(store.entry));
            assertEquals(100_000, new CacheBenchmark().readDiskHit(store));
        } finally {
            store.tearDown();
        }
    }

    @Test
    void cacheRunsOnJmhAndPrintsItsFigureLineLast() throws Exception {
        JmhRuns runs = JmhRuns.run(CacheBenchmark.class, tinyJmhRun("blobBytes=102400"));
        assertEquals(5, runs.medians().size(), runs.medians().toString());
        String figure = lastLine(out -> CacheBenchmark.report(runs, out));
        assertTrue(figure.matches("cache: memory-hit=\\d+\\.\\d\\dx-of-call disk-hit=\\d+\\.\\d\\dx-of-read"), figure);
    }

    @Test
    void persistRunsEveryCaseOnJmhAndPrintsItsFigureLineLast() throws Exception {
        // Each case checks that it handled every byte and left one file per value.
        JmhRuns runs = JmhRuns.run(PersistBenchmark.class, tinyJmhRun("totalBytes=262144", "valueBytes=65536"));
        assertEquals(2 * PersistBenchmark.WRITERS.size(), runs.medians().size(), runs.medians().toString());
        // The CSV compresses, the random bytes do not.
        double csv = runs.find("persist", Map.of("dataSet", "csv", "writer", "compressed/java")).secondary().get("storedBytes");
        double binary = runs.find("persist", Map.of("dataSet", "binary", "writer", "compressed/java")).secondary().get("storedBytes");
        assertTrue(csv < 262144 / 2, "csv stored " + csv);
        assertTrue(binary > 262144, "binary stored " + binary);
        String figure = lastLine(out -> PersistBenchmark.report(runs, out));
        assertTrue(figure.matches("persist: binary=\\d+\\.\\d\\dx-of-raw zstd=\\d+\\.\\d\\dx-of-zstd-jni"), figure);
    }

    @Test
    void persistRefusesAnUnknownWriter() {
        PersistBenchmark persist = new PersistBenchmark();
        persist.dataSet = "binary";
        persist.writer = "compressed/yaml";
        persist.totalBytes = 1024;
        persist.valueBytes = 512;
        var refused = assertThrows(IllegalArgumentException.class, persist::setUp);
        assertTrue(refused.getMessage().contains("'compressed/yaml'"), refused.getMessage());
    }

    @Test
    void csvLooksLikeTrips() {
        byte[] value = new byte[4096];
        PersistBenchmark.tripsCsv(value, new SplittableRandom(1));
        String[] lines = new String(value, StandardCharsets.US_ASCII).split("\n");
        assertTrue(lines[0].startsWith("vendor_id,pickup_datetime,"), lines[0]);
        assertEquals(11, lines[1].split(",").length, lines[1]);
    }

    @Test
    void reportWritesARunsReportAndPrintsItsFigureLineLast() throws IOException {
        ReportBenchmark.Settings settings = ReportBenchmark.Settings.parse("--tasks", "200", "--warmup", "0", "--rounds", "2");
        ReportBenchmark.Result result = ReportBenchmark.run(settings);
        assertEquals(200, result.taskRuns());
        assertEquals(150, result.edges());
        assertTrue(result.htmlBytes() > result.recordBytes() / 10, result.htmlBytes() + " bytes of HTML");
        String figure = lastLine(out -> ReportBenchmark.report(result, settings, out));
        assertTrue(figure.matches("report: tasks=200 write=\\d+ms html=\\d+KB"), figure);
    }

    @Test
    void memoryFlowCompletesAndVerifiesEveryResult() throws IOException {
        MemoryBenchmark.Settings settings = MemoryBenchmark.Settings.parse(
                new String[] {"--tasks", "6", "--size", "100kb", "--threads", "2"});
        MemoryBenchmark.Result result = MemoryBenchmark.run(settings);
        assertTrue(result.completed(), result.failure());
        assertTrue(result.peakUsed() > 0);
    }

    @Test
    void scaleRunsEveryHeldFlowAndPrintsItsFigureLineLast(@TempDir Path directory) {
        ScaleBenchmark.Result result = ScaleBenchmark.run(2_000, 2, directory);
        assertTrue(result.completed(), result.runs().toString());
        assertEquals(2, result.runs().size());
        for (ScaleBenchmark.Run run : result.runs()) {
            assertEquals(2_000, run.sum(), "every no-op task returned the gate's 1");
            assertFalse(Double.isNaN(run.bytesPerTask()), "the held phase was measured");
        }
        assertTrue(result.retainedAfter() > 0);
        String figure = ScaleBenchmark.figureLine(result);
        assertTrue(figure.matches("scale: tasks=2000 seconds=\\d+\\.\\d\\d bytes-per-task=-?\\d+ retained-after=\\d+MB completed=true"), figure);
    }

    @Test
    void assetQueryGetsTheSameGroupsFromEveryCaseAndPrintsItsFigureLineLast(@TempDir Path directory) throws Exception {
        AssetQueryBenchmark.Settings settings = AssetQueryBenchmark.Settings.parse("--rows", "20000", "--batch", "3000", "--warmup", "0",
                "--rounds", "2", "--dir", directory.toString());
        AssetQueryBenchmark.Result result = AssetQueryBenchmark.run(settings);
        assertEquals(8, result.groups().size());
        assertEquals(20_000L, result.groups().stream().mapToLong(row -> ((Number) row.get("orders")).longValue()).sum());
        assertTrue(result.jsonBytes() > result.parquetBytes(), result.jsonBytes() + " bytes of JSON");
        String figure = AssetQueryBenchmark.figureLine(result);
        assertTrue(figure.matches("asset-query: parquet=\\d+\\.\\dms json=\\d+\\.\\dms ratio=\\d+\\.\\d\\d direct=\\d+\\.\\dms overhead=\\d+\\.\\d\\d"),
                figure);
    }

    @Test
    void assetBatchesWritesEveryRowAndPrintsItsFigureLineLast(@TempDir Path directory) throws Exception {
        AssetBatchesBenchmark.Settings settings = AssetBatchesBenchmark.Settings.parse("--batches", "30", "--batch", "1000", "--dir",
                directory.toString());
        AssetBatchesBenchmark.Result result = AssetBatchesBenchmark.run(settings);
        assertTrue(result.asset().completed(30_000), result.asset().toString());
        assertTrue(result.direct().completed(30_000), result.direct().toString());
        assertEquals(30_000, result.makeOnly().rows());
        assertTrue(result.asset().arrowPeak() > 0 && result.asset().arrowPeak() < 10 * result.makeOnly().arrowPeak(),
                result.asset() + " against " + result.makeOnly());
        String figure = AssetBatchesBenchmark.figureLine(settings, result.asset());
        assertTrue(figure.matches("asset-batches: rows=30000 heap-peak=\\d+MB arrow-peak=\\d+MB rss-peak=-?\\d+MB seconds=\\d+\\.\\d completed=true"),
                figure);
    }
}
