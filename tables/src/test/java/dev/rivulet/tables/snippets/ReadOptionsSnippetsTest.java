package dev.rivulet.tables.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.tables.ColumnPredicate;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetReadOptions;
import dev.rivulet.tables.ParquetTables;
import dev.rivulet.tables.ArrowTables;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in the javadoc of {@link ParquetTables#read(Path, ParquetReadOptions)}: three columns of one week. */
class ReadOptionsSnippetsTest {

    @TempDir
    Path dir;

    // @start region=projected
    static VectorSchemaRoot firstWeekFares(Path trips) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.newBuilder()
                .columns("pickup_date", "fare", "tip")                  // only these chunks are read
                .rowGroupFilter(ColumnPredicate.lessThan("pickup_date", LocalDate.of(2023, 9, 8)))
                .build();
        return ParquetTables.read(trips, options);
    }
    // @end

    /** {@code perDay} trips a day of September 2023, in date order: pickup_date, zone, fare, tip. */
    private static VectorSchemaRoot september(int perDay) {
        DateDayVector date = new DateDayVector("pickup_date", ArrowTables.allocator());
        VarCharVector zone = new VarCharVector("zone", ArrowTables.allocator());
        Float8Vector fare = new Float8Vector("fare", ArrowTables.allocator());
        Float8Vector tip = new Float8Vector("tip", ArrowTables.allocator());
        int rows = 30 * perDay;
        for (int i = 0; i < rows; i++) {
            date.setSafe(i, (int) LocalDate.of(2023, 9, 1).plusDays(i / perDay).toEpochDay());
            zone.setSafe(i, ("zone-" + i % 7).getBytes(StandardCharsets.UTF_8));
            fare.setSafe(i, 5 + i % 40);
            tip.setSafe(i, i % 5);
        }
        VectorSchemaRoot table = new VectorSchemaRoot(List.of(date, zone, fare, tip));
        table.setRowCount(rows);
        return table;
    }

    // @start region=uri
    static VectorSchemaRoot fares(URI trips) throws IOException {
        // https://host/trips.parquet, or s3://bucket/trips.parquet with rivulet-storage-s3: only the footer
        // and the fare column's chunks are fetched, by range
        return ParquetTables.read(trips, ParquetReadOptions.newBuilder().columns("fare").build());
    }
    // @end

    @Test
    void readsOneColumnFromAUri() throws IOException {
        Path trips = dir.resolve("trips.parquet");
        try (VectorSchemaRoot table = september(10)) {
            ParquetTables.write(table, trips);
        }
        try (VectorSchemaRoot fares = fares(trips.toUri())) {
            assertEquals(List.of("fare"), fares.getSchema().getFields().stream().map(Field::getName).toList());
            assertEquals(300, fares.getRowCount());
        }
    }

    @Test
    void readsThreeColumnsOfTheRowGroupsThatCanHoldTheFirstWeek() throws IOException {
        Path trips = dir.resolve("trips.parquet");
        try (VectorSchemaRoot table = september(1000)) {
            ParquetTables.write(table, trips, ParquetOptions.newBuilder().rowGroupRows(1000).build());
        }
        try (VectorSchemaRoot week = firstWeekFares(trips)) {
            assertEquals(List.of("pickup_date", "fare", "tip"), week.getSchema().getFields().stream().map(Field::getName).toList());
            assertEquals(7 * 1000, week.getRowCount(), "one row group a day, in date order");
        }
    }
}
