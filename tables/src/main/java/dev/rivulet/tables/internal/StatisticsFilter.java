package dev.rivulet.tables.internal;

import dev.rivulet.tables.ColumnPredicate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A {@link ColumnPredicate} bound to one Parquet schema, deciding from a row group's footer
 * statistics whether any of its rows may match. It answers "no" only when the statistics prove it:
 * a chunk without statistics, or with statistics of a type that has no order (INT96 timestamps,
 * whose statistics writers get wrong), may always match.
 *
 * <p>Statistics and the predicate's values are turned into one comparable form per column kind:
 * integers and decimals of any width, signedness or physical type into {@link BigDecimal} (exact),
 * floating point into {@code double}, strings, binary and UUIDs into unsigned byte strings (Parquet's
 * own order for them), dates, times and timestamps into {@code java.time} values.
 */
public final class StatisticsFilter {

    private final Node root;

    private StatisticsFilter(Node root) {
        this.root = root;
    }

    /**
     * Binds {@code predicate} to {@code schema}: finds every column it names and turns its values into
     * the column's comparable form.
     *
     * @param source the file, for messages
     * @throws IllegalArgumentException if a column is missing, is a struct, lies inside a list or map, or
     *     is compared with a value of another kind; the message names the column, its type and the fix
     */
    public static StatisticsFilter bind(ColumnPredicate predicate, MessageType schema, String source) {
        return new StatisticsFilter(bindNode(predicate, schema, source));
    }

    /** Whether some row of {@code block} may match: false only when its statistics rule every row out. */
    public boolean mightMatch(BlockMetaData block) {
        return root.mightMatch(block);
    }

    /** A bound condition. */
    private interface Node {
        boolean mightMatch(BlockMetaData block);
    }

    private static Node bindNode(ColumnPredicate predicate, MessageType schema, String source) {
        return switch (predicate) {
            case ColumnPredicate.And and -> {
                List<Node> nodes = and.all().stream().map(p -> bindNode(p, schema, source)).toList();
                yield block -> nodes.stream().allMatch(node -> node.mightMatch(block));
            }
            case ColumnPredicate.Or or -> {
                List<Node> nodes = or.any().stream().map(p -> bindNode(p, schema, source)).toList();
                yield block -> nodes.stream().anyMatch(node -> node.mightMatch(block));
            }
            case ColumnPredicate.NullCheck check -> {
                Leaf leaf = Leaf.resolve(check.column(), schema, source);
                yield check.isNull() ? leaf::mayHoldNull : leaf::mayHoldValue;
            }
            case ColumnPredicate.Comparison comparison -> {
                Leaf leaf = Leaf.resolve(comparison.column(), schema, source);
                Comparable<Object> value = leaf.fromValue(comparison.value());
                yield block -> leaf.mayCompare(block, comparison.operator(), value);
            }
            case ColumnPredicate.In in -> {
                Leaf leaf = Leaf.resolve(in.column(), schema, source);
                List<Comparable<Object>> values = in.values().stream().map(leaf::fromValue).toList();
                yield block -> values.stream().anyMatch(value -> leaf.mayCompare(block, ColumnPredicate.Operator.EQUAL, value));
            }
        };
    }

    /** One leaf column of the schema that a condition names, with how its statistics and values compare. */
    private static final class Leaf {
        private final String column;
        private final String[] path;
        private final int index;
        private final PrimitiveType type;
        /** The comparable form of a statistic's min or max; null for a type without a usable order. */
        private final Function<Object, Comparable<Object>> fromStatistic;
        private final Function<Object, Comparable<Object>> fromValue;

        private Leaf(String column, String[] path, int index, PrimitiveType type, Kind kind) {
            this.column = column;
            this.path = path;
            this.index = index;
            this.type = type;
            this.fromStatistic = kind.fromStatistic();
            this.fromValue = kind.fromValue();
        }

        static Leaf resolve(String column, MessageType schema, String source) {
            String[] path = pathOf(column, schema, source);
            Type type = schema.getType(path);
            if (!type.isPrimitive()) {
                List<String> fields = type.asGroupType().getFields().stream().map(f -> column + "." + f.getName()).toList();
                throw new IllegalArgumentException("the condition names \"" + column + "\" of " + source + ", which is not a single column"
                        + " but a group (" + type.getLogicalTypeAnnotation() + "); name one of its fields: " + fields);
            }
            ColumnDescriptor descriptor = schema.getColumnDescription(path);
            if (descriptor.getMaxRepetitionLevel() > 0) {
                throw new IllegalArgumentException("the condition names \"" + column + "\" of " + source + ", which lies inside a list"
                        + " or map; conditions can only name columns with one value a row");
            }
            int index = schema.getColumns().indexOf(descriptor);
            PrimitiveType primitive = type.asPrimitiveType();
            return new Leaf(column, path, index, primitive, Kind.of(column, primitive, source));
        }

        /** The column's path: its exact name if the schema has such a top-level field, else its dotted path. */
        private static String[] pathOf(String column, MessageType schema, String source) {
            if (schema.containsField(column)) {
                return new String[] {column};
            }
            String[] path = column.split("\\.", -1);
            if (path.length > 1 && schema.containsPath(path)) {
                return path;
            }
            throw new IllegalArgumentException("the condition names column \"" + column + "\", which " + source + " does not have;"
                    + " its columns are " + columnNames(schema));
        }

        private static List<String> columnNames(MessageType schema) {
            List<String> names = new ArrayList<>();
            for (ColumnDescriptor descriptor : schema.getColumns()) {
                names.add(String.join(".", descriptor.getPath()));
            }
            return names;
        }

        Comparable<Object> fromValue(Object value) {
            return fromValue.apply(value);
        }

        private ColumnChunkMetaData chunk(BlockMetaData block) {
            ColumnChunkMetaData chunk = block.getColumns().get(index);
            if (!Arrays.equals(chunk.getPath().toArray(), path)) {
                throw new IllegalStateException("the row group's column " + index + " is " + chunk.getPath() + ", not "
                        + String.join(".", path));
            }
            return chunk;
        }

        boolean mayHoldNull(BlockMetaData block) {
            Statistics<?> statistics = chunk(block).getStatistics();
            return statistics == null || !statistics.isNumNullsSet() || statistics.getNumNulls() > 0;
        }

        boolean mayHoldValue(BlockMetaData block) {
            return !allNull(chunk(block));
        }

        private static boolean allNull(ColumnChunkMetaData chunk) {
            Statistics<?> statistics = chunk.getStatistics();
            return statistics != null && statistics.isNumNullsSet() && statistics.getNumNulls() >= chunk.getValueCount();
        }

        boolean mayCompare(BlockMetaData block, ColumnPredicate.Operator operator, Comparable<Object> value) {
            ColumnChunkMetaData chunk = chunk(block);
            if (allNull(chunk)) {
                return false; // nulls match no comparison
            }
            Statistics<?> statistics = chunk.getStatistics();
            if (fromStatistic == null || statistics == null || !statistics.hasNonNullValue()) {
                return true;
            }
            Comparable<Object> min = fromStatistic.apply(statistics.genericGetMin());
            Comparable<Object> max = fromStatistic.apply(statistics.genericGetMax());
            if (min == null || max == null) {
                return true; // a NaN bound orders with nothing
            }
            return switch (operator) {
                case EQUAL -> min.compareTo(value) <= 0 && max.compareTo(value) >= 0;
                case NOT_EQUAL -> !(min.compareTo(value) == 0 && max.compareTo(value) == 0);
                case LESS_THAN -> min.compareTo(value) < 0;
                case LESS_THAN_OR_EQUAL -> min.compareTo(value) <= 0;
                case GREATER_THAN -> max.compareTo(value) > 0;
                case GREATER_THAN_OR_EQUAL -> max.compareTo(value) >= 0;
            };
        }

        @Override
        public String toString() {
            return column + " (" + type + ")";
        }
    }

    /**
     * How one kind of column compares: its statistics and the values given for it, in one comparable
     * form. {@code fromStatistic} is null for a type whose statistics cannot be trusted to order.
     */
    private record Kind(Function<Object, Comparable<Object>> fromStatistic, Function<Object, Comparable<Object>> fromValue) {

        static Kind of(String column, PrimitiveType type, String source) {
            LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
            String described = "column \"" + column + "\" of " + source + " (" + describe(type) + ")";
            return switch (type.getPrimitiveTypeName()) {
                case BOOLEAN -> kind(statistic -> (Boolean) statistic, value -> expect(value, Boolean.class, described));
                case FLOAT, DOUBLE -> kind(statistic -> orderedDouble(((Number) statistic).doubleValue()), value -> toDouble(value, described));
                case INT96 -> new Kind(null, value -> comparable(timestamp(value, described)));
                case INT32, INT64 -> switch (logical) {
                    case LogicalTypeAnnotation.DateLogicalTypeAnnotation date ->
                            kind(statistic -> LocalDate.ofEpochDay(((Number) statistic).longValue()), value -> expect(value, LocalDate.class, described));
                    case LogicalTypeAnnotation.TimeLogicalTypeAnnotation time ->
                            kind(statistic -> LocalTime.ofNanoOfDay(nanos(((Number) statistic).longValue(), time.getUnit())),
                                    value -> expect(value, LocalTime.class, described));
                    case LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp -> timestampKind(timestamp, described);
                    case LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal ->
                            kind(statistic -> BigDecimal.valueOf(((Number) statistic).longValue(), decimal.getScale()), value -> toDecimal(value, described));
                    case LogicalTypeAnnotation.IntLogicalTypeAnnotation integer when !integer.isSigned() ->
                            kind(statistic -> unsigned((Number) statistic), value -> toDecimal(value, described));
                    case null, default -> kind(statistic -> BigDecimal.valueOf(((Number) statistic).longValue()), value -> toDecimal(value, described));
                };
                case BINARY, FIXED_LEN_BYTE_ARRAY -> switch (logical) {
                    case LogicalTypeAnnotation.StringLogicalTypeAnnotation string -> bytesKind(value -> utf8(value, described));
                    case LogicalTypeAnnotation.EnumLogicalTypeAnnotation enumeration -> bytesKind(value -> utf8(value, described));
                    case LogicalTypeAnnotation.JsonLogicalTypeAnnotation json -> bytesKind(value -> utf8(value, described));
                    case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation uuid -> bytesKind(value -> uuidBytes(value, described));
                    case LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal ->
                            kind(statistic -> new BigDecimal(new BigInteger(((Binary) statistic).getBytes()), decimal.getScale()),
                                    value -> toDecimal(value, described));
                    case LogicalTypeAnnotation.Float16LogicalTypeAnnotation half ->
                            kind(statistic -> orderedDouble(float16(((Binary) statistic).getBytes())), value -> toDouble(value, described));
                    case null -> bytesKind(value -> new UnsignedBytes(expect(value, byte[].class, described)));
                    default -> throw new IllegalArgumentException("the condition names " + described
                            + ", whose values have no order to compare with; name another column");
                };
            };
        }

        private static Kind kind(Function<Object, Object> fromStatistic, Function<Object, Object> fromValue) {
            return new Kind(statistic -> comparable(fromStatistic.apply(statistic)), value -> comparable(fromValue.apply(value)));
        }

        private static Kind bytesKind(Function<Object, UnsignedBytes> fromValue) {
            return kind(statistic -> new UnsignedBytes(((Binary) statistic).getBytes()), fromValue::apply);
        }

        private static Kind timestampKind(LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp, String described) {
            LogicalTypeAnnotation.TimeUnit unit = timestamp.getUnit();
            if (timestamp.isAdjustedToUTC()) {
                return kind(statistic -> instant(((Number) statistic).longValue(), unit), value -> expect(value, Instant.class, described));
            }
            return kind(statistic -> LocalDateTime.ofInstant(instant(((Number) statistic).longValue(), unit), ZoneOffset.UTC),
                    value -> expect(value, LocalDateTime.class, described));
        }

        @SuppressWarnings("unchecked")
        private static Comparable<Object> comparable(Object value) {
            return (Comparable<Object>) value;
        }

        private static String describe(PrimitiveType type) {
            LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
            return type.getPrimitiveTypeName() + (logical == null ? "" : " " + logical);
        }

        private static <T> T expect(Object value, Class<T> kind, String described) {
            if (!kind.isInstance(value)) {
                throw mismatch(value, described, kind.getSimpleName());
            }
            return kind.cast(value);
        }

        private static IllegalArgumentException mismatch(Object value, String described, String wanted) {
            return new IllegalArgumentException("the condition compares " + described + " with a " + value.getClass().getName()
                    + "; give " + ("AEIOU".indexOf(wanted.charAt(0)) >= 0 ? "an " : "a ") + wanted);
        }

        private static Object timestamp(Object value, String described) {
            if (!(value instanceof Instant) && !(value instanceof LocalDateTime)) {
                throw mismatch(value, described, "Instant or LocalDateTime");
            }
            return value;
        }

        private static Double toDouble(Object value, String described) {
            if (!(value instanceof Number number)) {
                throw mismatch(value, described, "Number");
            }
            return orderedDouble(number.doubleValue());
        }

        /** A double that orders as numbers do (-0.0 equal to 0.0), or null for NaN, which orders with nothing. */
        private static Double orderedDouble(double value) {
            return Double.isNaN(value) ? null : value + 0.0;
        }

        private static BigDecimal toDecimal(Object value, String described) {
            return switch (value) {
                case BigDecimal decimal -> decimal;
                case BigInteger integer -> new BigDecimal(integer);
                case Byte b -> BigDecimal.valueOf(b);
                case Short s -> BigDecimal.valueOf(s);
                case Integer i -> BigDecimal.valueOf(i);
                case Long l -> BigDecimal.valueOf(l);
                // a double or float is the decimal it prints as: 301.99, not 301.990000000000009094...
                case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
                case Float f when Float.isFinite(f) -> new BigDecimal(Float.toString(f));
                case Double d -> throw new IllegalArgumentException("the condition compares " + described + " with " + d
                        + "; give a finite number");
                case Float f -> throw new IllegalArgumentException("the condition compares " + described + " with " + f
                        + "; give a finite number");
                case Number number -> new BigDecimal(number.toString());
                default -> throw mismatch(value, described, "Number (Integer, Long, BigInteger, BigDecimal...)");
            };
        }

        private static BigDecimal unsigned(Number statistic) {
            return statistic instanceof Integer i ? BigDecimal.valueOf(Integer.toUnsignedLong(i))
                    : new BigDecimal(new BigInteger(Long.toUnsignedString(statistic.longValue())));
        }

        private static UnsignedBytes utf8(Object value, String described) {
            return new UnsignedBytes(expect(value, String.class, described).getBytes(StandardCharsets.UTF_8));
        }

        private static UnsignedBytes uuidBytes(Object value, String described) {
            UUID uuid = expect(value, UUID.class, described);
            return new UnsignedBytes(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array());
        }

        private static double float16(byte[] littleEndian) {
            return Float.float16ToFloat((short) ((littleEndian[0] & 0xff) | (littleEndian[1] << 8)));
        }

        private static long nanos(long value, LogicalTypeAnnotation.TimeUnit unit) {
            return switch (unit) {
                case MILLIS -> value * 1_000_000L;
                case MICROS -> value * 1_000L;
                case NANOS -> value;
            };
        }

        private static Instant instant(long value, LogicalTypeAnnotation.TimeUnit unit) {
            return switch (unit) {
                case MILLIS -> Instant.ofEpochMilli(value);
                case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
                case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
            };
        }
    }

    /** Bytes ordered as Parquet orders strings and binary: lexicographically, each byte unsigned. */
    private record UnsignedBytes(byte[] bytes) implements Comparable<UnsignedBytes> {
        @Override
        public int compareTo(UnsignedBytes other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UnsignedBytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
