package dev.rivulet.tables.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ColumnPredicate;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetReadOptions;
import dev.rivulet.tables.ParquetTables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading some columns and some row groups: what comes back, and what is read from the file. */
class ProjectionAndFilterTest {

    private static final int GROUPS = 10;
    private static final int PER_GROUP = 2000;

    @TempDir
    Path dir;

    private Path file;

    /** id 0..19999 in ten row groups of 2000, a wide string column that does not compress, and a nullable double column. */
    @BeforeEach
    void write() throws IOException {
        file = dir.resolve("rows.parquet");
        int rows = GROUPS * PER_GROUP;
        BigIntVector id = new BigIntVector("id", ArrowTables.allocator());
        VarCharVector text = new VarCharVector("text", ArrowTables.allocator());
        Float8Vector tags = new Float8Vector("tags", ArrowTables.allocator());
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < rows; i++) {
            id.setSafe(i, i);
            byte[] noise = new byte[100];
            random.nextBytes(noise);
            text.setSafe(i, ("row " + i + " " + java.util.HexFormat.of().formatHex(noise)).getBytes(StandardCharsets.UTF_8));
            if (i % 3 != 0) {
                tags.setSafe(i, i / 3.0);
            }
        }
        tags.setValueCount(rows);
        try (VectorSchemaRoot table = new VectorSchemaRoot(List.of(id, text, tags))) {
            table.setRowCount(rows);
            ParquetTables.write(table, file, ParquetOptions.newBuilder().rowGroupRows(PER_GROUP).dictionary(false).build());
        }
    }

    private VectorSchemaRoot read(ParquetReadOptions options, AtomicLong bytesRead) throws IOException {
        return ParquetLoader.load(List.of(new CountingInputFile(new LocalInputFile(file), bytesRead)), List.of(file.toString()), options);
    }

    @Test
    void projectionReadsTheColumnsAskedInTheirOrderAndOnlyTheirChunks() throws IOException {
        AtomicLong all = new AtomicLong();
        AtomicLong some = new AtomicLong();
        try (VectorSchemaRoot full = read(ParquetReadOptions.defaults(), all);
                VectorSchemaRoot projected = read(ParquetReadOptions.newBuilder().columns("tags", "id").build(), some)) {
            assertEquals(List.of("tags", "id"), projected.getSchema().getFields().stream().map(Field::getName).toList());
            assertEquals(full.getRowCount(), projected.getRowCount());
            for (String column : List.of("tags", "id")) {
                FieldVector expected = full.getVector(column);
                FieldVector actual = projected.getVector(column);
                for (int row = 0; row < full.getRowCount(); row += 997) {
                    assertEquals(expected.getObject(row), actual.getObject(row), column + " row " + row);
                }
            }
            long textBytes = Files.size(file) * 8 / 10;
            assertTrue(some.get() < all.get() - textBytes, "the text column's chunks (most of the file) are not read: " + some + " of "
                    + all + " bytes read");
        }
    }

    @Test
    void aRowGroupFilterSkipsRowGroupsTheStatisticsRuleOutAndReadsNothingOfThem() throws IOException {
        AtomicLong all = new AtomicLong();
        AtomicLong filtered = new AtomicLong();
        ColumnPredicate inThirdGroup = ColumnPredicate.between("id", 2 * PER_GROUP + 10, 2 * PER_GROUP + 20);
        try (VectorSchemaRoot full = read(ParquetReadOptions.defaults(), all);
                VectorSchemaRoot kept = read(ParquetReadOptions.newBuilder().columns("text").rowGroupFilter(inThirdGroup).build(), filtered)) {
            assertEquals(PER_GROUP, kept.getRowCount(), "one whole row group: rows are not filtered one by one");
            assertEquals(List.of("text"), kept.getSchema().getFields().stream().map(Field::getName).toList(), "filtered on a column not read");
            assertEquals(full.getVector("text").getObject(2 * PER_GROUP), kept.getVector("text").getObject(0));
            assertTrue(filtered.get() < all.get() / 5, "nine of ten row groups are not read: " + filtered + " of " + all + " bytes");
        }
    }

    @Test
    void aFilterThatRulesOutEveryRowGroupGivesAnEmptyTableOfTheSchema() throws IOException {
        try (VectorSchemaRoot none = ParquetTables.read(file, ParquetReadOptions.newBuilder()
                .rowGroupFilter(ColumnPredicate.lessThan("id", 0)).build())) {
            assertEquals(0, none.getRowCount());
            assertEquals(List.of("id", "text", "tags"), none.getSchema().getFields().stream().map(Field::getName).toList());
        }
    }

    @Test
    void aFilterAcrossFilesKeepsTheRowGroupsOfEach() throws IOException {
        Path copy = Files.copy(file, dir.resolve("copy.parquet"));
        ParquetReadOptions options = ParquetReadOptions.newBuilder().columns("id")
                .rowGroupFilter(ColumnPredicate.lessThan("id", PER_GROUP).or(ColumnPredicate.greaterThanOrEqualTo("id", 9 * PER_GROUP)))
                .build();
        try (VectorSchemaRoot kept = ParquetTables.load(List.of(file, copy), options)) {
            assertEquals(4 * PER_GROUP, kept.getRowCount());
            BigIntVector id = (BigIntVector) kept.getVector("id");
            assertEquals(List.of(0L, 9L * PER_GROUP, 0L, 9L * PER_GROUP),
                    List.of(id.get(0), id.get(PER_GROUP), id.get(2 * PER_GROUP), id.get(3 * PER_GROUP)));
        }
    }

    @Test
    void onAnExecutorTheCallerOwns() throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try (VectorSchemaRoot table = ParquetTables.read(file, ParquetReadOptions.newBuilder().executor(executor).columns("id").build())) {
            assertEquals(GROUPS * PER_GROUP, table.getRowCount());
            assertTrue(!executor.isShutdown(), "the executor stays the caller's");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void badSelectionsFailNamingTheColumnAndTheFile() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ParquetTables.read(file, ParquetReadOptions.newBuilder().columns("id", "fare").build()));
        assertTrue(missing.getMessage().contains("\"fare\"") && missing.getMessage().contains(file.toString())
                && missing.getMessage().contains("[id, text, tags]"), missing.getMessage());
        IllegalArgumentException condition = assertThrows(IllegalArgumentException.class,
                () -> ParquetTables.read(file, ParquetReadOptions.newBuilder().rowGroupFilter(ColumnPredicate.equalTo("id", "seven")).build()));
        assertTrue(condition.getMessage().contains("\"id\"") && condition.getMessage().contains("give a Number"), condition.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParquetReadOptions.newBuilder().columns("id", "id"));
        assertThrows(IllegalArgumentException.class, () -> ParquetReadOptions.newBuilder().threads(0));
    }

    /** A file that counts the bytes read from it. */
    private record CountingInputFile(InputFile file, AtomicLong bytesRead) implements InputFile {
        @Override
        public long getLength() throws IOException {
            return file.getLength();
        }

        @Override
        public SeekableInputStream newStream() throws IOException {
            SeekableInputStream stream = file.newStream();
            return new DelegatingSeekableInputStream(stream) {
                @Override
                public long getPos() throws IOException {
                    return stream.getPos();
                }

                @Override
                public void seek(long newPos) throws IOException {
                    stream.seek(newPos);
                }

                @Override
                public int read() throws IOException {
                    int b = stream.read();
                    if (b >= 0) {
                        bytesRead.incrementAndGet();
                    }
                    return b;
                }

                @Override
                public int read(byte[] bytes, int off, int len) throws IOException {
                    int n = stream.read(bytes, off, len);
                    bytesRead.addAndGet(Math.max(0, n));
                    return n;
                }

                @Override
                public void readFully(byte[] bytes, int start, int len) throws IOException {
                    stream.readFully(bytes, start, len);
                    bytesRead.addAndGet(len);
                }

                @Override
                public int read(ByteBuffer buffer) throws IOException {
                    int n = stream.read(buffer);
                    bytesRead.addAndGet(Math.max(0, n));
                    return n;
                }

                @Override
                public void readFully(ByteBuffer buffer) throws IOException {
                    int n = buffer.remaining();
                    stream.readFully(buffer);
                    bytesRead.addAndGet(n);
                }
            };
        }
    }
}
