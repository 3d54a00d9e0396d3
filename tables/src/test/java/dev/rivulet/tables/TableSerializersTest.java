package dev.rivulet.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.result.Serializers;
import dev.rivulet.testing.contract.SerializerContract;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.table.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@code arrow} and {@code parquet} serializers, found by name and held to the serializer contract. */
class TableSerializersTest {


    /** The contract over tables, with an allocator of its own that must be empty once the samples and read-back tables are closed. */
    abstract static class TableContract extends SerializerContract {

        final BufferAllocator allocator = new RootAllocator();
        private final List<VectorSchemaRoot> made = new ArrayList<>();

        @Override
        protected Map<Object, Type> samples() {
            Map<Object, Type> samples = new LinkedHashMap<>();
            samples.put(keep(SampleTables.taxi(allocator, 1_000, 7)), VectorSchemaRoot.class);
            samples.put(keep(SampleTables.everyType(allocator)), VectorSchemaRoot.class);
            samples.put(keep(SampleTables.empty(allocator)), VectorSchemaRoot.class);
            // several batches of the arrow serializer here (1,024 rows each), the last one short
            samples.put(keep(SampleTables.taxi(allocator, 5_003, 11)), VectorSchemaRoot.class);
            return samples;
        }

        private VectorSchemaRoot keep(VectorSchemaRoot table) {
            made.add(table);
            return table;
        }

        @Override
        protected void assertSameValue(Object expected, Object actual, String message) {
            SampleTables.assertSameTable((VectorSchemaRoot) expected, (VectorSchemaRoot) actual, message);
        }

        @Override
        protected void release(Object value) {
            ((VectorSchemaRoot) value).close();
        }

        @Override
        protected Object unserializable() {
            return new Opaque();
        }

        @AfterEach
        void closeEverything() {
            made.forEach(VectorSchemaRoot::close);
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory left allocated");
            allocator.close();
        }

        @Test
        void writingLeavesTheTableAsItWas() throws Exception {
            try (VectorSchemaRoot table = SampleTables.taxi(allocator, 3_001, 5); VectorSchemaRoot copy = SampleTables.taxi(allocator, 3_001, 5)) {
                write(table, VectorSchemaRoot.class);
                SampleTables.assertSameTable(copy, table, "after writing");
            }
        }

        @Test
        void anArrowTableIsRefusedWithTheWayOut() {
            try (VectorSchemaRoot root = SampleTables.taxi(allocator, 10, 1); Table table = new Table(root)) {
                SerializationException e = assertThrows(SerializationException.class, () -> write(table, Table.class));
                assertTrue(e.getMessage().contains("toVectorSchemaRoot()"), e.getMessage());
            }
        }

        @Test
        void readingAsAnotherTypeIsRefused() throws Exception {
            try (VectorSchemaRoot table = SampleTables.taxi(allocator, 10, 1)) {
                byte[] bytes = write(table, VectorSchemaRoot.class);
                SerializationException e = assertThrows(SerializationException.class, () -> read(bytes, String.class));
                assertTrue(e.getMessage().contains("VectorSchemaRoot"), e.getMessage());
            }
        }
    }

    /** The arrow serializer with its default codec, LZ4; {@link ArrowZstd} runs the same tests with zstd. */
    @Nested
    class Arrow extends TableContract {
        @Override
        protected Serializer serializer() {
            return TableSerializers.arrow(allocator, 1_024, ArrowCompression.lz4());
        }

        /** The serializer of the other codec. */
        Serializer otherCodec() {
            return TableSerializers.arrow(allocator, 1_024, 1);
        }

        @Test
        void compresses() throws Exception {
            try (VectorSchemaRoot table = SampleTables.taxi(allocator, 20_000, 3)) {
                long raw = 0;
                for (var vector : table.getFieldVectors()) {
                    raw += vector.getBufferSize();
                }
                assertTrue(write(table, VectorSchemaRoot.class).length < raw * 0.8, "no compression");
            }
        }

        @Test
        void nestedColumnsComeBackAcrossBatches() throws Exception {
            try (org.apache.arrow.vector.complex.ListVector tags = org.apache.arrow.vector.complex.ListVector.empty("tags", allocator)) {
                org.apache.arrow.vector.complex.impl.UnionListWriter writer = tags.getWriter();
                for (int i = 0; i < 3_001; i++) {
                    writer.setPosition(i);
                    if (i % 5 == 0) {
                        continue;                              // a null list
                    }
                    writer.startList();
                    for (int j = 0; j < i % 4; j++) {
                        writer.writeInt(i * 10 + j);
                    }
                    writer.endList();
                }
                tags.setValueCount(3_001);
                try (VectorSchemaRoot table = new VectorSchemaRoot(List.of(tags))) {
                    table.setRowCount(3_001);
                    VectorSchemaRoot back = (VectorSchemaRoot) read(write(table, VectorSchemaRoot.class), VectorSchemaRoot.class);
                    try (back) {
                        SampleTables.assertSameTable(table, back, "a list column over three batches");
                    }
                }
            }
        }

        @Test
        void aCutStreamIsAnError() throws Exception {
            try (VectorSchemaRoot table = SampleTables.taxi(allocator, 4_000, 3)) {
                byte[] bytes = write(table, VectorSchemaRoot.class);
                byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
                assertThrows(SerializationException.class, () -> read(cut, VectorSchemaRoot.class));
            }
        }

        @Test
        void streamsOfTheOtherCodecRead() throws Exception {
            try (VectorSchemaRoot table = SampleTables.taxi(allocator, 3_001, 9)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                otherCodec().write(table, VectorSchemaRoot.class, out);
                try (VectorSchemaRoot back = (VectorSchemaRoot) read(out.toByteArray(), VectorSchemaRoot.class)) {
                    SampleTables.assertSameTable(table, back, "written with the other codec");
                }
            }
        }
    }

    @Nested
    class ArrowZstd extends Arrow {
        @Override
        protected Serializer serializer() {
            return TableSerializers.arrow(allocator, 1_024, ArrowCompression.zstd(1));
        }

        @Override
        Serializer otherCodec() {
            return TableSerializers.arrow(allocator, 1_024, ArrowCompression.lz4());
        }
    }

    @Test
    void aDamagedLz4BufferIsAnErrorNamingTheFormatAndLeavesNoTable() throws Exception {
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot table = SampleTables.taxi(allocator, 5_000, 4)) {
            Serializer arrow = TableSerializers.arrow(allocator, 1_024, ArrowCompression.lz4());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            arrow.write(table, VectorSchemaRoot.class, out);
            byte[] bytes = out.toByteArray();
            int lastFrame = lastIndexOf(bytes, new byte[] {0x04, 0x22, 0x4D, 0x18});      // an LZ4 frame's magic number
            assertTrue(lastFrame > 0, "no LZ4 frame in the stream");
            bytes[lastFrame] ^= 0x55;
            long before = allocator.getAllocatedMemory();
            SerializationException e = assertThrows(SerializationException.class, () -> arrow.read(new java.io.ByteArrayInputStream(bytes), VectorSchemaRoot.class));
            assertTrue(e.getMessage().contains("damaged LZ4 frame"), e.getMessage());
            assertEquals(before, allocator.getAllocatedMemory(), "memory of a partly read table left allocated");
        }
    }

    private static int lastIndexOf(byte[] bytes, byte[] wanted) {
        for (int i = bytes.length - wanted.length; i >= 0; i--) {
            if (java.util.Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    @Nested
    class Parquet extends TableContract {
        @Override
        protected Serializer serializer() {
            return TableSerializers.parquet(allocator, ParquetOptions.newBuilder().rowGroupRows(1_500).build());
        }
    }

    @Test
    void bothAreFoundByName() {
        assertEquals("arrow", Serializers.named("arrow").name());
        assertEquals("parquet", Serializers.named("parquet").name());
        assertEquals("compressed:gzip/parquet", Serializers.named("compressed:gzip/parquet").name());
    }

    @Test
    void theNamedOnesReadIntoTheSharedAllocator() throws Exception {
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot table = SampleTables.taxi(allocator, 100, 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Serializers.named("arrow").write(table, VectorSchemaRoot.class, out);
            long before = ArrowTables.allocator().getAllocatedMemory();
            try (VectorSchemaRoot back = (VectorSchemaRoot) Serializers.named("arrow").read(new java.io.ByteArrayInputStream(out.toByteArray()), VectorSchemaRoot.class)) {
                assertTrue(ArrowTables.allocator().getAllocatedMemory() > before);
                SampleTables.assertSameTable(table, back, "arrow");
            }
        }
    }
}
