package dev.rivulet.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    void introspectionArgumentsAreDistinctStrings() {
        var strings = IntrospectionBenchmark.distinctStrings(1_000);
        assertEquals(1_000, strings.size());
        assertEquals("999", strings.get(999));
        assertTrue(strings.get(7) != String.valueOf(7), "elements must be distinct objects");
    }
}
