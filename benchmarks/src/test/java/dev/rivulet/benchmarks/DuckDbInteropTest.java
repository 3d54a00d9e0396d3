package dev.rivulet.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.examples.taxi.TaxiTrips;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetTables;
import dev.rivulet.tables.PartitionKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet files written by DuckDB load into the same rows DuckDB reads, and DuckDB reads Rivulet's Hive layout. */
class DuckDbInteropTest {

    private final BufferAllocator allocator = new RootAllocator();

    @TempDir
    Path dir;

    @AfterEach
    void noMemoryLeft() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    @Test
    void filesWrittenByDuckDbLoadAsDuckDbReadsThem() throws Exception {
        Path ours = dir.resolve("ours.parquet");
        try (VectorSchemaRoot trips = TaxiTrips.generate(50_000, 3, allocator)) {
            ParquetTables.write(trips, ours);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            // DuckDB's own encodings and page layout: version 1 and version 2 data pages, small row groups
            for (String version : List.of("V1", "V2")) {
                Path theirs = dir.resolve("duckdb-" + version + ".parquet");
                sql.execute("COPY (SELECT *, passenger_count > 1 AS shared FROM read_parquet('" + ours + "')) TO '" + theirs
                        + "' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 12288, PARQUET_VERSION " + version + ")");
                try (VectorSchemaRoot loaded = ParquetTables.load(List.of(theirs, theirs), allocator, 2)) {
                    assertEquals(100_000, loaded.getRowCount());
                    for (FieldVector vector : loaded.getFieldVectors()) {
                        String column = '"' + vector.getName() + '"';
                        try (ResultSet expected = sql.executeQuery("SELECT count(" + column + ") FROM read_parquet('" + theirs
                                + "')")) {
                            expected.next();
                            long nonNull = 0;
                            for (int i = 0; i < 50_000; i++) {
                                nonNull += vector.isNull(i) ? 0 : 1;
                            }
                            assertEquals(expected.getLong(1), nonNull, version + " " + column + " non-null values");
                            // the second copy of the file is the first one again
                            for (int i = 0; i < 50_000; i += 997) {
                                assertEquals(String.valueOf(vector.getObject(i)), String.valueOf(vector.getObject(50_000 + i)), column);
                            }
                        }
                    }
                    try (ResultSet sums = sql.executeQuery("SELECT sum(total_amount), sum(passenger_count), count(*) FILTER (WHERE shared) FROM read_parquet('"
                            + theirs + "')")) {
                        sums.next();
                        assertEquals(2 * sums.getDouble(1), sum(loaded, "total_amount"), 1e-3, version);
                        assertEquals(2 * sums.getDouble(2), sum(loaded, "passenger_count"), 1e-3, version);
                        FieldVector shared = loaded.getVector("shared");
                        long trues = 0;
                        for (int i = 0; i < loaded.getRowCount(); i++) {
                            trues += Boolean.TRUE.equals(shared.getObject(i)) ? 1 : 0;
                        }
                        assertEquals(2 * sums.getLong(3), trues, version + " shared trips");
                    }
                }
            }
        }
    }

    @Test
    void duckDbReadsTheHiveLayout() throws Exception {
        try (VectorSchemaRoot trips = TaxiTrips.generate(20_000, 4, allocator)) {
            ParquetTables.writePartitioned(trips, dir.resolve("lake"), List.of(PartitionKey.day("date", "tpep_pickup_datetime")),
                    ParquetOptions.defaults(), 2);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
                ResultSet days = sql.executeQuery("SELECT count(*), count(DISTINCT date), min(date), "
                        + "count(*) FILTER (WHERE strftime(tpep_pickup_datetime, '%Y%m%d') <> date::VARCHAR) FROM read_parquet('"
                        + dir.resolve("lake") + "/*/*.parquet', hive_partitioning = true)")) {
            days.next();
            assertEquals(20_000, days.getLong(1));
            assertEquals(30, days.getLong(2));
            assertEquals("20230901", days.getString(3));
            assertEquals(0, days.getLong(4), "rows in the wrong day's partition");
        }
    }

    private static double sum(VectorSchemaRoot table, String column) {
        return new ParquetToArrowBenchmark.Loaded(List.of(table.getFieldVectors())).sum(column);
    }
}
