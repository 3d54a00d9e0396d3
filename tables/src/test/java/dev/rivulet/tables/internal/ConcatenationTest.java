package dev.rivulet.tables.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.tables.ParquetTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches of any Arrow type, nested ones included, appended into one table: every cell as it was, the batches left as they were. */
class ConcatenationTest {

    private final BufferAllocator allocator = new RootAllocator();

    @TempDir
    Path dir;

    @AfterEach
    void noMemoryLeft() {
        assertEquals(0, allocator.getAllocatedMemory(), "every vector was closed");
        allocator.close();
    }

    @Test
    void batchesOfEveryKindOfColumnAppendCellForCell() throws Exception {
        Path file = dir.resolve("kinds.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT CASE WHEN i % 7 = 6 THEN NULL ELSE i::INTEGER END AS n, (i % 250)::UTINYINT AS u, i % 3 = 0 AS b, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || i END AS s, (i * 1.25)::DECIMAL(30,2) AS d, md5(i::VARCHAR)::UUID AS id, "
                    + "to_days(i % 31) + to_milliseconds(i) AS iv, CASE WHEN i % 4 = 0 THEN NULL ELSE [i, NULL] END AS l, "
                    + "{'a': i, 'b': [{'c': 'x' || i}]} AS st, MAP {'k' || (i % 3): [i]} AS m, [[i], NULL, []] AS ll "
                    + "FROM range(1000) t(i)) TO '" + file + "' (FORMAT parquet)");
        }
        try (VectorSchemaRoot table = ParquetTables.read(file, allocator)) {
            int[][] slices = {{0, 0}, {0, 7}, {7, 0}, {7, 500}, {507, 1}, {508, 492}};
            List<VectorSchemaRoot> batches = new ArrayList<>();
            try {
                for (int[] slice : slices) {
                    batches.add(table.slice(slice[0], slice[1]));
                }
                List<List<FieldVector>> vectors = batches.stream().map(VectorSchemaRoot::getFieldVectors).toList();
                try (VectorSchemaRoot joined = Concatenation.concatenate(table.getSchema(), vectors, allocator)) {
                    assertEquals(table.getRowCount(), joined.getRowCount());
                    assertSameCells(table, joined);
                }
                assertSameCells(table, batches.get(3), 7);
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
    }

    private static void assertSameCells(VectorSchemaRoot expected, VectorSchemaRoot actual) {
        for (int c = 0; c < expected.getFieldVectors().size(); c++) {
            for (int i = 0; i < expected.getRowCount(); i++) {
                assertEquals(text(expected.getVector(c), i), text(actual.getVector(c), i), expected.getVector(c).getName() + " row " + i);
            }
        }
    }

    /** The rows of {@code slice} are those of {@code table} from {@code offset} on. */
    private static void assertSameCells(VectorSchemaRoot table, VectorSchemaRoot slice, int offset) {
        for (int c = 0; c < table.getFieldVectors().size(); c++) {
            for (int i = 0; i < slice.getRowCount(); i++) {
                assertEquals(text(table.getVector(c), offset + i), text(slice.getVector(c), i), table.getVector(c).getName() + " row " + (offset + i));
            }
        }
    }

    private static String text(FieldVector vector, int row) {
        Object value = vector.getObject(row);
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : Objects.toString(value);
    }
}
