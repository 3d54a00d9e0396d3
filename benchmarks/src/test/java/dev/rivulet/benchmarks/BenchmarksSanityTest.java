package dev.rivulet.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the benchmarks are wired up and compute what they should, at a tiny size; times nothing. */
class BenchmarksSanityTest {

    @Test
    void jmhFoundTheIntrospectionBenchmarks() throws IOException {
        // javac 21+ runs JMH's annotation processor only from annotationProcessorPaths; without it
        // this list is missing and JMH runs nothing.
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(list, "META-INF/BenchmarkList was not generated");
            String benchmarks = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            for (String method : new String[] {"walked", "quoted", "noArgument"}) {
                assertTrue(benchmarks.contains("IntrospectionBenchmark_" + method + "_jmhTest"), method + " is not in " + benchmarks);
            }
        }
    }

    @Test
    void overheadWorkloadsRunOnBothSides() {
        OverheadBenchmark.Settings settings = OverheadBenchmark.Settings.parse(
                new String[] {"--tasks", "200", "--chain", "20", "--warmup", "0", "--rounds", "1", "--threads", "2"});
        // Each round checks every case's outcome and throws if one is wrong.
        OverheadBenchmark.Result result = OverheadBenchmark.run(settings);
        assertTrue(result.rivuletFanOut().medianNanos() > 0);
        assertTrue(result.executorChain().medianNanos() > 0);
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
    void persistTableWritesBothFiles(@TempDir Path dir) throws Exception {
        PersistTableBenchmark.Settings settings = PersistTableBenchmark.Settings.parse(new String[] {
            "--rows", "5000", "--warmup", "0", "--rounds", "1", "--no-sync", "--dir", dir.toString()});
        PersistTableBenchmark.Result result = PersistTableBenchmark.run(settings);
        assertTrue(result.arrowBytes() > 0 && result.arrowBytes() < result.rawBytes(), result.toString());
        assertTrue(result.arrow().medianNanos() > 0 && result.raw().medianNanos() > 0);
    }

    @Test
    void taxiEtlRunsColdThenCachedInJvmsOfItsOwn(@TempDir Path dir) throws Exception {
        TaxiEtlBenchmark.Settings settings = TaxiEtlBenchmark.Settings.parse(new String[] {"--rows", "5000", "--threads", "2", "--dir", dir.toString()});
        Path source = dev.rivulet.examples.taxi.TaxiEtl.ensureSource(dir.resolve("generated"), 5_000);
        Path work = TaxiEtlBenchmark.workDirectory(dir.resolve("generated"), source, dir.resolve("work"));
        TaxiEtlBenchmark.Run cold = TaxiEtlBenchmark.runExample(settings, work);
        TaxiEtlBenchmark.Run cached = TaxiEtlBenchmark.runExample(settings, work);
        assertEquals(0, cold.cached(), cold.toString());
        assertEquals(32, cached.taskRuns(), cached.toString());
        assertEquals(31, cached.cached(), cached.toString());
        assertTrue(cold.processSeconds() >= cold.flowSeconds(), cold.toString());
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
        CacheBenchmark.Settings settings = CacheBenchmark.Settings.parse(
                new String[] {"--blob", "100kb", "--flows", "2", "--reads", "2", "--warmup", "0", "--rounds", "2"});
        // Setting up checks that every call after the first is a hit (state CACHED); each case checks what it computed.
        CacheBenchmark.Result result = CacheBenchmark.run(settings);
        assertEquals(2, result.memoryHitRatios().length);
        assertTrue(result.diskHit().medianNanos() > 0);
        try (CacheBenchmark.Fixture fixture = new CacheBenchmark.Fixture(settings)) {
            byte[] entry = Files.readAllBytes(fixture.blobEntry);
            assertTrue(entry.length > 100_000, "the entry holds the value and its record");
            assertEquals(entry.length, fixture.readEntryInPieces());
        }
    }

    @Test
    void persistMeasuresEveryCaseOnBothDataSets() throws IOException {
        PersistBenchmark.Settings settings = PersistBenchmark.Settings.parse(
                new String[] {"--total", "256k", "--value", "64k", "--warmup", "0", "--rounds", "1"});
        // Each case checks that it handled every byte and left one file per value.
        PersistBenchmark.Result result = PersistBenchmark.run(settings);
        assertEquals(256 << 10, result.bytesPerRound());
        for (String dataSet : List.of("binary", "csv")) {
            assertEquals(PersistBenchmark.SERIALIZERS.size() + 4, result.samples().get(dataSet).size());
            for (String caseName : result.samples().get(dataSet).keySet()) {
                assertTrue(result.megabytesPerSecond(dataSet, caseName) > 0, caseName);
            }
        }
        // The CSV compresses, the random bytes do not.
        assertTrue(result.stored().get("csv").get("compressed/java") < result.bytesPerRound() / 2);
        assertTrue(result.stored().get("binary").get("compressed/java") > result.bytesPerRound());
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
    void memoryFlowCompletesAndVerifiesEveryResult() throws IOException {
        MemoryBenchmark.Settings settings = MemoryBenchmark.Settings.parse(
                new String[] {"--tasks", "6", "--size", "100kb", "--threads", "2"});
        MemoryBenchmark.Result result = MemoryBenchmark.run(settings);
        assertTrue(result.completed(), result.failure());
        assertTrue(result.peakUsed() > 0);
    }
}
