package dev.rivulet.examples.fasts3;

import static dev.rivulet.examples.support.PrintedOutput.printed;
import static dev.rivulet.examples.support.TestServerCredentials.withAwsProperties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.examples.taxi.TaxiTrips;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.tables.ArrowTables;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastS3LoadTest {

    private static final int ROWS = 50_000;

    @TempDir
    Path work;

    private BufferAllocator allocator;

    @BeforeEach
    void allocator() {
        allocator = ArrowTables.allocator().newChildAllocator("fast-s3-load-test", 0, Long.MAX_VALUE);
    }

    @AfterEach
    void nothingLeftAllocated() {
        long left = allocator.getAllocatedMemory();
        if (left == 0) {
            allocator.close();
        }
        assertEquals(0, left, "Arrow memory left allocated");
    }

    @Test
    void seedsTheInProcessServerThenLoadsEveryRowAndLoadsTheSameDataAgain() throws Exception {
        String[] args = {"--rows", "50_000", "--work", work.toString(), "--threads", "2", "--bucket", "fast-s3-load-test"};
        String first = printed(() -> {
            try (VectorSchemaRoot table = FastS3Load.run(args, allocator, Map.of());
                    VectorSchemaRoot expected = TaxiTrips.generate(ROWS, FastS3Load.SEED, allocator)) {
                assertEquals(ROWS, table.getRowCount());
                assertEquals(expected.getSchema(), table.getSchema());
                // The layout is by day, so the rows come back in another order: compare sums.
                assertEquals(sum(expected, "PULocationID"), sum(table, "PULocationID"));
                assertEquals(sum(expected, "total_amount"), sum(table, "total_amount"), 1e-6);
            }
        });
        assertTrue(first.contains("started an in-process S3-compatible server"), first);
        assertTrue(first.contains("Writing 50,000 generated taxi trips under s3://fast-s3-load-test/taxi/trips/"), first);
        assertTrue(first.contains("Wrote 30 files"), first);
        assertLoadLines(first, 30);

        String second = printed(() -> {
            try (VectorSchemaRoot table = FastS3Load.run(args, allocator, Map.of())) {
                assertEquals(ROWS, table.getRowCount());
            }
        });
        assertTrue(second.contains("Found 30 Parquet files under s3://fast-s3-load-test/taxi/trips/"), second);
        assertFalse(second.contains("Writing"), second);
        assertLoadLines(second, 30);
    }

    @Test
    void aPrefixWithoutParquetAtAConfiguredEndpointNamesBucketAndPrefix() throws Exception {
        try (S3TestServer server = S3TestServer.start()) {
            String bucket = server.createBucket();
            server.client().putObject(b -> b.bucket(bucket).key("empty/_SUCCESS"),
                    software.amazon.awssdk.core.sync.RequestBody.empty());
            // A configured endpoint takes its credentials and region from the SDK's default chains: here, system properties.
            withAwsProperties(() -> {
                FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> FastS3Load.run(new String[] {
                        "--s3-endpoint", server.endpoint().toString(), "--bucket", bucket, "--prefix", "empty", "--work", work.toString()},
                        allocator, Map.of()));
                assertTrue(e.getMessage().startsWith("no Parquet files (keys ending in .parquet) under s3://" + bucket + "/empty/ at "
                        + "S3-compatible server at " + server.endpoint() + ", only 1 other objects"), e.getMessage());
                assertTrue(e.getMessage().contains("--seed-data"), e.getMessage());
            });
        }
    }

    private static void assertLoadLines(String output, int files) {
        assertMatches(output, "Loading \\d+\\.\\d{3} GB across " + files + " files");
        assertMatches(output, "Table has " + ROWS + " rows and \\d+\\.\\d{3} GB in memory");
        assertMatches(output, "Throughput: download \\d+\\.\\d MB/s in \\d+\\.\\d\\d s, decode \\d+\\.\\d\\d Mrows/s in \\d+\\.\\d\\d s,"
                + " total \\d+\\.\\d MB/s and \\d+\\.\\d\\d Mrows/s in \\d+\\.\\d\\d s");
        assertMatches(output, "Run graph of fast-s3-load-\\d+:");
        assertMatches(output, "download-\\d+ +COMPLETED .*<- list-\\d+ \\(result\\)");
        assertMatches(output, "decode-\\d+ +COMPLETED .*<- download-\\d+ \\(result\\)");
    }

    private static void assertMatches(String output, String line) {
        Pattern pattern = Pattern.compile(line);
        assertTrue(output.lines().anyMatch(l -> pattern.matcher(l.strip()).matches()), "no line matches /" + line + "/ in:\n" + output);
    }

    /** The sum of a numeric column's values, nulls left out: exact for the int columns of a small table. */
    private static double sum(VectorSchemaRoot table, String column) {
        FieldVector vector = table.getVector(column);
        double sum = 0;
        for (int i = 0; i < vector.getValueCount(); i++) {
            if (!vector.isNull(i)) {
                sum += ((Number) vector.getObject(i)).doubleValue();
            }
        }
        return sum;
    }
}
