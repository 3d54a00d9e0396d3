package dev.rivulet.tables.internal;

import dev.hardwood.HardwoodContext;
import dev.hardwood.reader.ColumnReader;
import dev.hardwood.reader.LayerKind;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.RowGroupPredicate;
import dev.hardwood.reader.Validity;
import dev.rivulet.result.SerializationException;
import dev.rivulet.tables.internal.ParquetArrowSchema.Node;
import dev.rivulet.tables.internal.ParquetArrowSchema.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes columns of one row group into new Arrow vectors through Hardwood's column readers: the
 * columns that {@link PageDecoder} does not read (nested ones, logical types beyond plain numbers
 * and strings, delta and byte-stream-split encodings, codecs parquet-java lacks). The only class
 * that uses Hardwood, whose column reader API is marked experimental.
 *
 * <p>Hardwood gives each leaf column as its values plus, for each optional group and each list or
 * map above it (a layer), a validity bitmap and, for lists and maps, offsets; values and offsets
 * hold present items only, as Arrow's do. The columns under one field share their layers, so the
 * first column under a group stands for all of them.
 */
final class HardwoodColumns {

    /** Nanoseconds of a day, and the Julian day of 1970-01-01: the parts of an INT96 timestamp. */
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private HardwoodColumns() {}

    /**
     * Hardwood's threads for one load: made when a row group first needs them, shut down by {@link
     * #close()} before the load returns, so none outlives it.
     */
    static final class Threads implements AutoCloseable {
        private final int count;
        private HardwoodContext context;
        private boolean closed;

        Threads(int count) {
            this.count = Math.max(1, count);
        }

        private synchronized HardwoodContext context() {
            if (closed) {
                throw new IllegalStateException("the load has ended");
            }
            if (context == null) {
                context = HardwoodContext.create(count);
            }
            return context;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    /**
     * Decodes the fields {@code nodes} of the row group of {@code rows} rows whose column chunks
     * start at {@code start} and take {@code compressedSize} bytes, into new vectors of {@code
     * fields} (the table's fields for {@code nodes}), which the caller closes.
     */
    static List<FieldVector> decode(Threads threads, InputFile file, String name, long start, long compressedSize, int rows, List<Node> nodes,
            List<Field> fields, BufferAllocator allocator) throws IOException {
        List<FieldVector> vectors = new ArrayList<>(nodes.size());
        try {
            for (Field field : fields) {
                FieldVector vector = field.createVector(allocator);
                vectors.add(vector);
                vector.allocateNew();
            }
            if (rows > 0) {
                try (ParquetFileReader reader = ParquetFileReader.open(new RangedFile(file, name), threads.context())) {
                    for (int f = 0; f < nodes.size(); f++) {
                        decodeField(reader, nodes.get(f), vectors.get(f), start, compressedSize, rows, name);
                    }
                }
            }
            for (FieldVector vector : vectors) {
                vector.setValueCount(rows);
            }
            return vectors;
        } catch (IOException | RuntimeException | Error e) {
            vectors.forEach(FieldVector::close);
            if (e instanceof RuntimeException && !(e instanceof SerializationException)) {
                throw new IOException("cannot decode " + name + ": " + e, e);
            }
            throw e;
        }
    }

    private static void decodeField(ParquetFileReader file, Node node, FieldVector vector, long start, long compressedSize, int rows, String name)
            throws IOException {
        List<Integer> columns = new ArrayList<>();
        node.columns(columns);
        Map<Integer, ColumnReader> readers = new HashMap<>();
        try {
            for (int column : columns) {
                readers.put(column, file.buildColumnReader(column).filter(RowGroupPredicate.byteRange(start, start + compressedSize))
                        .batchSize(rows).build());
            }
            checkLayers(node, readers, new ArrayList<>(), name);
            int done = 0;
            while (true) {
                int batch = -1;
                for (int column : columns) {
                    ColumnReader reader = readers.get(column);
                    int records = reader.nextBatch() ? reader.getRecordCount() : 0;
                    if (batch >= 0 && records != batch) {
                        throw new SerializationException("the columns of '" + node.field().getName() + "' in " + name
                                + " hold different numbers of rows in one row group");
                    }
                    batch = records;
                }
                if (batch <= 0) {
                    break;
                }
                new Assembly(readers).append(node, vector, 0, 0, batch, done);
                done += batch;
            }
            if (done != rows) {
                throw new SerializationException("column '" + node.field().getName() + "' of " + name + " holds " + done + " rows in a row group of "
                        + rows);
            }
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("cannot read column '" + node.field().getName() + "' (" + parquetTypes(node) + ") of " + name + ": " + e, e);
        } finally {
            readers.values().forEach(ColumnReader::close);
        }
    }

    /** The Parquet types of the columns under {@code node}, for messages. */
    private static String parquetTypes(Node node) {
        if (node.shape() == Shape.LEAF) {
            return "Parquet type " + node.primitive();
        }
        List<String> types = new ArrayList<>();
        for (Node child : node.children()) {
            types.add(parquetTypes(child));
        }
        return String.join(", ", types);
    }

    /** Checks that Hardwood sees the layers above each column that the schema mapping does: a list, a map or an optional group each. */
    private static void checkLayers(Node node, Map<Integer, ColumnReader> readers, List<LayerKind> above, String name) {
        List<LayerKind> layers = above;
        if (node.layer()) {
            layers = new ArrayList<>(above);
            layers.add(node.shape() == Shape.REPEATED ? LayerKind.REPEATED : LayerKind.STRUCT);
        }
        if (node.shape() == Shape.LEAF) {
            ColumnReader reader = readers.get(node.column());
            List<LayerKind> seen = new ArrayList<>();
            for (int k = 0; k < reader.getLayerCount(); k++) {
                seen.add(reader.getLayerKind(k));
            }
            if (!seen.equals(layers)) {
                throw new SerializationException("column '" + reader.getColumnSchema().fieldPath() + "' of " + name + " (Parquet type "
                        + node.primitive() + ") is nested as " + seen + " by the column reader but as " + layers + " by its schema; its form "
                        + "of list or map is not read into Arrow tables");
            }
            return;
        }
        for (Node child : node.children()) {
            checkLayers(child, readers, layers, name);
        }
    }

    /** One batch of every column under a field, appended to its vector. */
    private record Assembly(Map<Integer, ColumnReader> readers) {

        /**
         * Appends items {@code [from, from + count)} of layer {@code layer} of {@code node}'s columns
         * to {@code vector} at {@code at}.
         */
        void append(Node node, FieldVector vector, int layer, int from, int count, int at) {
            ColumnReader reader = readers.get(node.firstColumn());
            switch (node.shape()) {
                case LEAF -> leaf(node, vector, reader, from, count, at);
                case STRUCT -> {
                    StructVector struct = (StructVector) vector;
                    Validity validity = node.layer() ? reader.getLayerValidity(layer) : Validity.NO_NULLS;
                    for (int i = 0; i < count; i++) {
                        if (validity.isNull(from + i)) {
                            struct.setNull(at + i);
                        } else {
                            struct.setIndexDefined(at + i);
                        }
                    }
                    int childLayer = node.layer() ? layer + 1 : layer;
                    for (int c = 0; c < node.children().size(); c++) {
                        append(node.children().get(c), (FieldVector) struct.getChildByOrdinal(c), childLayer, from, count, at);
                    }
                }
                case REPEATED -> {
                    ListVector list = (ListVector) vector;
                    Validity validity = reader.getLayerValidity(layer);
                    int[] offsets = reader.getLayerOffsets(layer);
                    int childAt = at == 0 ? 0 : list.getOffsetBuffer().getInt((long) at * ListVector.OFFSET_WIDTH);
                    for (int i = 0; i < count; i++) {
                        int size = offsets[from + i + 1] - offsets[from + i];
                        list.startNewValue(at + i);
                        list.endValue(at + i, size);
                        if (validity.isNull(from + i)) {
                            BitVectorHelper.unsetBit(list.getValidityBuffer(), at + i);
                        }
                    }
                    int childFrom = offsets[from];
                    int childCount = offsets[from + count] - childFrom;
                    append(node.children().getFirst(), list.getDataVector(), layer + 1, childFrom, childCount, childAt);
                }
            }
        }

        private static void leaf(Node node, FieldVector vector, ColumnReader reader, int from, int count, int at) {
            Validity validity = reader.getLeafValidity();
            PrimitiveTypeName physical = node.primitive().getPrimitiveTypeName();
            switch (physical) {
                case BOOLEAN -> {
                    BitVector bits = (BitVector) vector;
                    boolean[] values = reader.getBooleans();
                    for (int i = 0; i < count; i++) {
                        if (validity.isNull(from + i)) {
                            bits.setNull(at + i);
                        } else {
                            bits.setSafe(at + i, values[from + i] ? 1 : 0);
                        }
                    }
                }
                case INT32 -> {
                    int[] values = reader.getInts();
                    putNumbers(vector, validity, from, count, at, i -> values[i]);
                }
                case INT64 -> {
                    long[] values = reader.getLongs();
                    putNumbers(vector, validity, from, count, at, i -> values[i]);
                }
                case FLOAT -> {
                    float[] values = reader.getFloats();
                    putNumbers(vector, validity, from, count, at, i -> Float.floatToRawIntBits(values[i]));
                }
                case DOUBLE -> {
                    double[] values = reader.getDoubles();
                    putNumbers(vector, validity, from, count, at, i -> Double.doubleToRawLongBits(values[i]));
                }
                case INT96, BINARY, FIXED_LEN_BYTE_ARRAY -> {
                    byte[] bytes = reader.getBinaryValues();
                    int[] offsets = reader.getBinaryOffsets();
                    for (int i = 0; i < count; i++) {
                        if (validity.isNull(from + i)) {
                            setNull(vector, at + i);
                        } else {
                            int start = offsets[from + i];
                            putBytes(vector, at + i, bytes, start, offsets[from + i + 1] - start, physical);
                        }
                    }
                }
            }
        }
    }

    /** Writes numbers {@code [from, from + count)} (ints, longs, or the bits of floats or doubles) to {@code vector} at {@code at}. */
    private static void putNumbers(FieldVector vector, Validity validity, int from, int count, int at, IntToLongFunction value) {
        for (int i = 0; i < count; i++) {
            if (validity.isNull(from + i)) {
                setNull(vector, at + i);
            } else {
                putNumber(vector, at + i, value.applyAsLong(from + i));
            }
        }
    }

    private static void setNull(FieldVector vector, int index) {
        switch (vector) {
            case BaseFixedWidthVector fixed -> fixed.setNull(index);
            case BaseVariableWidthVector variable -> variable.setNull(index);
            default -> throw new IllegalStateException("no nulls for " + vector.getField());
        }
    }

    /** Writes a number (an int, a long, or the bits of a float or double) to a fixed-width vector of its width, or to a decimal vector. */
    private static void putNumber(FieldVector vector, int index, long value) {
        switch (vector) {
            case DecimalVector decimal -> decimal.setSafe(index, value);
            case Decimal256Vector decimal -> decimal.setSafe(index, value);
            case BaseFixedWidthVector fixed -> {
                while (index >= fixed.getValueCapacity()) {
                    fixed.reAlloc();
                }
                ArrowBuf data = fixed.getDataBuffer();
                long at = (long) index * fixed.getTypeWidth();
                switch (fixed.getTypeWidth()) {
                    case 1 -> data.setByte(at, (byte) value);
                    case 2 -> data.setShort(at, (short) value);
                    case 4 -> data.setInt(at, (int) value);
                    case 8 -> data.setLong(at, value);
                    default -> throw new IllegalStateException("a number for " + vector.getField());
                }
                BitVectorHelper.setBit(fixed.getValidityBuffer(), index);
            }
            default -> throw new IllegalStateException("a number for " + vector.getField());
        }
    }

    /** Writes a binary value, or one stored as bytes (a decimal, a half float, an interval, an INT96 timestamp). */
    private static void putBytes(FieldVector vector, int index, byte[] bytes, int start, int length, PrimitiveTypeName physical) {
        switch (vector) {
            case BaseVariableWidthVector variable -> variable.setSafe(index, bytes, start, length);
            case DecimalVector decimal -> decimal.setBigEndianSafe(index, Arrays.copyOfRange(bytes, start, start + length));
            case Decimal256Vector decimal -> decimal.setBigEndianSafe(index, Arrays.copyOfRange(bytes, start, start + length));
            case FixedSizeBinaryVector fixed -> fixed.setSafe(index, Arrays.copyOfRange(bytes, start, start + length));
            case Float2Vector half -> half.setSafe(index, littleEndian(bytes, start).getShort());
            case IntervalMonthDayNanoVector interval -> {
                // months, days and milliseconds, each an unsigned little-endian int
                ByteBuffer parts = littleEndian(bytes, start);
                interval.setSafe(index, parts.getInt(), parts.getInt(), Integer.toUnsignedLong(parts.getInt()) * 1_000_000L);
            }
            case BaseFixedWidthVector timestamp when physical == PrimitiveTypeName.INT96 -> {
                ByteBuffer parts = littleEndian(bytes, start);
                long nanosOfDay = parts.getLong();
                long julianDay = Integer.toUnsignedLong(parts.getInt());
                putNumber(timestamp, index, (julianDay - JULIAN_EPOCH_DAY) * NANOS_PER_DAY + nanosOfDay);
            }
            default -> throw new IllegalStateException("bytes for " + vector.getField());
        }
    }

    private static ByteBuffer littleEndian(byte[] bytes, int start) {
        return ByteBuffer.wrap(bytes, start, bytes.length - start).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A parquet-java {@link InputFile} as Hardwood's: every read a seek and a read of one shared
     * stream, so any source that can read a range of bytes serves both readers.
     */
    private static final class RangedFile implements dev.hardwood.InputFile {
        private final InputFile file;
        private final String name;
        private SeekableInputStream stream;

        RangedFile(InputFile file, String name) {
            this.file = file;
            this.name = name;
        }

        @Override
        public synchronized void open() throws IOException {
            if (stream == null) {
                stream = file.newStream();
            }
        }

        @Override
        public synchronized ByteBuffer readRange(long offset, int length) throws IOException {
            open();
            byte[] bytes = new byte[length];
            stream.seek(offset);
            stream.readFully(bytes);
            return ByteBuffer.wrap(bytes);
        }

        @Override
        public long length() throws IOException {
            return file.getLength();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized void close() throws IOException {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }
}
