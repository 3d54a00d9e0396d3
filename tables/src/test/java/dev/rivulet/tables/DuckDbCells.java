package dev.rivulet.tables;

import dev.rivulet.tables.ArrowCells.Bytes;
import dev.rivulet.tables.ArrowCells.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.extension.UuidType;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** DuckDB's JDBC values as the canonical values of {@link ArrowCells}, by the Arrow field the column was written from. */
final class DuckDbCells {

    private static final DateTimeFormatter TIMESTAMP_TZ_TEXT = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:mm", "+00").toFormatter();

    private DuckDbCells() {}

    static Object canonical(Object value, Field field) throws SQLException {
        if (value == null) {
            return null;
        }
        return switch (field.getType()) {
            case ArrowType.Int i -> new BigInteger(value.toString());
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.DOUBLE -> ((Number) value).doubleValue();
            case ArrowType.FloatingPoint f -> ((Number) value).floatValue();
            case ArrowType.Decimal d -> value instanceof BigDecimal decimal ? decimal.setScale(d.getScale()) : value;
            case ArrowType.Bool b -> value;
            case ArrowType.Utf8 u -> value.toString();            // a JSON node prints as its text
            case ArrowType.LargeUtf8 u -> value.toString();
            case UuidType u -> (UUID) value;
            case ArrowType.Binary b -> bytes(value);
            case ArrowType.LargeBinary b -> bytes(value);
            case ArrowType.FixedSizeBinary b -> bytes(value);
            case ArrowType.Date d -> (LocalDate) value;
            case ArrowType.Time t -> (LocalTime) value;
            case ArrowType.Timestamp t when t.getTimezone() == null ->
                    value instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) value;
            // a TIMESTAMPTZ_NS comes as text
            case ArrowType.Timestamp t -> value instanceof String text ? OffsetDateTime.parse(text, TIMESTAMP_TZ_TEXT).toInstant()
                    : ((OffsetDateTime) value).toInstant();
            case ArrowType.Interval i -> interval(value.toString());
            case ArrowType.Struct s -> {
                Object[] attributes = ((Struct) value).getAttributes();
                Map<String, Object> struct = new LinkedHashMap<>();
                for (int c = 0; c < field.getChildren().size(); c++) {
                    struct.put(field.getChildren().get(c).getName(), canonical(attributes[c], field.getChildren().get(c)));
                }
                yield struct;
            }
            case ArrowType.Map m -> {
                List<Field> entry = field.getChildren().getFirst().getChildren();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    map.put(canonical(e.getKey(), entry.get(0)), canonical(e.getValue(), entry.get(1)));
                }
                yield map;
            }
            case ArrowType.List l -> elements(value, field);
            case ArrowType.LargeList l -> elements(value, field);
            case ArrowType.FixedSizeList l -> elements(value, field);
            default -> throw new IllegalArgumentException("no canonical form for " + field);
        };
    }

    private static List<Object> elements(Object value, Field field) throws SQLException {
        Object[] array = (Object[]) ((Array) value).getArray();
        List<Object> list = new ArrayList<>(array.length);
        for (Object element : array) {
            list.add(canonical(element, field.getChildren().getFirst()));
        }
        return list;
    }

    private static Bytes bytes(Object value) throws SQLException {
        if (value instanceof UUID uuid) {              // a fixed size binary(16) annotated UUID
            return Bytes.of(uuid);
        }
        if (value instanceof Blob blob) {
            return Bytes.of(blob.getBytes(1, (int) blob.length()));
        }
        return Bytes.of((byte[]) value);
    }

    private static final Pattern INTERVAL_PART = Pattern.compile("(-?\\d+) (year|mon|day)s?|(-?)(\\d+):(\\d+):(\\d+)(?:\\.(\\d+))?");

    /** DuckDB's text of an interval, such as {@code 1 year 2 months 3 days 04:05:06.007}. */
    static Interval interval(String text) {
        int months = 0;
        int days = 0;
        long nanos = 0;
        Matcher m = INTERVAL_PART.matcher(text);
        while (m.find()) {
            if (m.group(2) != null) {
                int n = Integer.parseInt(m.group(1));
                switch (m.group(2)) {
                    case "year" -> months += 12 * n;
                    case "mon" -> months += n;
                    default -> days += n;
                }
            } else {
                String fraction = m.group(7) == null ? "" : m.group(7);
                long time = ((Long.parseLong(m.group(4)) * 60 + Long.parseLong(m.group(5))) * 60 + Long.parseLong(m.group(6))) * 1_000_000_000L
                        + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9)));
                nanos += m.group(3).isEmpty() ? time : -time;
            }
        }
        return new Interval(months, days, nanos);
    }
}
