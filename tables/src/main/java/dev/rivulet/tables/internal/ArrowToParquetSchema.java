package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.vector.extension.UuidType;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.schema.EdgeInterpolationAlgorithm;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Maps Arrow schemas to the Parquet schemas they are written as; {@link ParquetSchemas} is the
 * other direction. Lists are written in the standard three-level form ({@code <list> (LIST) {
 * repeated group list { <element> } }}), maps as {@code (MAP) { repeated group key_value { required
 * key; value } }}, as the Parquet spec asks and DuckDB, Spark and pyarrow write them.
 */
public final class ArrowToParquetSchema {

    /** The Parquet names of the parts of a list and of a map, which the column writers use too. */
    static final String LIST = "list";
    static final String ELEMENT = "element";
    static final String KEY_VALUE = "key_value";
    static final String KEY = "key";
    static final String VALUE = "value";

    private ArrowToParquetSchema() {}

    /**
     * The Parquet schema for {@code schema}.
     *
     * @throws SerializationException if a column, or a field nested in one, has a type not written; the message names it
     */
    public static MessageType of(Schema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : schema.getFields()) {
            message.addField(column(field, field.getName(), field.getName()));
        }
        return message.named("schema");
    }

    /** The bytes a Parquet FIXED_LEN_BYTE_ARRAY decimal of {@code precision} digits takes: the fewest that hold 10^precision - 1. */
    static int decimalBytes(int precision) {
        int bits = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).bitLength() + 1;     // and a sign bit
        return (bits + 7) / 8;
    }

    private static Type column(Field field, String name, String path) {
        if (field.getDictionary() != null) {
            throw unsupported(field, path, " (dictionary-encoded)", "decode it first");
        }
        Repetition repetition = field.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        String logical = ParquetLogicalTypes.of(field);
        if (logical != null) {
            return annotated(field, name, path, repetition, logical);
        }
        return switch (field.getType()) {
            case ArrowType.Int i -> integer(i, repetition).named(name);
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.HALF ->
                    Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(2)
                            .as(LogicalTypeAnnotation.float16Type()).named(name);
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.SINGLE ->
                    Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case ArrowType.FloatingPoint f -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case ArrowType.Decimal d -> decimal(d, repetition).named(name);
            case ArrowType.Bool b -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case ArrowType.Utf8 u -> string(repetition).named(name);
            case ArrowType.LargeUtf8 u -> string(repetition).named(name);
            case ArrowType.Binary b -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case ArrowType.LargeBinary b -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case ArrowType.FixedSizeBinary b -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(b.getByteWidth()).named(name);
            case UuidType u -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                    .as(LogicalTypeAnnotation.uuidType()).named(name);
            // both Arrow date units are days in Parquet; date-millis values are whole days
            case ArrowType.Date d -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            // Parquet has no seconds: times and timestamps in seconds are written in milliseconds
            case ArrowType.Time t when t.getUnit() == TimeUnit.SECOND || t.getUnit() == TimeUnit.MILLISECOND ->
                    Types.primitive(PrimitiveTypeName.INT32, repetition)
                            .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(name);
            case ArrowType.Time t -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timeType(false, parquetUnit(t.getUnit()))).named(name);
            case ArrowType.Timestamp t -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(t.getTimezone() != null, parquetUnit(t.getUnit()))).named(name);
            case ArrowType.Interval i -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(12)
                    .as(LogicalTypeAnnotation.intervalType()).named(name);
            case ArrowType.Struct s -> struct(field, name, path, repetition);
            case ArrowType.List l -> list(field, name, path, repetition);
            case ArrowType.LargeList l -> list(field, name, path, repetition);
            case ArrowType.FixedSizeList l -> list(field, name, path, repetition);
            case ArrowType.Map m -> map(field, name, path, repetition);
            default -> throw unsupported(field, path, "", "cast the column, or use the \"arrow\" serializer");
        };
    }

    private static Types.PrimitiveBuilder<PrimitiveType> integer(ArrowType.Int type, Repetition repetition) {
        int bits = type.getBitWidth();
        if (bits == 64) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(type.getIsSigned() ? null : LogicalTypeAnnotation.intType(64, false));
        }
        return Types.primitive(PrimitiveTypeName.INT32, repetition)
                .as(bits == 32 && type.getIsSigned() ? null : LogicalTypeAnnotation.intType(bits, type.getIsSigned()));
    }

    /** As the Parquet spec recommends: int32 up to 9 digits, int64 up to 18, else the fewest fixed bytes that hold them. */
    private static Types.PrimitiveBuilder<PrimitiveType> decimal(ArrowType.Decimal type, Repetition repetition) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(type.getScale(), type.getPrecision());
        if (type.getPrecision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation);
        } else if (type.getPrecision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(decimalBytes(type.getPrecision())).as(annotation);
    }

    private static Types.PrimitiveBuilder<PrimitiveType> string(Repetition repetition) {
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
    }

    private static Type annotated(Field field, String name, String path, Repetition repetition, String logical) {
        ArrowType type = field.getType();
        boolean text = type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8;
        boolean bytes = type instanceof ArrowType.Binary || type instanceof ArrowType.LargeBinary;
        List<String> parameters = ParquetLogicalTypes.parameters(logical);
        String crs = parameters.isEmpty() ? null : parameters.getFirst();
        LogicalTypeAnnotation annotation = switch (ParquetLogicalTypes.name(logical)) {
            case ParquetLogicalTypes.JSON -> text || bytes ? LogicalTypeAnnotation.jsonType() : null;
            case ParquetLogicalTypes.ENUM -> text ? LogicalTypeAnnotation.enumType() : null;
            case ParquetLogicalTypes.BSON -> bytes ? LogicalTypeAnnotation.bsonType() : null;
            case ParquetLogicalTypes.UUID -> type.equals(new ArrowType.FixedSizeBinary(16)) ? LogicalTypeAnnotation.uuidType() : null;
            case ParquetLogicalTypes.GEOMETRY -> bytes ? LogicalTypeAnnotation.geometryType(crs) : null;
            case ParquetLogicalTypes.GEOGRAPHY -> bytes ? LogicalTypeAnnotation.geographyType(crs, edges(parameters, path)) : null;
            case ParquetLogicalTypes.VARIANT -> isVariant(field) ? LogicalTypeAnnotation.variantType((byte) 1) : null;
            default -> throw new SerializationException("column '" + path + "' has " + ParquetLogicalTypes.KEY + " = '" + logical
                    + "' in its metadata, which is none of JSON, ENUM, BSON, UUID, VARIANT, GEOMETRY, GEOGRAPHY; remove it or correct it");
        };
        if (annotation == null) {
            throw new SerializationException("column '" + path + "' has " + ParquetLogicalTypes.KEY + " = " + logical + " on Arrow type "
                    + type + ", which does not hold it: JSON goes on utf8, large utf8, binary or large binary; ENUM on utf8 or large utf8; "
                    + "BSON, GEOMETRY and GEOGRAPHY on binary or large binary; UUID on fixed size binary(16); "
                    + "VARIANT on a struct of non-null binary fields 'metadata' and 'value'");
        }
        if (annotation instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16).as(annotation).named(name);
        }
        if (annotation instanceof LogicalTypeAnnotation.VariantLogicalTypeAnnotation) {
            return Types.buildGroup(repetition).as(annotation)
                    .required(PrimitiveTypeName.BINARY).named("metadata")
                    .required(PrimitiveTypeName.BINARY).named("value")
                    .named(name);
        }
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(annotation).named(name);
    }

    /** A geography's edge interpolation, the second parameter of {@code GEOGRAPHY(crs, edges)}; null for the default. */
    private static EdgeInterpolationAlgorithm edges(List<String> parameters, String path) {
        if (parameters.size() < 2) {
            return null;
        }
        try {
            return EdgeInterpolationAlgorithm.valueOf(parameters.get(1));
        } catch (IllegalArgumentException e) {
            throw new SerializationException("column '" + path + "' names the edge interpolation '" + parameters.get(1)
                    + "', which is none of " + java.util.Arrays.toString(EdgeInterpolationAlgorithm.values()));
        }
    }

    private static boolean isVariant(Field field) {
        List<Field> children = field.getChildren();
        return field.getType() instanceof ArrowType.Struct && children.size() == 2
                && children.get(0).getName().equals("metadata") && children.get(1).getName().equals("value")
                && children.stream().allMatch(c -> c.getType() instanceof ArrowType.Binary && !c.isNullable());
    }

    private static Type struct(Field field, String name, String path, Repetition repetition) {
        if (field.getChildren().isEmpty()) {
            throw unsupported(field, path, " with no fields", "Parquet has no empty groups; drop the column");
        }
        Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.buildGroup(repetition);
        for (Field child : field.getChildren()) {
            group.addField(column(child, child.getName(), path + "." + child.getName()));
        }
        return group.named(name);
    }

    private static Type list(Field field, String name, String path, Repetition repetition) {
        Field element = field.getChildren().getFirst();
        return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(column(element, ELEMENT, path + "[]")).named(LIST))
                .named(name);
    }

    private static Type map(Field field, String name, String path, Repetition repetition) {
        List<Field> entry = field.getChildren().getFirst().getChildren();
        Field key = entry.get(0);
        if (key.isNullable()) {
            throw new SerializationException("column '" + path + "' is a map whose keys are nullable; Parquet map keys are required: "
                    + "make the key field not nullable");
        }
        return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                .addField(Types.repeatedGroup()
                        .addField(column(key, KEY, path + ".key"))
                        .addField(column(entry.get(1), VALUE, path + ".value"))
                        .named(KEY_VALUE))
                .named(name);
    }

    private static LogicalTypeAnnotation.TimeUnit parquetUnit(TimeUnit unit) {
        return switch (unit) {
            case SECOND, MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
            case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
            case NANOSECOND -> LogicalTypeAnnotation.TimeUnit.NANOS;
        };
    }

    private static SerializationException unsupported(Field field, String path, String how, String fix) {
        return new SerializationException("column '" + path + "' has Arrow type " + field.getType() + how
                + ", which Rivulet's Parquet writer does not write (docs/tables.md, \"Writing\", lists the types it does); " + fix);
    }
}
