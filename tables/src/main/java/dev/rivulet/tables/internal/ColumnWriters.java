package dev.rivulet.tables.internal;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampSecTZVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.UuidVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The writer of each Arrow vector's values to parquet-java's record consumer, chosen once per
 * column. Flat columns of the common types write a value with one call; the types Parquet stores
 * differently from Arrow (decimals, half floats, intervals, seconds) convert each value; lists,
 * maps and structs write their groups and call their children's writers.
 */
final class ColumnWriters {

    private static final int MILLIS_PER_DAY = 86_400_000;

    private ColumnWriters() {}

    /** Writes the value at one index of a vector; called only where it is not null. */
    @FunctionalInterface
    interface ColumnWriter {
        void write(RecordConsumer consumer, int index);
    }

    /** A value that Parquet's type for its column cannot hold; the row writer adds the row. */
    static final class ValueNotWritable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final String path;

        ValueNotWritable(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }

    /**
     * The writer of {@code vector}, whose type {@link ArrowToParquetSchema} has accepted; {@code path}
     * names it in errors ({@code trips[].fare} for a field of a list's structs).
     */
    static ColumnWriter of(FieldVector vector, String path) {
        return switch (vector) {
            case IntVector v -> (c, i) -> c.addInteger(v.get(i));
            case BigIntVector v -> (c, i) -> c.addLong(v.get(i));
            case SmallIntVector v -> (c, i) -> c.addInteger(v.get(i));
            case TinyIntVector v -> (c, i) -> c.addInteger(v.get(i));
            case Float8Vector v -> (c, i) -> c.addDouble(v.get(i));
            case Float4Vector v -> (c, i) -> c.addFloat(v.get(i));
            case BitVector v -> (c, i) -> c.addBoolean(v.get(i) != 0);
            case DateDayVector v -> (c, i) -> c.addInteger(v.get(i));
            case TimeStampSecVector v -> secondsAsMillis(v, path);
            case TimeStampSecTZVector v -> secondsAsMillis(v, path);
            case TimeStampVector v -> (c, i) -> c.addLong(v.get(i));
            case VarCharVector v -> (c, i) -> c.addBinary(Binary.fromConstantByteArray(v.get(i)));
            case VarBinaryVector v -> (c, i) -> c.addBinary(Binary.fromConstantByteArray(v.get(i)));
            default -> converted(vector, path);
        };
    }

    private static ColumnWriter converted(FieldVector vector, String path) {
        return switch (vector) {
            // unsigned values keep their bits: Parquet's unsigned int32 and int64 are read as unsigned by their annotation
            case UInt1Vector v -> (c, i) -> c.addInteger(Byte.toUnsignedInt(v.get(i)));
            case UInt2Vector v -> (c, i) -> c.addInteger(v.get(i));          // a char: already unsigned
            case UInt4Vector v -> (c, i) -> c.addInteger(v.get(i));
            case UInt8Vector v -> (c, i) -> c.addLong(v.get(i));
            case Float2Vector v -> (c, i) -> {
                short half = v.get(i);
                c.addBinary(Binary.fromConstantByteArray(new byte[] {(byte) half, (byte) (half >>> 8)}));     // little-endian
            };
            case DecimalVector v -> decimal(v.getDataBuffer(), DecimalVector.TYPE_WIDTH, v.getPrecision());
            case Decimal256Vector v -> decimal(v.getDataBuffer(), Decimal256Vector.TYPE_WIDTH, v.getPrecision());
            case DateMilliVector v -> (c, i) -> c.addInteger(wholeDays(v.get(i), path));
            case TimeSecVector v -> (c, i) -> c.addInteger(v.get(i) * 1000);
            case TimeMilliVector v -> (c, i) -> c.addInteger(v.get(i));
            case TimeMicroVector v -> (c, i) -> c.addLong(v.get(i));
            case TimeNanoVector v -> (c, i) -> c.addLong(v.get(i));
            case IntervalYearVector v -> (c, i) -> c.addBinary(interval(v.get(i), 0, 0, path));
            case IntervalDayVector v -> {
                ArrowBuf data = v.getDataBuffer();
                yield (c, i) -> c.addBinary(interval(0, data.getInt((long) i * 8), data.getInt((long) i * 8 + 4), path));
            }
            case IntervalMonthDayNanoVector v -> {
                ArrowBuf data = v.getDataBuffer();
                yield (c, i) -> c.addBinary(interval(IntervalMonthDayNanoVector.getMonths(data, i), IntervalMonthDayNanoVector.getDays(data, i),
                        nanosAsMillis(IntervalMonthDayNanoVector.getNanoseconds(data, i), path), path));
            }
            case UuidVector v -> {
                FixedSizeBinaryVector bytes = v.getUnderlyingVector();        // big-endian, as Parquet's UUID
                yield (c, i) -> c.addBinary(Binary.fromConstantByteArray(bytes.get(i)));
            }
            case FixedSizeBinaryVector v -> (c, i) -> c.addBinary(Binary.fromConstantByteArray(v.get(i)));
            case LargeVarCharVector v -> (c, i) -> c.addBinary(Binary.fromConstantByteArray(v.get(i)));
            case LargeVarBinaryVector v -> (c, i) -> c.addBinary(Binary.fromConstantByteArray(v.get(i)));
            default -> nested(vector, path);
        };
    }

    private static ColumnWriter nested(FieldVector vector, String path) {
        return switch (vector) {
            case StructVector v -> struct(v, path);
            case MapVector v -> map(v, path);
            case ListVector v -> list(v.getDataVector(), path, v::getElementStartIndex, v::getElementEndIndex);
            case LargeListVector v -> list(v.getDataVector(), path, i -> Math.toIntExact(v.getElementStartIndex(i)),
                    i -> Math.toIntExact(v.getElementEndIndex(i)));
            case FixedSizeListVector v -> {
                int size = v.getListSize();
                yield list(v.getDataVector(), path, i -> i * size, i -> i * size + size);
            }
            // ArrowToParquetSchema refused every other type before this is reached
            default -> throw new IllegalStateException("no Parquet writer for " + vector.getClass().getName() + " at " + path);
        };
    }

    private static ColumnWriter secondsAsMillis(TimeStampVector v, String path) {
        return (c, i) -> {
            long seconds = v.get(i);
            if (seconds > Long.MAX_VALUE / 1000 || seconds < Long.MIN_VALUE / 1000) {
                throw new ValueNotWritable(path, "timestamp of " + seconds + " seconds is outside the range of Parquet's timestamps in milliseconds");
            }
            c.addLong(seconds * 1000);
        };
    }

    /**
     * A decimal column's writer: Arrow holds each value as a little-endian two's complement integer of
     * {@code width} bytes; Parquet as an int32 or int64 up to 18 digits, else as the big-endian low
     * bytes, as many as the precision needs (the value fits them, so the bytes left out are sign).
     */
    private static ColumnWriter decimal(ArrowBuf data, int width, int precision) {
        if (precision <= 9) {
            return (c, i) -> c.addInteger(data.getInt((long) i * width));
        } else if (precision <= 18) {
            return (c, i) -> c.addLong(data.getLong((long) i * width));
        }
        int bytes = ArrowToParquetSchema.decimalBytes(precision);
        return (c, i) -> {
            byte[] value = new byte[bytes];
            long start = (long) i * width;
            for (int b = 0; b < bytes; b++) {
                value[bytes - 1 - b] = data.getByte(start + b);
            }
            c.addBinary(Binary.fromConstantByteArray(value));
        };
    }

    private static int wholeDays(long millis, String path) {
        if (millis % MILLIS_PER_DAY != 0) {
            throw new ValueNotWritable(path, "date of " + millis + " ms is not a whole day, and Parquet's dates are days");
        }
        return Math.toIntExact(millis / MILLIS_PER_DAY);
    }

    private static int nanosAsMillis(long nanos, String path) {
        if (nanos % 1_000_000 != 0 || nanos < 0 || nanos / 1_000_000 > 0xFFFF_FFFFL) {
            throw new ValueNotWritable(path, "interval of " + nanos + " ns is not a whole number of milliseconds from 0 to 2^32 - 1, "
                    + "which Parquet's INTERVAL holds");
        }
        return (int) (nanos / 1_000_000);
    }

    /** Parquet's INTERVAL: months, days and milliseconds as little-endian unsigned 32-bit integers. */
    private static Binary interval(int months, int days, int millis, String path) {
        if (months < 0 || days < 0 || millis < 0) {
            throw new ValueNotWritable(path, "interval of " + months + " months, " + days + " days, " + millis
                    + " ms has a negative part, and Parquet's INTERVAL holds unsigned months, days and milliseconds");
        }
        byte[] bytes = new byte[12];
        putIntLittleEndian(bytes, 0, months);
        putIntLittleEndian(bytes, 4, days);
        putIntLittleEndian(bytes, 8, millis);
        return Binary.fromConstantByteArray(bytes);
    }

    private static void putIntLittleEndian(byte[] bytes, int at, int value) {
        for (int b = 0; b < 4; b++) {
            bytes[at + b] = (byte) (value >>> (8 * b));
        }
    }

    private static ColumnWriter struct(StructVector vector, String path) {
        List<FieldVector> children = vector.getChildrenFromFields();
        int count = children.size();
        FieldVector[] fields = children.toArray(FieldVector[]::new);
        String[] names = new String[count];
        ColumnWriter[] writers = new ColumnWriter[count];
        for (int f = 0; f < count; f++) {
            names[f] = fields[f].getName();
            writers[f] = of(fields[f], path + "." + names[f]);
        }
        return (c, i) -> {
            c.startGroup();
            for (int f = 0; f < count; f++) {
                if (!fields[f].isNull(i)) {
                    c.startField(names[f], f);
                    writers[f].write(c, i);
                    c.endField(names[f], f);
                }
            }
            c.endGroup();
        };
    }

    /** Where the elements of a list start or end in its data vector. */
    @FunctionalInterface
    private interface ElementBound {
        int at(int index);
    }

    /** A list in the three-level form: a group holding a repeated group {@code list} per element, holding the element if it is not null. */
    private static ColumnWriter list(FieldVector elements, String path, ElementBound start, ElementBound end) {
        ColumnWriter element = of(elements, path + "[]");
        return repeated(ArrowToParquetSchema.LIST, start, end, (c, e) -> {
            if (!elements.isNull(e)) {
                c.startField(ArrowToParquetSchema.ELEMENT, 0);
                element.write(c, e);
                c.endField(ArrowToParquetSchema.ELEMENT, 0);
            }
        });
    }

    /** A map: a group holding a repeated group {@code key_value} per entry, of its key and, if not null, its value. */
    private static ColumnWriter map(MapVector vector, String path) {
        StructVector entries = (StructVector) vector.getDataVector();
        FieldVector keys = entries.getChildrenFromFields().get(0);
        FieldVector values = entries.getChildrenFromFields().get(1);
        ColumnWriter key = of(keys, path + ".key");
        ColumnWriter value = of(values, path + ".value");
        return repeated(ArrowToParquetSchema.KEY_VALUE, vector::getElementStartIndex, vector::getElementEndIndex, (c, e) -> {
            if (keys.isNull(e)) {
                throw new ValueNotWritable(path, "a map entry has a null key, and Parquet's map keys are required");
            }
            c.startField(ArrowToParquetSchema.KEY, 0);
            key.write(c, e);
            c.endField(ArrowToParquetSchema.KEY, 0);
            if (!values.isNull(e)) {
                c.startField(ArrowToParquetSchema.VALUE, 1);
                value.write(c, e);
                c.endField(ArrowToParquetSchema.VALUE, 1);
            }
        });
    }

    /**
     * A group holding the repeated group {@code name} once per element of the list at an index, its
     * fields written by {@code fields}; an empty list is the group with no field, as Parquet has it.
     */
    private static ColumnWriter repeated(String name, ElementBound start, ElementBound end, ColumnWriter fields) {
        return (c, i) -> {
            c.startGroup();
            int first = start.at(i);
            int last = end.at(i);
            if (last > first) {
                c.startField(name, 0);
                for (int e = first; e < last; e++) {
                    c.startGroup();
                    fields.write(c, e);
                    c.endGroup();
                }
                c.endField(name, 0);
            }
            c.endGroup();
        };
    }
}
