package dev.rivulet.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

/** The checks the benchmarks make on their options beyond each value's own form. */
class BenchmarkOptionsTest {

    @Test
    void s3GetManyTakesSidesByLabelAndNeedsRivuletAmongThem() {
        S3GetManyBenchmark.Settings settings = S3GetManyBenchmark.Settings.parse("--sides", "rivulet, sdk-loop");
        assertEquals(List.of(S3GetManyBenchmark.Side.RIVULET, S3GetManyBenchmark.Side.NAIVE), settings.sides());
        assertEquals(List.of(S3GetManyBenchmark.Side.values()).size() - 1, S3GetManyBenchmark.Settings.parse("--no-rclone").sides().size());

        ParameterException unknown = assertThrows(ParameterException.class, () -> S3GetManyBenchmark.Settings.parse("--sides", "rivulet,s3cmd"));
        assertEquals("Invalid value for option '--sides' (SIDE): unknown side 's3cmd'; the sides are rivulet, rclone, sdk-loop, rivulet-md5",
                unknown.getMessage());
        ParameterException withoutRivulet = assertThrows(ParameterException.class, () -> S3GetManyBenchmark.Settings.parse("--sides", "rclone"));
        assertEquals("--sides must include rivulet, was [RCLONE]", withoutRivulet.getMessage());
    }

    @Test
    void memoryResultsFitOneByteArray() {
        assertEquals(48 << 20, MemoryBenchmark.Settings.parse("--size", "48MiB").size());
        ParameterException tooLarge = assertThrows(ParameterException.class, () -> MemoryBenchmark.Settings.parse("--size", "2GiB"));
        assertEquals("--size must be at least one byte and below 2 GiB (one byte[]), was 2147483648", tooLarge.getMessage());
    }
}
