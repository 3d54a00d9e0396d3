package dev.rivulet.tables.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.tables.ArrowTables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** The example in the javadoc of {@link ArrowTables#concatenate}: daily batches into one table. */
class ConcatenateSnippetsTest {

    private static VectorSchemaRoot day(BufferAllocator allocator, int day, int rows) {
        BigIntVector id = new BigIntVector("id", allocator);
        VarCharVector zone = new VarCharVector("zone", allocator);
        for (int i = 0; i < rows; i++) {
            id.setSafe(i, day * 1000L + i);
            if (i % 4 != 3) {
                zone.setSafe(i, ("zone-" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        id.setValueCount(rows);
        zone.setValueCount(rows);
        return new VectorSchemaRoot(List.of(id, zone));
    }

    @Test
    void daysBecomeOneTableAndStayAsTheyWere() {
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> days = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                days.add(day(allocator, d, 5 + d));
            }
            // @start region=concatenate
            VectorSchemaRoot month = ArrowTables.concatenate(days, allocator); // every row of every day, in order
            // the days stay open and unchanged; the caller closes them and the month
            // @end
            try (month) {
                assertEquals(5 + 6 + 7, month.getRowCount());
                assertEquals(2000L, ((BigIntVector) month.getVector("id")).get(11));
                assertTrue(month.getVector("zone").isNull(3));
                assertEquals("zone-4", month.getVector("zone").getObject(9).toString());
                assertEquals(6, days.get(1).getRowCount());
            }
            days.add(new VectorSchemaRoot(List.of(new BigIntVector("id", allocator))));
            IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> ArrowTables.concatenate(days, allocator));
            assertTrue(mismatch.getMessage().contains("table 3 has columns [id Int(64, true)]"), mismatch.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ArrowTables.concatenate(List.of(), allocator));
            days.forEach(VectorSchemaRoot::close);
        }
    }
}
