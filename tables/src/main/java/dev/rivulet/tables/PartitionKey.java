package dev.rivulet.tables;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One level of a Hive-partitioned layout: a name and, for each row of a table, the value that puts
 * the row in its directory {@code name=value}. Levels nest in the order given to {@link
 * ParquetTables#writePartitioned}:
 *
 * {@snippet file="dev/rivulet/tables/snippets/TablesSnippetsTest.java" region="keys"}
 */
public final class PartitionKey {

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String name;
    private final Function<VectorSchemaRoot, IntFunction<String>> binder;

    private PartitionKey(String name, Function<VectorSchemaRoot, IntFunction<String>> binder) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("=")) {
            throw new IllegalArgumentException("a partition key name must be non-blank without '/' or '=', got '" + name + "'");
        }
        this.name = name;
        this.binder = Objects.requireNonNull(binder, "binder");
    }

    /**
     * A key of your own: {@code binder} is given the table once and returns each row's value (null
     * for the null partition, {@code __HIVE_DEFAULT_PARTITION__}). Values are escaped as Hive
     * escapes them ({@code /} becomes {@code %2F}).
     *
     * @param name the directory name's part before {@code =}
     * @param binder given the table, returns each row's value by row index
     * @return the key
     */
    public static PartitionKey of(String name, Function<VectorSchemaRoot, IntFunction<String>> binder) {
        return new PartitionKey(name, binder);
    }

    /**
     * The values of column {@code column} as text ({@code VendorID=2}); the directory is named after the column.
     *
     * @param column the column's name
     * @return the key, named after the column
     */
    public static PartitionKey column(String column) {
        return new PartitionKey(column, table -> {
            FieldVector vector = vector(table, column);
            return row -> vector.isNull(row) ? null : String.valueOf(vector.getObject(row));
        });
    }

    /**
     * The day of a timestamp or date column as {@code yyyyMMdd}: {@code day("date",
     * "tpep_pickup_datetime")} puts a trip picked up at 2023-09-01 08:30 under {@code
     * date=20230901}. A timestamp without a time zone gives the day of its wall-clock time; one with
     * a zone, the day in that zone.
     *
     * @param name the directory name's part before {@code =}, such as {@code date}
     * @param column a timestamp or date column
     * @return the key
     */
    public static PartitionKey day(String name, String column) {
        return new PartitionKey(name, table -> {
            FieldVector vector = vector(table, column);
            Map<Long, String> days = new HashMap<>();
            IntFunction<String> format = day -> days.computeIfAbsent((long) day, d -> LocalDate.ofEpochDay(d).format(BASIC_DATE));
            if (vector instanceof DateDayVector dates) {
                return row -> dates.isNull(row) ? null : format.apply(dates.get(row));
            }
            if (vector instanceof TimeStampVector stamps && vector.getField().getType() instanceof ArrowType.Timestamp type) {
                long perDay = switch (type.getUnit()) {
                    case SECOND -> 86_400L;
                    case MILLISECOND -> 86_400_000L;
                    case MICROSECOND -> 86_400_000_000L;
                    case NANOSECOND -> 86_400_000_000_000L;
                };
                if (type.getTimezone() == null) {
                    return row -> stamps.isNull(row) ? null : format.apply((int) Math.floorDiv(stamps.get(row), perDay));
                }
                ZoneId zone = ZoneId.of(type.getTimezone());
                long perSecond = perDay / 86_400L;
                return row -> {
                    if (stamps.isNull(row)) {
                        return null;
                    }
                    long value = stamps.get(row);
                    java.time.Instant instant = java.time.Instant.ofEpochSecond(Math.floorDiv(value, perSecond),
                            Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
                    return format.apply((int) instant.atZone(zone).toLocalDate().toEpochDay());
                };
            }
            throw new IllegalArgumentException("partition key '" + name + "' needs a date or timestamp column, but '" + column + "' is "
                    + vector.getField().getType());
        });
    }

    private static FieldVector vector(VectorSchemaRoot table, String column) {
        FieldVector vector = table.getVector(column);
        if (vector == null) {
            throw new IllegalArgumentException("no column '" + column + "' to partition by; the table has "
                    + table.getSchema().getFields().stream().map(f -> f.getName()).toList());
        }
        return vector;
    }

    /** {@return the directory name's part before {@code =}} */
    public String name() {
        return name;
    }

    /**
     * Each row's value for {@code table}.
     *
     * @param table the table being partitioned
     * @return each row's value by row index, null for the null partition
     */
    public IntFunction<String> bind(VectorSchemaRoot table) {
        return binder.apply(table);
    }

    @Override
    public String toString() {
        return "PartitionKey[" + name + "]";
    }

}
