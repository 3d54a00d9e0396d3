package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Maps Arrow schemas to the Parquet schemas they are written as; {@link ParquetSchemas} is the
 * other direction.
 */
public final class ArrowToParquetSchema {

    private ArrowToParquetSchema() {}

    /** The Parquet schema for {@code schema}. */
    public static MessageType of(Schema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : schema.getFields()) {
            message.addField(column(field));
        }
        return message.named("schema");
    }

    private static Type column(Field field) {
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
}
