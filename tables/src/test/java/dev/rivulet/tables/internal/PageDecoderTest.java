package dev.rivulet.tables.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.SerializationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/** Pages that the taxi files and DuckDB's files do not have, built by hand. */
class PageDecoderTest {

    private static final ColumnDescriptor FLAG = new ColumnDescriptor(new String[] {"flag"},
            Types.optional(PrimitiveTypeName.BOOLEAN).named("flag"), 0, 1);

    /** Version 2 pages of booleans in RLE, as parquet-java's version 2 writer makes them. */
    @Test
    void rleBooleansInVersion2Pages() {
        // five rows: true, true, null, false, true
        byte[] levels = {0x03, 0x1B};                          // one bit-packed group: 1 1 0 1 1
        byte[] values = {0x02, 0x00, 0x00, 0x00, 0x03, 0x0B}; // length 2, one bit-packed group: 1 1 0 1
        try (BufferAllocator allocator = new RootAllocator(); BitVector out = new BitVector("flag", allocator)) {
            out.allocateNew(5);
            PageDecoder.decodeBoolean(pages(page(5, 1, levels, Encoding.RLE, values)), FLAG, 5, out);
            assertEquals(List.of("true", "true", "null", "false", "true"),
                    java.util.stream.IntStream.range(0, 5).mapToObj(i -> String.valueOf(out.getObject(i))).toList());
        }
    }

    @Test
    void anEmptyRunIsDamageNotALoop() {
        byte[] levels = {0x00, 0x00};                          // a run of no values, for ever
        byte[] values = {};
        try (BufferAllocator allocator = new RootAllocator(); BitVector out = new BitVector("flag", allocator)) {
            out.allocateNew(5);
            SerializationException e = assertThrows(SerializationException.class,
                    () -> PageDecoder.decodeBoolean(pages(page(5, 0, levels, Encoding.PLAIN, values)), FLAG, 5, out));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void pagesEndingEarlyAreDamage() {
        try (BufferAllocator allocator = new RootAllocator(); BitVector out = new BitVector("flag", allocator)) {
            out.allocateNew(10);
            SerializationException e = assertThrows(SerializationException.class,
                    () -> PageDecoder.decodeBoolean(pages(page(5, 0, new byte[] {0x0A, 0x01}, Encoding.PLAIN, new byte[] {0x1F})), FLAG, 10, out));
            assertTrue(e.getMessage().contains("5 rows early"), e.getMessage());
        }
    }

    private static DataPage page(int rows, int nulls, byte[] levels, Encoding encoding, byte[] values) {
        return new DataPageV2(rows, nulls, rows, BytesInput.empty(), BytesInput.from(levels), encoding, BytesInput.from(values),
                values.length + levels.length, null, false);
    }

    private static PageReader pages(DataPage... pages) {
        Deque<DataPage> left = new ArrayDeque<>(List.of(pages));
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return null;
            }

            @Override
            public long getTotalValueCount() {
                return left.stream().mapToLong(DataPage::getValueCount).sum();
            }

            @Override
            public DataPage readPage() {
                return left.poll();
            }
        };
    }

}
