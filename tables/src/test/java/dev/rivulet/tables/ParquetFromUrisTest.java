package dev.rivulet.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.storage.s3.S3RangedSources;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import dev.rivulet.testing.http.LoopbackObjectServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Parquet read from {@code https://}-style and {@code s3://} URIs: the same table as from the file,
 * and only the footer and the chunks needed fetched.
 */
class ParquetFromUrisTest {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    @TempDir
    static Path dir;

    private static Path file;
    private static byte[] bytes;
    private static LoopbackObjectServer http;
    private static S3RangedSources.Registration registration;

    @BeforeAll
    static void serve() throws IOException {
        file = dir.resolve("taxi.parquet");
        try (VectorSchemaRoot taxi = SampleTables.taxi(ArrowTables.allocator(), 60_000, 11)) {
            ParquetTables.write(taxi, file, ParquetOptions.newBuilder().rowGroupRows(20_000).dictionary(false).build());
        }
        bytes = Files.readAllBytes(file);
        http = new LoopbackObjectServer();
        http.put("/data/taxi.parquet", bytes);
        http.put("/data/copy.parquet", bytes);
        registration = S3RangedSources.register(s3.bucket(), s3.server().client());
        s3.server().client().putObject(b -> b.bucket(s3.bucket()).key("lake/taxi.parquet"), RequestBody.fromBytes(bytes));
    }

    @AfterAll
    static void stop() {
        http.close();
        registration.close();
    }

    private static void assertSameTable(VectorSchemaRoot expected, VectorSchemaRoot actual) {
        assertEquals(expected.getSchema().getFields().stream().map(Field::getName).toList(),
                actual.getSchema().getFields().stream().map(Field::getName).toList());
        assertEquals(expected.getRowCount(), actual.getRowCount());
        for (FieldVector column : actual.getFieldVectors()) {
            FieldVector wanted = expected.getVector(column.getName());
            for (int row = 0; row < actual.getRowCount(); row += 101) {
                assertEquals(wanted.getObject(row), column.getObject(row), column.getName() + " row " + row);
            }
        }
    }

    @Test
    void overHttpAsFromTheFile() throws Exception {
        try (VectorSchemaRoot local = ParquetTables.read(file); VectorSchemaRoot remote = ParquetTables.read(http.uri("/data/taxi.parquet"))) {
            assertSameTable(local, remote);
        }
    }

    @Test
    void fromS3AsFromTheFile() throws IOException {
        URI uri = URI.create("s3://" + s3.bucket() + "/lake/taxi.parquet");
        try (VectorSchemaRoot local = ParquetTables.read(file); VectorSchemaRoot remote = ParquetTables.read(uri)) {
            assertSameTable(local, remote);
        }
    }

    @Test
    void aProjectedFilteredReadFetchesOnlyTheFooterAndTheChunksNeeded() throws Exception {
        long before = http.bodyBytesSent();
        ParquetReadOptions options = ParquetReadOptions.newBuilder().columns("fare_amount")
                .rowGroupFilter(ColumnPredicate.isNotNull("VendorID")).build();
        try (VectorSchemaRoot local = ParquetTables.read(file, options);
                VectorSchemaRoot remote = ParquetTables.read(http.uri("/data/taxi.parquet"), options)) {
            assertSameTable(local, remote);
        }
        long fetched = http.bodyBytesSent() - before;
        assertTrue(fetched < bytes.length / 5, "one column of nineteen, and the footer: " + fetched + " of " + bytes.length + " bytes");
    }

    @Test
    void manyUrisLoadIntoOneTableInTheirOrder() throws IOException {
        List<URI> uris = List.of(http.uri("/data/taxi.parquet"), URI.create("s3://" + s3.bucket() + "/lake/taxi.parquet"), file.toUri());
        try (VectorSchemaRoot all = ParquetTables.loadUris(uris, ParquetReadOptions.newBuilder().columns("trip_distance").build());
                VectorSchemaRoot one = ParquetTables.read(file, ParquetReadOptions.newBuilder().columns("trip_distance").build())) {
            assertEquals(3 * one.getRowCount(), all.getRowCount());
            int rows = one.getRowCount();
            for (int copy = 0; copy < 3; copy++) {
                assertEquals(one.getVector(0).getObject(rows - 1), all.getVector(0).getObject(copy * rows + rows - 1));
            }
        }
    }

    @Test
    void missingObjectsAndBadFilesFailNamingTheUri() throws IOException {
        URI missing = http.uri("/data/none.parquet");
        NoSuchFileException notThere = assertThrows(NoSuchFileException.class, () -> ParquetTables.read(missing));
        assertTrue(notThere.getMessage().contains(missing.toString()), notThere.getMessage());
        http.put("/data/text.parquet", "not a parquet file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        IOException notParquet = assertThrows(IOException.class, () -> ParquetTables.read(http.uri("/data/text.parquet")));
        assertTrue(notParquet.getMessage().contains("/data/text.parquet"), notParquet.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParquetTables.loadUris(List.of(), ParquetReadOptions.defaults()));
    }
}
