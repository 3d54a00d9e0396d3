package dev.rivulet.tables.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.runner.TaskRunners;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetTables;
import dev.rivulet.tables.PartitionKey;
import dev.rivulet.tables.SampleTables;
import dev.rivulet.tables.TableSerializers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples in the javadoc of {@link ParquetOptions}, {@link ParquetTables}, {@link PartitionKey}
 * and {@link TableSerializers}, run on a table of taxi trips in September 2023.
 */
class TablesSnippetsTest {

    @TempDir
    Path lake;

    // @start region=options
    static ParquetOptions largeRowGroups() {
        return ParquetOptions.newBuilder()
                .rowGroupRows(1_000_000)       // at most a million rows a row group
                .zstdLevel(1)                  // faster, slightly larger
                .build();
    }
    // @end

    // @start region=partitioned
    static int countTrips(VectorSchemaRoot trips, Path lake) throws IOException {
        List<Path> files = ParquetTables.writePartitioned(trips, lake.resolve("trips"),
                List.of(PartitionKey.day("date", "tpep_pickup_datetime")));
        try (VectorSchemaRoot september = ParquetTables.load(files)) {
            System.out.println(september.getRowCount() + " trips");
            return september.getRowCount();
        }
    }
    // @end

    // @start region=keys
    static List<Path> byDayAndVendor(VectorSchemaRoot trips, Path lake) throws IOException {
        return ParquetTables.writePartitioned(trips, lake.resolve("trips"),
                List.of(PartitionKey.day("date", "tpep_pickup_datetime"), PartitionKey.column("VendorID")));
        // lake/trips/date=20230901/VendorID=1/part-0.parquet, ...
    }
    // @end

    // @start region=task
    public interface Trips {
        @Task(persistResult = true, serializer = "arrow")
        default VectorSchemaRoot trips(LocalDate day) {
            return tripsOf(day);   // an Arrow table, written to the result store as an Arrow IPC stream
        }
    }
    // @end

    static VectorSchemaRoot tripsOf(LocalDate day) {
        return SampleTables.taxi(ArrowTables.allocator(), 500, day.toEpochDay());
    }

    @Test
    void aTableWrittenWithTheOptionsIsReadBackWhole() throws IOException {
        Path file = lake.resolve("trips.parquet");
        try (VectorSchemaRoot trips = tripsOf(LocalDate.of(2023, 9, 1))) {
            ParquetTables.write(trips, file, largeRowGroups());
            try (VectorSchemaRoot back = ParquetTables.read(file)) {
                assertEquals(trips.getRowCount(), back.getRowCount());
                assertEquals(trips.getSchema(), back.getSchema());
            }
        }
    }

    @Test
    void theOptionsRefuseALevelZstdDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> ParquetOptions.newBuilder().zstdLevel(99));
    }

    @Test
    void everyTripIsLoadedBackFromTheDailyPartitions() throws IOException {
        try (VectorSchemaRoot trips = tripsOf(LocalDate.of(2023, 9, 1))) {
            assertEquals(500, countTrips(trips, lake));
        }
        try (Stream<Path> days = Files.list(lake.resolve("trips"))) {
            List<String> names = days.map(d -> d.getFileName().toString()).sorted().toList();
            assertEquals(30, names.size(), names.toString());   // a trip on each day of September
            assertEquals("date=20230901", names.get(0));
        }
    }

    @Test
    void partitionsNestByDayThenVendor() throws IOException {
        try (VectorSchemaRoot trips = tripsOf(LocalDate.of(2023, 9, 1))) {
            List<Path> files = byDayAndVendor(trips, lake);

            assertEquals(lake.resolve("trips/date=20230901/VendorID=1/part-0.parquet"), files.get(0));
            try (VectorSchemaRoot back = ParquetTables.load(files)) {
                assertEquals(500, back.getRowCount());
            }
        }
    }

    @Test
    void aPersistedTableComesBackThroughTheArrowSerializer() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build();
                VectorSchemaRoot trips = rivulet.stub(Trips.class).trips(LocalDate.of(2023, 9, 2))) {
            assertEquals(500, trips.getRowCount());
            assertEquals("VendorID", trips.getSchema().getFields().get(0).getName());
        }
    }
}
