package dev.rivulet.tables;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
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
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
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
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Arrow cells as canonical Java values, and back: one value per logical type, whatever the Arrow
 * vector or the reader it came from, so that a table written and read by any reader (DuckDB,
 * Rivulet's own) compares cell by cell with plain {@code equals}.
 *
 * <ul>
 *   <li>integers of any width and sign: {@link BigInteger}; floating point: {@link Float} (half and
 *       single), {@link Double}; decimals: {@link BigDecimal} of the column's scale; booleans
 *   <li>utf8: {@link String}; binary of any kind: {@link Bytes}; UUID: {@link UUID}
 *   <li>dates: {@link LocalDate}; times: {@link LocalTime}; timestamps: {@link LocalDateTime}
 *       without a zone, {@link Instant} with one; intervals: {@link Interval}
 *   <li>lists: {@link List}; structs: {@link Map} of field name to value, in field order; maps:
 *       {@link Map} of key to value, in entry order
 * </ul>
 */
public final class ArrowCells {

    private ArrowCells() {}

    /** Bytes with value equality, shown in hex. */
    public record Bytes(String hex) {
        public static Bytes of(byte[] bytes) {
            return new Bytes(HexFormat.of().formatHex(bytes));
        }

        /** A UUID's 16 bytes, big-endian, as Parquet and a {@code FixedSizeBinary(16)} hold them. */
        public static Bytes of(UUID uuid) {
            return of(java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        }

        public byte[] toArray() {
            return HexFormat.of().parseHex(hex);
        }
    }

    /** An interval of months, days and nanoseconds, as Arrow's month-day-nano. */
    public record Interval(int months, int days, long nanos) {}

    /** {@return the value at {@code index} of {@code vector} in canonical form; null where it is null} */
    public static Object get(FieldVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        return switch (vector) {
            case UInt1Vector v -> BigInteger.valueOf(Byte.toUnsignedInt(v.get(index)));
            case UInt2Vector v -> BigInteger.valueOf(v.get(index));
            case UInt4Vector v -> BigInteger.valueOf(Integer.toUnsignedLong(v.get(index)));
            case UInt8Vector v -> new BigInteger(Long.toUnsignedString(v.get(index)));
            case BaseIntVector v -> BigInteger.valueOf(v.getValueAsLong(index));
            case Float2Vector v -> Float.float16ToFloat(v.get(index));
            case Float4Vector v -> v.get(index);
            case Float8Vector v -> v.get(index);
            case DecimalVector v -> v.getObject(index);
            case Decimal256Vector v -> v.getObject(index);
            case BitVector v -> v.get(index) != 0;
            case VarCharVector v -> new String(v.get(index), java.nio.charset.StandardCharsets.UTF_8);
            case LargeVarCharVector v -> new String(v.get(index), java.nio.charset.StandardCharsets.UTF_8);
            case VarBinaryVector v -> Bytes.of(v.get(index));
            case LargeVarBinaryVector v -> Bytes.of(v.get(index));
            case UuidVector v -> v.getObject(index);
            case FixedSizeBinaryVector v -> Bytes.of(v.get(index));
            case DateDayVector v -> LocalDate.ofEpochDay(v.get(index));
            case DateMilliVector v -> LocalDate.ofEpochDay(Math.floorDiv(v.get(index), 86_400_000L));
            case TimeSecVector v -> LocalTime.ofSecondOfDay(v.get(index));
            case TimeMilliVector v -> LocalTime.ofNanoOfDay(v.get(index) * 1_000_000L);
            case TimeMicroVector v -> LocalTime.ofNanoOfDay(v.get(index) * 1_000L);
            case TimeNanoVector v -> LocalTime.ofNanoOfDay(v.get(index));
            case TimeStampVector v -> timestamp((ArrowType.Timestamp) v.getField().getType(), v.get(index));
            case IntervalYearVector v -> new Interval(v.get(index), 0, 0);
            case IntervalDayVector v -> new Interval(0, v.getDataBuffer().getInt((long) index * 8),
                    v.getDataBuffer().getInt((long) index * 8 + 4) * 1_000_000L);
            case IntervalMonthDayNanoVector v -> new Interval(IntervalMonthDayNanoVector.getMonths(v.getDataBuffer(), index),
                    IntervalMonthDayNanoVector.getDays(v.getDataBuffer(), index),
                    IntervalMonthDayNanoVector.getNanoseconds(v.getDataBuffer(), index));
            case MapVector v -> {
                StructVector entries = (StructVector) v.getDataVector();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int e = v.getElementStartIndex(index); e < v.getElementEndIndex(index); e++) {
                    map.put(get(entries.getChildrenFromFields().get(0), e), get(entries.getChildrenFromFields().get(1), e));
                }
                yield map;
            }
            case ListVector v -> elements(v.getDataVector(), v.getElementStartIndex(index), v.getElementEndIndex(index));
            case LargeListVector v -> elements(v.getDataVector(), (int) v.getElementStartIndex(index), (int) v.getElementEndIndex(index));
            case FixedSizeListVector v -> elements(v.getDataVector(), index * v.getListSize(), (index + 1) * v.getListSize());
            case StructVector v -> {
                Map<String, Object> struct = new LinkedHashMap<>();
                for (FieldVector child : v.getChildrenFromFields()) {
                    struct.put(child.getName(), get(child, index));
                }
                yield struct;
            }
            default -> throw new IllegalArgumentException("no canonical form for " + vector.getField());
        };
    }

    private static List<Object> elements(FieldVector data, int start, int end) {
        List<Object> list = new ArrayList<>(end - start);
        for (int e = start; e < end; e++) {
            list.add(get(data, e));
        }
        return list;
    }

    private static Object timestamp(ArrowType.Timestamp type, long value) {
        Instant instant = switch (type.getUnit()) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
        return type.getTimezone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
    }

    private static long timestampValue(TimeUnit unit, Object value) {
        Instant instant = value instanceof LocalDateTime local ? local.toInstant(ZoneOffset.UTC) : (Instant) value;
        return switch (unit) {
            case SECOND -> instant.getEpochSecond();
            case MILLISECOND -> instant.toEpochMilli();
            case MICROSECOND -> Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
            case NANOSECOND -> Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        };
    }

    /**
     * Sets the value at {@code index} of {@code vector} from its canonical form, growing the vector as
     * needed; null sets null. A table's row count is set afterwards, as usual.
     */
    @SuppressWarnings("unchecked")
    public static void set(FieldVector vector, int index, Object value) {
        if (value == null) {
            setNull(vector, index);
            return;
        }
        while (vector instanceof BaseFixedWidthVector fixed && index >= fixed.getValueCapacity()) {
            fixed.reAlloc();
        }
        switch (vector) {
            case UInt8Vector v -> v.set(index, ((BigInteger) value).longValue());
            case BaseIntVector v -> v.setWithPossibleTruncate(index, ((BigInteger) value).longValueExact());
            case Float2Vector v -> v.set(index, Float.floatToFloat16((Float) value));
            case Float4Vector v -> v.set(index, (Float) value);
            case Float8Vector v -> v.set(index, (Double) value);
            case DecimalVector v -> v.set(index, (BigDecimal) value);
            case Decimal256Vector v -> v.set(index, (BigDecimal) value);
            case BitVector v -> v.set(index, (Boolean) value ? 1 : 0);
            case VarCharVector v -> v.setSafe(index, ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case LargeVarCharVector v -> v.setSafe(index, ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case VarBinaryVector v -> v.setSafe(index, ((Bytes) value).toArray());
            case LargeVarBinaryVector v -> v.setSafe(index, ((Bytes) value).toArray());
            case UuidVector v -> v.setSafe(index, (UUID) value);
            case FixedSizeBinaryVector v -> v.set(index, ((Bytes) value).toArray());
            case DateDayVector v -> v.set(index, Math.toIntExact(((LocalDate) value).toEpochDay()));
            case DateMilliVector v -> v.set(index, ((LocalDate) value).toEpochDay() * 86_400_000L);
            case TimeSecVector v -> v.set(index, ((LocalTime) value).toSecondOfDay());
            case TimeMilliVector v -> v.set(index, (int) (((LocalTime) value).toNanoOfDay() / 1_000_000L));
            case TimeMicroVector v -> v.set(index, ((LocalTime) value).toNanoOfDay() / 1_000L);
            case TimeNanoVector v -> v.set(index, ((LocalTime) value).toNanoOfDay());
            case TimeStampVector v -> v.set(index, timestampValue(((ArrowType.Timestamp) v.getField().getType()).getUnit(), value));
            case IntervalYearVector v -> v.set(index, ((Interval) value).months());
            case IntervalDayVector v -> v.set(index, ((Interval) value).days(), (int) (((Interval) value).nanos() / 1_000_000L));
            case IntervalMonthDayNanoVector v -> v.set(index, ((Interval) value).months(), ((Interval) value).days(), ((Interval) value).nanos());
            case MapVector v -> {
                Map<Object, Object> map = (Map<Object, Object>) value;
                StructVector entries = (StructVector) v.getDataVector();
                int start = v.startNewValue(index);
                int e = start;
                for (Map.Entry<Object, Object> entry : map.entrySet()) {
                    entries.setIndexDefined(e);
                    set(entries.getChildrenFromFields().get(0), e, entry.getKey());
                    set(entries.getChildrenFromFields().get(1), e, entry.getValue());
                    e++;
                }
                v.endValue(index, map.size());
            }
            case ListVector v -> {
                List<Object> list = (List<Object>) value;
                int start = v.startNewValue(index);
                for (int k = 0; k < list.size(); k++) {
                    set(v.getDataVector(), start + k, list.get(k));
                }
                v.endValue(index, list.size());
            }
            case LargeListVector v -> {
                List<Object> list = (List<Object>) value;
                int start = Math.toIntExact(v.startNewValue(index));
                for (int k = 0; k < list.size(); k++) {
                    set(v.getDataVector(), start + k, list.get(k));
                }
                v.endValue(index, list.size());
            }
            case FixedSizeListVector v -> {
                List<Object> list = (List<Object>) value;
                if (list.size() != v.getListSize()) {
                    throw new IllegalArgumentException(v.getName() + " holds lists of " + v.getListSize() + ", not " + list);
                }
                int start = v.startNewValue(index);
                for (int k = 0; k < list.size(); k++) {
                    set(v.getDataVector(), start + k, list.get(k));
                }
            }
            case StructVector v -> {
                Map<String, Object> struct = (Map<String, Object>) value;
                v.setIndexDefined(index);
                for (FieldVector child : v.getChildrenFromFields()) {
                    set(child, index, struct.get(child.getName()));
                }
            }
            default -> throw new IllegalArgumentException("cannot set " + vector.getField() + " from " + value);
        }
    }

    private static void setNull(FieldVector vector, int index) {
        switch (vector) {
            case UuidVector v -> setNull(v.getUnderlyingVector(), index);
            case BaseFixedWidthVector v -> {
                while (index >= v.getValueCapacity()) {
                    v.reAlloc();
                }
                v.setNull(index);
            }
            case BaseVariableWidthVector v -> v.setNull(index);
            case BaseLargeVariableWidthVector v -> v.setNull(index);
            case ListVector v -> v.setNull(index);
            case LargeListVector v -> v.setNull(index);
            case FixedSizeListVector v -> {
                v.setNull(index);
                for (int k = 0; k < v.getListSize(); k++) {
                    setNull(v.getDataVector(), index * v.getListSize() + k);    // the slots of a null list still exist
                }
            }
            case StructVector v -> v.setNull(index);
            default -> throw new IllegalArgumentException("cannot set null in " + vector.getField());
        }
    }
}
