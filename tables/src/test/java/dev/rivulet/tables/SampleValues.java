package dev.rivulet.tables;

import dev.rivulet.tables.ArrowCells.Bytes;
import dev.rivulet.tables.ArrowCells.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.extension.UuidType;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Canonical values ({@link ArrowCells}) of any Arrow field, deterministic by a number: the extremes
 * of each type, empty strings and lists, and nulls wherever the field is nullable, at every level
 * of nesting.
 */
final class SampleValues {

    private SampleValues() {}

    /** A table of {@code rows} rows of {@code schema}, filled with {@link #value(Field, int)} of each row number. */
    static VectorSchemaRoot table(Schema schema, int rows, BufferAllocator allocator) {
        VectorSchemaRoot table = VectorSchemaRoot.create(schema, allocator);
        for (FieldVector vector : table.getFieldVectors()) {
            for (int row = 0; row < rows; row++) {
                ArrowCells.set(vector, row, value(vector.getField(), row));
            }
        }
        table.setRowCount(rows);
        return table;
    }

    /** The value number {@code n} of {@code field}: null every fourth if the field is nullable. */
    static Object value(Field field, int n) {
        if (field.isNullable() && n % 4 == 3) {
            return null;
        }
        return nonNull(field, n);
    }

    private static Object nonNull(Field field, int n) {
        return switch (field.getType()) {
            case ArrowType.Int i -> integer(i, n);
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.HALF ->
                    pick(n, 0.5f, -2.0f, 65504f, Float.float16ToFloat(Float.floatToFloat16(1 / 3f)), -0.0f);
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.SINGLE ->
                    pick(n, 1.5f, -Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, 0f);
            case ArrowType.FloatingPoint f -> pick(n, 2.25, Double.MAX_VALUE, -Double.MIN_VALUE, Double.NEGATIVE_INFINITY, 1e-300);
            case ArrowType.Decimal d -> {
                BigInteger largest = BigInteger.TEN.pow(d.getPrecision()).subtract(BigInteger.ONE);
                BigInteger unscaled = pick(n, largest, largest.negate(), BigInteger.ZERO, BigInteger.valueOf(-12_345), BigInteger.ONE);
                yield new BigDecimal(unscaled, d.getScale());
            }
            case ArrowType.Bool b -> n % 3 == 0;
            case ArrowType.Utf8 u -> text(field, n);
            case ArrowType.LargeUtf8 u -> text(field, n);
            case UuidType u -> pick(n, new UUID(0x0123_4567_89ab_cdefL, 0xfedc_ba98_7654_3210L), new UUID(0, 0), new UUID(-1, -1),
                    new UUID(n, -n));
            case ArrowType.Binary b -> bytes(field, n);
            case ArrowType.LargeBinary b -> bytes(field, n);
            case ArrowType.FixedSizeBinary b -> {
                byte[] bytes = new byte[b.getByteWidth()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (n * 31 + i * 97);
                }
                yield Bytes.of(bytes);
            }
            case ArrowType.Date d -> pick(n, LocalDate.of(2023, 9, 1), LocalDate.of(1969, 12, 31), LocalDate.of(1, 1, 1),
                    LocalDate.of(9999, 12, 31), LocalDate.of(1970, 1, 1));
            case ArrowType.Time t -> truncate(pick(n, LocalTime.of(23, 59, 59, 999_999_999), LocalTime.MIDNIGHT, LocalTime.of(12, 30, 1, 123_456_789),
                    LocalTime.of(0, 0, 0, 1_001_001)), t.getUnit());
            case ArrowType.Timestamp t -> {
                LocalDateTime local = truncate(pick(n, LocalDateTime.of(2023, 9, 1, 0, 0, 0, 123_456_789), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999),
                        LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(2200, 6, 30, 12, 0, 0, 1_000_000)), t.getUnit());
                yield t.getTimezone() == null ? local : local.toInstant(java.time.ZoneOffset.UTC);
            }
            case ArrowType.Interval i -> switch (i.getUnit()) {
                case YEAR_MONTH -> pick(n, new Interval(14, 0, 0), new Interval(0, 0, 0), new Interval(Integer.MAX_VALUE, 0, 0));
                case DAY_TIME -> pick(n, new Interval(0, 3, 4_005_000_000L), new Interval(0, 0, 0), new Interval(0, Integer.MAX_VALUE, Integer.MAX_VALUE * 1_000_000L));
                case MONTH_DAY_NANO -> pick(n, new Interval(1, 2, 3_000_000L), new Interval(0, 0, 0), new Interval(25, 31, 86_399_999_000_000L));
            };
            case ArrowType.Struct s -> {
                Map<String, Object> struct = new LinkedHashMap<>();
                for (int c = 0; c < field.getChildren().size(); c++) {
                    struct.put(field.getChildren().get(c).getName(), value(field.getChildren().get(c), n + c + 1));
                }
                yield struct;
            }
            case ArrowType.Map m -> {
                List<Field> entry = field.getChildren().getFirst().getChildren();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int e = 0; e < n % 4; e++) {
                    map.put(nonNull(entry.get(0), e), value(entry.get(1), n + e));      // distinct keys: e is small
                }
                yield map;
            }
            case ArrowType.FixedSizeList l -> elements(field, n, l.getListSize());
            case ArrowType.List l -> elements(field, n, n % 4);              // 0 to 3 elements: empty lists too
            case ArrowType.LargeList l -> elements(field, n, n % 4);
            default -> throw new IllegalArgumentException("no sample values of " + field);
        };
    }

    private static List<Object> elements(Field field, int n, int size) {
        List<Object> list = new ArrayList<>(size);
        for (int e = 0; e < size; e++) {
            list.add(value(field.getChildren().getFirst(), n * 3 + e));
        }
        return list;
    }

    private static Object integer(ArrowType.Int type, int n) {
        int bits = type.getBitWidth();
        if (type.getIsSigned()) {
            BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
            return pick(n, max, max.negate().subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.valueOf(-1), BigInteger.valueOf(n));
        }
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        return pick(n, max, BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits - 1), BigInteger.valueOf(n % 100));
    }

    private static String text(Field field, int n) {
        String logical = field.getMetadata() == null ? null : field.getMetadata().get("parquet.logical_type");
        if ("JSON".equals(logical)) {
            return pick(n, "{\"a\":1}", "[1,2,3]", "\"ünï\"", "null");
        } else if ("ENUM".equals(logical)) {
            return pick(n, "RED", "GREEN", "BLUE");
        }
        return pick(n, "", "zone ünï " + n, "x".repeat(n % 50), "日本");
    }

    private static Bytes bytes(Field field, int n) {
        String logical = field.getMetadata() == null ? null : field.getMetadata().get("parquet.logical_type");
        if (logical != null && (logical.startsWith("GEOMETRY") || logical.startsWith("GEOGRAPHY"))) {
            return Bytes.of(wkbPoint(n, -n / 2.0));
        }
        return pick(n, Bytes.of(new byte[0]), Bytes.of(new byte[] {0, (byte) 0xFF, (byte) n}), Bytes.of(new byte[] {(byte) 0x80}));
    }

    /** A point in well-known binary, little-endian. */
    static byte[] wkbPoint(double x, double y) {
        java.nio.ByteBuffer wkb = java.nio.ByteBuffer.allocate(21).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return wkb.put((byte) 1).putInt(1).putDouble(x).putDouble(y).array();
    }

    private static LocalTime truncate(LocalTime time, TimeUnit unit) {
        return time.withNano(time.getNano() / divisor(unit) * divisor(unit));
    }

    private static LocalDateTime truncate(LocalDateTime time, TimeUnit unit) {
        return time.withNano(time.getNano() / divisor(unit) * divisor(unit));
    }

    private static int divisor(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1_000_000_000;
            case MILLISECOND -> 1_000_000;
            case MICROSECOND -> 1_000;
            case NANOSECOND -> 1;
        };
    }

    @SafeVarargs
    private static <T> T pick(int n, T... values) {
        return values[Math.floorMod(n, values.length)];
    }
}
