package dev.rivulet.examples.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.Rivulet;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ParquetTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripsByDayTest {

    @TempDir
    Path dir;

    @Test
    void partitionsTheTripsByDayThroughAPersistedTable() throws Exception {
        List<Path> input = TaxiTrips.writeParquet(dir.resolve("raw"), 30_000, 3, 1, ArrowTables.allocator());
        long before = ArrowTables.allocator().getAllocatedMemory();
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(dir.resolve("results")).build()) {
            List<Path> days = rivulet.stub(TripsByDay.Lake.class).byDay(input, dir.resolve("lake"));
            assertEquals(30, days.size());
            assertEquals(dir.resolve("lake/date=20230901/part-0.parquet"), days.getFirst());
            try (VectorSchemaRoot all = ParquetTables.load(days)) {
                assertEquals(30_000, all.getRowCount());
            }
        }
        assertEquals(before, ArrowTables.allocator().getAllocatedMemory(), "the flow left a table open");
        try (Stream<Path> results = Files.walk(dir.resolve("results"))) {
            assertTrue(results.anyMatch(p -> p.toString().endsWith(".result")), "the table was not persisted");
        }
    }
}
