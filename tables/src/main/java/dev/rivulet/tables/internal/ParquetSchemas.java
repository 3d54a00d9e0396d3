package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Maps flat Arrow schemas to Parquet schemas and back. The column types are those of tabular data
 * such as the TLC trip files: signed integers, floating point, booleans, strings, binary, dates and
 * timestamps. The Arrow schema is also kept in the file's key-value metadata, so that what Parquet
 * cannot say (an Arrow time zone name, field metadata) comes back as written.
 */
public final class ParquetSchemas {

    /** The key-value metadata key under which the Arrow schema (as JSON) is stored. */
    public static final String ARROW_SCHEMA_KEY = "rivulet.arrow.schema";

    private ParquetSchemas() {}

    /** The Parquet schema for {@code schema}. */
    public static MessageType toParquet(Schema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : schema.getFields()) {
            message.addField(toParquet(field));
        }
        return message.named("schema");
    }

    private static Type toParquet(Field field) {
        if (!field.getChildren().isEmpty() || field.getDictionary() != null) {
            throw unsupported(field);
        }
        Repetition repetition = field.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        ArrowType type = field.getType();
        String name = field.getName();
        return switch (type) {
            case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() <= 32 ->
                    Types.primitive(PrimitiveTypeName.INT32, repetition)
                            .as(i.getBitWidth() == 32 ? null : LogicalTypeAnnotation.intType(i.getBitWidth(), true)).named(name);
            case ArrowType.Int i when i.getIsSigned() -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.SINGLE ->
                    Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.DOUBLE ->
                    Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case ArrowType.Bool b -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case ArrowType.Utf8 u -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
            case ArrowType.Binary b -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case ArrowType.Date d when d.getUnit() == DateUnit.DAY ->
                    Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case ArrowType.Timestamp t when t.getUnit() != TimeUnit.SECOND ->
                    Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.timestampType(t.getTimezone() != null, parquetUnit(t.getUnit()))).named(name);
            default -> throw unsupported(field);
        };
    }

    private static LogicalTypeAnnotation.TimeUnit parquetUnit(TimeUnit unit) {
        return switch (unit) {
            case MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
            case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
            case NANOSECOND -> LogicalTypeAnnotation.TimeUnit.NANOS;
            case SECOND -> throw new IllegalArgumentException("Parquet has no timestamps in seconds");
        };
    }

    private static SerializationException unsupported(Field field) {
        return new SerializationException("column '" + field.getName() + "' has Arrow type " + field.getType()
                + (field.getChildren().isEmpty() ? "" : " with children") + (field.getDictionary() == null ? "" : " (dictionary-encoded)")
                + ", which Rivulet's Parquet support does not write; supported: signed integers, float, double, boolean, utf8, binary, "
                + "date (days) and timestamps (ms, us, ns), without dictionaries or nesting. Cast the column, or use the \"arrow\" serializer");
    }

    /**
     * The Arrow schema of a Parquet file: the one stored in its metadata if it matches the columns,
     * else one derived from the Parquet types.
     *
     * @throws SerializationException if a column has a type this module does not read
     */
    public static Schema toArrow(MessageType parquet, Map<String, String> keyValueMetadata, String source) {
        List<Field> fields = new ArrayList<>();
        for (Type column : parquet.getFields()) {
            fields.add(toArrow(column, source));
        }
        Schema derived = new Schema(fields);
        String stored = keyValueMetadata.get(ARROW_SCHEMA_KEY);
        if (stored != null) {
            try {
                Schema schema = Schema.fromJSON(stored);
                if (sameColumns(schema, derived)) {
                    return schema;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a schema in the metadata that does not parse is ignored: the Parquet types are enough
            }
        }
        return derived;
    }

    /** Whether two schemas have the same column names and types, nullability and metadata aside. */
    private static boolean sameColumns(Schema a, Schema b) {
        if (a.getFields().size() != b.getFields().size()) {
            return false;
        }
        for (int i = 0; i < a.getFields().size(); i++) {
            Field fa = a.getFields().get(i);
            Field fb = b.getFields().get(i);
            if (!fa.getName().equals(fb.getName()) || !storedAs(fa.getType()).equals(storedAs(fb.getType())) || fa.isNullable() != fb.isNullable()) {
                return false;
            }
        }
        return true;
    }

    /** The type a column comes back as from its Parquet type alone: a time zone name is reduced to UTC. */
    private static ArrowType storedAs(ArrowType type) {
        if (type instanceof ArrowType.Timestamp t && t.getTimezone() != null) {
            return new ArrowType.Timestamp(t.getUnit(), "UTC");
        }
        return type;
    }

    private static Field toArrow(Type column, String source) {
        if (!column.isPrimitive() || column.isRepetition(Repetition.REPEATED)) {
            throw new SerializationException("column '" + column.getName() + "' of " + source + " is " + column
                    + "; only flat columns (no groups, lists or maps) are read into Arrow tables");
        }
        PrimitiveType primitive = column.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        ArrowType type = switch (primitive.getPrimitiveTypeName()) {
            case INT32 -> {
                if (logical == null) {
                    yield new ArrowType.Int(32, true);
                } else if (logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
                    yield new ArrowType.Int(i.getBitWidth(), true);
                } else if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield new ArrowType.Date(DateUnit.DAY);
                }
                yield null;
            }
            case INT64 -> {
                if (logical == null || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned())) {
                    yield new ArrowType.Int(64, true);
                } else if (logical instanceof TimestampLogicalTypeAnnotation t) {
                    TimeUnit unit = switch (t.getUnit()) {
                        case MILLIS -> TimeUnit.MILLISECOND;
                        case MICROS -> TimeUnit.MICROSECOND;
                        case NANOS -> TimeUnit.NANOSECOND;
                    };
                    yield new ArrowType.Timestamp(unit, t.isAdjustedToUTC() ? "UTC" : null);
                }
                yield null;
            }
            case FLOAT -> logical == null ? new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE) : null;
            case DOUBLE -> logical == null ? new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE) : null;
            case BOOLEAN -> new ArrowType.Bool();
            case BINARY -> {
                if (logical == null) {
                    yield new ArrowType.Binary();
                } else if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    yield new ArrowType.Utf8();
                }
                yield null;
            }
            default -> null;
        };
        if (type == null) {
            throw new SerializationException("column '" + column.getName() + "' of " + source + " has Parquet type " + primitive
                    + ", which is not read into Arrow tables; supported: int32, int64, float, double, boolean, binary and string, "
                    + "date and timestamp (ms, us, ns)");
        }
        boolean nullable = !column.isRepetition(Repetition.REQUIRED);
        return new Field(column.getName(), new FieldType(nullable, type, null), List.of());
    }
}
