package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the pages of a flat column chunk straight into Arrow memory, many values at a time,
 * instead of one value per call through parquet-java's column readers. It reads the encodings that
 * Parquet writers use for tables: plain values, dictionaries (ids in the RLE/bit-packed hybrid),
 * and RLE definition levels, in data pages of version 1 and 2. Plain fixed-width values without
 * nulls are one memory copy per page. parquet-java still reads the footer and the pages and
 * decompresses them; a chunk with another encoding (delta, byte-stream-split) is left to Hardwood's
 * column readers (see {@link #canDecode} and {@link HardwoodColumns}).
 */
final class PageDecoder {

    private static final Set<Encoding> DECODED = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY,
            Encoding.RLE, Encoding.BIT_PACKED);

    /**
     * With {@code -Drivulet.parquet.columnReaders=true}, every chunk goes through Hardwood's column
     * readers instead: to compare the two, or to step around a problem in this decoder.
     */
    private static final boolean COLUMN_READERS_ONLY = Boolean.getBoolean("rivulet.parquet.columnReaders");

    private PageDecoder() {}

    /** Whether this decoder reads the chunk: its encodings (BIT_PACKED only as the empty repetition levels of flat columns). */
    static boolean canDecode(ColumnChunkMetaData chunk, ColumnDescriptor descriptor) {
        return !COLUMN_READERS_ONLY && descriptor.getMaxRepetitionLevel() == 0 && DECODED.containsAll(chunk.getEncodings());
    }

    /** Where decoded rows that are present are marked: a validity bitmap, and the rows whose byte another thread may share. */
    static final class Validity {
        private final long address;
        private final int offset;
        private final int ownedStart;
        private final int ownedEnd;
        private int[] edges = new int[16];
        private int edgeCount;

        /** Rows {@code [0, rows)} of a piece placed at {@code offset} of a bitmap of {@code total} rows at {@code address}. */
        Validity(long address, int offset, int rows, int total) {
            this.address = address;
            this.offset = offset;
            int end = offset + rows;
            this.ownedStart = offset == 0 ? 0 : (offset + 7) & ~7;
            this.ownedEnd = end == total ? end : end & ~7;
        }

        void set(int localRow) {
            setRow(offset + localRow);
        }

        private void setRow(int row) {
            if (row >= ownedStart && row < ownedEnd) {
                long at = address + (row >>> 3);
                MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (row & 7))));
            } else {
                if (edgeCount == edges.length) {
                    edges = java.util.Arrays.copyOf(edges, edgeCount * 2);
                }
                edges[edgeCount++] = row;
            }
        }

        /** Marks rows {@code [from, to)}: the whole bytes among them that this piece owns in one fill, the rest bit by bit. */
        void setRange(int from, int to) {
            int a = offset + from;
            int b = offset + to;
            int firstWhole = Math.max((a + 7) & ~7, ownedStart);     // ownedStart is a multiple of 8
            int endWhole = Math.min(b & ~7, ownedEnd & ~7);
            if (firstWhole >= endWhole) {
                firstWhole = b;
                endWhole = b;
            } else {
                MemoryUtil.setMemory(address + (firstWhole >>> 3), (endWhole - firstWhole) >>> 3, (byte) 0xFF);
            }
            for (int row = a; row < firstWhole; row++) {
                setRow(row);
            }
            for (int row = endWhole; row < b; row++) {
                setRow(row);
            }
        }

        /** The rows present that this piece does not own the validity byte of, for the caller to mark once every piece is done. */
        int[] edges() {
            return java.util.Arrays.copyOf(edges, edgeCount);
        }
    }

    /** What a column does with each page of its chunk: dictionary-encoded pages get their ids, plain pages their values. */
    private interface PageSink {
        boolean hasDictionary();

        /** Rows {@code [row, row + page.count)}: their dictionary ids, one for each present row, in order. */
        void dictionaryPage(Page page, int row, int[] ids);

        /** Rows {@code [row, row + page.count)}: plain values in {@code page.values}, one for each present row. */
        void plainPage(Page page, int row);

        /** Rows {@code [row, row + page.count)}: RLE-encoded values, which only booleans have (in version 2 pages). */
        default void rlePage(Page page, int row) {
            throw new IllegalStateException("not reached: only booleans are RLE-encoded");
        }

        default boolean readsRle() {
            return false;
        }
    }

    /** Reads the data pages of {@code rows} rows and hands each to {@code sink}. */
    private static void forEachPage(PageReader pages, ColumnDescriptor descriptor, int rows, PageSink sink) {
        Page page = new Page(descriptor);
        int[] ids = new int[0];
        int row = 0;
        while (row < rows) {
            page.next(pages, descriptor, rows - row);
            if (page.dictionaryEncoded()) {
                if (!sink.hasDictionary()) {
                    throw damaged(descriptor, "a dictionary-encoded page without a dictionary");
                }
                ids = page.dictionaryIds(ids);
                try {
                    sink.dictionaryPage(page, row, ids);
                } catch (ArrayIndexOutOfBoundsException e) {
                    throw damaged(descriptor, "a dictionary id beyond its dictionary");
                }
            } else if (page.encoding == Encoding.PLAIN) {
                sink.plainPage(page, row);
            } else if (page.encoding == Encoding.RLE && sink.readsRle()) {
                sink.rlePage(page, row);
            } else {
                throw unsupported(descriptor, page.encoding);
            }
            row += page.count;
        }
    }

    /** Fixed-width values of {@code width} bytes to {@code data} (the address of this chunk's first row). */
    static void decodeFixed(PageReader pages, ColumnDescriptor descriptor, int rows, long data, int width, Validity validity) {
        PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
        int physicalWidth = physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.FLOAT ? 4 : 8;
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        long[] dictionary = dictionaryPage == null ? null : fixedDictionary(dictionaryPage, physical);
        forEachPage(pages, descriptor, rows, new PageSink() {
            @Override
            public boolean hasDictionary() {
                return dictionary != null;
            }

            @Override
            public void dictionaryPage(Page page, int row, int[] ids) {
                if (page.levels == null) {
                    gather(dictionary, ids, page.count, data + (long) row * width, width);
                    validity.setRange(row, row + page.count);
                    return;
                }
                int next = 0;
                for (int i = 0; i < page.count; i++) {
                    if (page.levels[i] != 0) {
                        put(data + (long) (row + i) * width, width, dictionary[ids[next++]]);
                        validity.set(row + i);
                    }
                }
            }

            @Override
            public void plainPage(Page page, int row) {
                ByteBuffer values = page.values;
                if (values.remaining() < (long) page.presentCount * physicalWidth) {
                    throw damaged(descriptor, "a page shorter than its values");
                }
                if (page.levels == null && physicalWidth == width) {
                    copy(values, data + (long) row * width, (long) page.count * width);
                    validity.setRange(row, row + page.count);
                    return;
                }
                int at = values.position();
                for (int i = 0; i < page.count; i++) {
                    if (page.present(i)) {
                        long value = physicalWidth == 4 ? values.getInt(at) : values.getLong(at);
                        at += physicalWidth;
                        put(data + (long) (row + i) * width, width, value);
                        validity.set(row + i);
                    }
                }
            }
        });
    }

    /** Strings and binary values, appended to {@code out}, which holds {@code rows} rows afterwards. */
    static void decodeBinary(PageReader pages, ColumnDescriptor descriptor, int rows, BaseVariableWidthVector out) {
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        BinaryDictionary dictionary = dictionaryPage == null ? null : new BinaryDictionary(dictionaryPage, descriptor);
        BinaryAppender appender = new BinaryAppender(out);
        forEachPage(pages, descriptor, rows, new PageSink() {
            @Override
            public boolean hasDictionary() {
                return dictionary != null;
            }

            @Override
            public void dictionaryPage(Page page, int row, int[] ids) {
                int next = 0;
                for (int i = 0; i < page.count; i++) {
                    if (page.present(i)) {
                        int id = ids[next++];
                        appender.append(row + i, dictionary.bytes, dictionary.starts[id], dictionary.lengths[id]);
                    } else {
                        appender.skip(row + i);
                    }
                }
            }

            @Override
            public void plainPage(Page page, int row) {
                ByteBuffer values = page.values;
                int at = values.position();
                for (int i = 0; i < page.count; i++) {
                    if (page.present(i)) {
                        int length = values.getInt(at);
                        if (length < 0 || at + 4L + length > values.limit()) {
                            throw damaged(descriptor, "a page shorter than its values");
                        }
                        appender.append(row + i, values, at + 4, length);
                        at += 4 + length;
                    } else {
                        appender.skip(row + i);
                    }
                }
            }
        });
        out.setLastSet(rows - 1);
        out.setValueCount(rows);
    }

    /** A dictionary of strings or binary values: where each one starts in the page and how long it is. */
    private static final class BinaryDictionary {
        final ByteBuffer bytes;
        final int[] starts;
        final int[] lengths;

        BinaryDictionary(DictionaryPage page, ColumnDescriptor descriptor) {
            bytes = buffer(page.getBytes());
            int size = page.getDictionarySize();
            starts = new int[size];
            lengths = new int[size];
            int at = bytes.position();
            for (int i = 0; i < size; i++) {
                lengths[i] = bytes.getInt(at);
                starts[i] = at + 4;
                at += 4 + lengths[i];
                if (lengths[i] < 0 || at > bytes.limit()) {
                    throw damaged(descriptor, "a dictionary page shorter than its values");
                }
            }
        }
    }

    /** Appends values to a variable-width vector allocated for its rows, writing offsets, bytes and validity directly. */
    private static final class BinaryAppender {
        private final BaseVariableWidthVector out;
        private final long offsets;
        private final long validity;
        private long data;
        private long capacity;
        private int end;

        BinaryAppender(BaseVariableWidthVector out) {
            this.out = out;
            this.offsets = out.getOffsetBuffer().memoryAddress();
            this.validity = out.getValidityBuffer().memoryAddress();
            this.data = out.getDataBuffer().memoryAddress();
            this.capacity = out.getDataBuffer().capacity();
            MemoryUtil.putInt(offsets, 0);
        }

        void append(int row, ByteBuffer from, int start, int length) {
            if (end + (long) length > capacity) {
                grow(end + (long) length);
            }
            copy(from.duplicate().position(start), data + end, length);
            end += length;
            MemoryUtil.putInt(offsets + ((long) (row + 1) << 2), end);
            long at = validity + (row >>> 3);
            MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (row & 7))));
        }

        void skip(int row) {
            MemoryUtil.putInt(offsets + ((long) (row + 1) << 2), end);
        }

        private void grow(long needed) {
            if (needed > Integer.MAX_VALUE) {
                throw new SerializationException("column '" + out.getName() + "' holds more than 2 GiB in one row group");
            }
            while (out.getDataBuffer().capacity() < needed) {
                out.reallocDataBuffer();
            }
            data = out.getDataBuffer().memoryAddress();
            capacity = out.getDataBuffer().capacity();
        }
    }

    /** Booleans to {@code out}, which holds {@code rows} rows afterwards. */
    static void decodeBoolean(PageReader pages, ColumnDescriptor descriptor, int rows, BitVector out) {
        forEachPage(pages, descriptor, rows, new PageSink() {
            @Override
            public boolean hasDictionary() {
                return false;
            }

            @Override
            public void dictionaryPage(Page page, int row, int[] ids) {
                throw new IllegalStateException("booleans have no dictionary");
            }

            @Override
            public boolean readsRle() {
                return true;
            }

            @Override
            public void rlePage(Page page, int row) {
                // a 4-byte length, then the values in the RLE/bit-packed hybrid with a bit width of 1
                ByteBuffer values = page.values;
                int length = values.getInt(values.position());
                if (length < 0 || values.position() + 4L + length > values.limit()) {
                    throw damaged(descriptor, "an RLE page shorter than its length");
                }
                int[] bits = new int[page.presentCount];
                new HybridDecoder(values.slice(values.position() + 4, length), 1).decode(bits, page.presentCount);
                int next = 0;
                for (int i = 0; i < page.count; i++) {
                    if (page.present(i)) {
                        out.set(row + i, bits[next++]);
                    }
                }
            }

            @Override
            public void plainPage(Page page, int row) {
                ByteBuffer values = page.values;
                int base = values.position();
                int bit = 0;
                for (int i = 0; i < page.count; i++) {
                    if (page.present(i)) {
                        if (base + (bit >>> 3) >= values.limit()) {
                            throw damaged(descriptor, "a page shorter than its values");
                        }
                        out.set(row + i, values.get(base + (bit >>> 3)) >>> (bit & 7) & 1);
                        bit++;
                    }
                }
            }
        });
        out.setValueCount(rows);
    }

    /** {@code count} values looked up by id, written one after another from {@code address}; one loop per width. */
    private static void gather(long[] dictionary, int[] ids, int count, long address, int width) {
        switch (width) {
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(address + ((long) i << 3), dictionary[ids[i]]);
                }
            }
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putInt(address + ((long) i << 2), (int) dictionary[ids[i]]);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    put(address + (long) i * width, width, dictionary[ids[i]]);
                }
            }
        }
    }

    private static void put(long address, int width, long value) {
        switch (width) {
            case 8 -> MemoryUtil.putLong(address, value);
            case 4 -> MemoryUtil.putInt(address, (int) value);
            case 2 -> MemoryUtil.putShort(address, (short) value);
            default -> MemoryUtil.putByte(address, (byte) value);
        }
    }

    private static void copy(ByteBuffer from, long to, long bytes) {
        if (from.hasArray()) {
            MemoryUtil.copyToMemory(from.array(), from.arrayOffset() + from.position(), to, bytes);
        } else {
            MemoryUtil.copyMemory(MemoryUtil.getByteBufferAddress(from) + from.position(), to, bytes);
        }
    }

    /** A dictionary of fixed-width values as the raw bits of each (ints sign-extended, floats as their int bits). */
    private static long[] fixedDictionary(DictionaryPage page, PrimitiveTypeName physical) {
        ByteBuffer bytes = buffer(page.getBytes());
        long[] values = new long[page.getDictionarySize()];
        int width = physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.FLOAT ? 4 : 8;
        if (bytes.remaining() < (long) values.length * width) {
            throw new SerializationException("a Parquet dictionary page is shorter than its " + values.length + " values");
        }
        int at = bytes.position();
        for (int i = 0; i < values.length; i++, at += width) {
            values[i] = width == 4 ? bytes.getInt(at) : bytes.getLong(at);
        }
        return values;
    }

    private static ByteBuffer buffer(BytesInput bytes) {
        try {
            return bytes.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SerializationException damaged(ColumnDescriptor descriptor, String what) {
        return new SerializationException("Parquet column " + String.join(".", descriptor.getPath()) + " is damaged: " + what);
    }

    private static SerializationException unsupported(ColumnDescriptor descriptor, Encoding encoding) {
        return new SerializationException("Parquet column " + String.join(".", descriptor.getPath()) + " has a page in encoding " + encoding
                + ", which is not read here");
    }

    /** One data page: its row count, which rows are present, and its values. */
    private static final class Page {
        private final int maxDefinition;
        int count;
        int presentCount;
        /** 1 for a present row, 0 for a null one; null when every row is present. */
        int[] levels;
        private int[] levelBuffer = new int[0];
        Encoding encoding;
        ByteBuffer values;

        Page(ColumnDescriptor descriptor) {
            this.maxDefinition = descriptor.getMaxDefinitionLevel();
        }

        boolean present(int i) {
            return levels == null || levels[i] != 0;
        }

        boolean dictionaryEncoded() {
            return encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY;
        }

        void next(PageReader pages, ColumnDescriptor descriptor, int rowsLeft) {
            DataPage page = pages.readPage();
            if (page == null) {
                throw damaged(descriptor, "its pages end " + rowsLeft + " rows early");
            }
            count = page.getValueCount();
            if (count > rowsLeft) {
                throw damaged(descriptor, "a page of " + count + " values where " + rowsLeft + " rows were left");
            }
            ByteBuffer definitions = null;
            switch (page) {
                case DataPageV1 v1 -> {
                    ByteBuffer all = buffer(v1.getBytes());
                    if (maxDefinition > 0) {
                        if (v1.getDlEncoding() != Encoding.RLE) {
                            throw unsupported(descriptor, v1.getDlEncoding());
                        }
                        int length = all.getInt(all.position());
                        definitions = all.slice(all.position() + 4, length).order(ByteOrder.LITTLE_ENDIAN);
                        all.position(all.position() + 4 + length);
                    }
                    values = all.slice().order(ByteOrder.LITTLE_ENDIAN);
                    encoding = v1.getValueEncoding();
                }
                case DataPageV2 v2 -> {
                    if (maxDefinition > 0) {
                        definitions = buffer(v2.getDefinitionLevels());
                    }
                    values = buffer(v2.getData());
                    encoding = v2.getDataEncoding();
                }
                default -> throw damaged(descriptor, "a page of unknown kind " + page.getClass().getName());
            }
            if (definitions == null) {
                levels = null;
                presentCount = count;
                return;
            }
            if (levelBuffer.length < count) {
                levelBuffer = new int[Math.max(count, levelBuffer.length * 2)];
            }
            new HybridDecoder(definitions, 32 - Integer.numberOfLeadingZeros(maxDefinition)).decode(levelBuffer, count);
            int present = 0;
            boolean all = true;
            for (int i = 0; i < count; i++) {
                boolean here = levelBuffer[i] == maxDefinition;
                levelBuffer[i] = here ? 1 : 0;
                present += here ? 1 : 0;
                all &= here;
            }
            levels = all ? null : levelBuffer;
            presentCount = present;
        }

        int[] dictionaryIds(int[] ids) {
            int[] out = ids.length >= presentCount ? ids : new int[Math.max(presentCount, ids.length * 2)];
            if (presentCount == 0) {
                return out;
            }
            int bitWidth = values.get(values.position()) & 0xFF;
            if (bitWidth > 32) {
                throw new SerializationException("a Parquet dictionary page has ids of " + bitWidth + " bits");
            }
            ByteBuffer idBytes = values.slice(values.position() + 1, values.remaining() - 1).order(ByteOrder.LITTLE_ENDIAN);
            new HybridDecoder(idBytes, bitWidth).decode(out, presentCount);
            return out;
        }
    }

    /** Parquet's RLE/bit-packed hybrid encoding, decoded a run at a time. */
    static final class HybridDecoder {
        private final ByteBuffer in;
        private final int bitWidth;
        private final int byteWidth;
        private int at;

        HybridDecoder(ByteBuffer in, int bitWidth) {
            this.in = in.order(ByteOrder.LITTLE_ENDIAN);
            this.bitWidth = bitWidth;
            this.byteWidth = (bitWidth + 7) / 8;
            this.at = in.position();
        }

        void decode(int[] out, int count) {
            int i = 0;
            try {
                while (i < count) {
                    int header = readVarInt();
                    if (header >>> 1 == 0) {
                        throw new SerializationException("a Parquet page holds an empty run of levels or dictionary ids: it is damaged");
                    }
                    if ((header & 1) == 0) {
                        int run = header >>> 1;
                        int value = 0;
                        for (int b = 0; b < byteWidth; b++) {
                            value |= (in.get(at++) & 0xFF) << (8 * b);
                        }
                        int end = Math.min(count, i + run);
                        java.util.Arrays.fill(out, i, end, value);
                        i = end;
                    } else {
                        int groups = header >>> 1;
                        int end = Math.min(count, i + groups * 8);
                        unpack(out, i, end, at);
                        at += groups * bitWidth;
                        i = end;
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                throw new SerializationException("a Parquet page is shorter than its levels or dictionary ids", e);
            }
        }

        /**
         * Unpacks bit-packed values {@code [from, to)} starting at byte {@code start}: each value read
         * from one unaligned 8-byte word where 8 bytes remain, byte by byte near the end.
         */
        private void unpack(int[] out, int from, int to, int start) {
            if (bitWidth == 0) {
                java.util.Arrays.fill(out, from, to, 0);
                return;
            }
            long mask = (1L << bitWidth) - 1;
            int limit = in.limit();
            long bit = 0;
            int v = from;
            for (; v < to; v++, bit += bitWidth) {
                int index = start + (int) (bit >>> 3);
                if (index + 8 > limit) {
                    break;
                }
                out[v] = (int) ((in.getLong(index) >>> (bit & 7)) & mask);
            }
            for (; v < to; v++, bit += bitWidth) {
                long word = 0;
                int index = start + (int) (bit >>> 3);
                int needed = (int) (((bit & 7) + bitWidth + 7) >>> 3);
                for (int b = 0; b < needed; b++) {
                    word |= (long) (in.get(index + b) & 0xFF) << (8 * b);
                }
                out[v] = (int) ((word >>> (bit & 7)) & mask);
            }
        }

        private int readVarInt() {
            int value = 0;
            int shift = 0;
            int b;
            do {
                b = in.get(at++) & 0xFF;
                value |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0 && shift < 35);
            return value;
        }
    }
}
