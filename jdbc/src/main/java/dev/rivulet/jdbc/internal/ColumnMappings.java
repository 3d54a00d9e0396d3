package dev.rivulet.jdbc.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The Arrow type of each SQL column type, and the copier that moves its values: the mapping that
 * docs/jdbc.md tabulates. Unsigned integers widen to the next signed type (the Parquet writer of
 * rivulet-tables and most readers know only signed ones); {@code BIGINT UNSIGNED} becomes
 * {@code Decimal(20, 0)}, exact up to 18446744073709551615.
 */
public final class ColumnMappings {

    /** The field metadata key holding the database's name of the column's type. */
    public static final String SQL_TYPE_METADATA = "rivulet.sql.type";
    /** The time zone of the Arrow type of instants ({@code TIMESTAMP} in MariaDB and MySQL). */
    public static final String INSTANT_ZONE = "UTC";
    /** Arrow's largest decimal precision in 128 bits; wider decimals take 256. */
    private static final int DECIMAL128_MAX_PRECISION = 38;

    private static final Set<String> GEOMETRY_TYPES = Set.of(
            "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");

    /**
     * The text types whose bytes MariaDB Connector/J's {@code getBytes} hands as they came (the types
     * its byte-array reading accepts), read that way where {@link SqlDialect#textBytesAreUtf8()}, which
     * saves decoding each value into a String and encoding it again (docs/jdbc.md, "Speed"). The
     * others, JSON among them (MySQL sends it as a type of its own), go through {@code getString}.
     */
    private static final Set<String> TEXT_AS_UTF8_BYTES = Set.of("CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET");

    private ColumnMappings() {}

    /**
     * The copier of one column, with a new, empty vector for it.
     *
     * @param column the column
     * @param dialect what the database's type names mean
     * @param allocator where the vector's memory comes from
     * @return the column's copier
     * @throws SQLFeatureNotSupportedException if the column's type has no Arrow mapping; the message
     *     names the column and its type, and what to select instead
     */
    public static ColumnCopier copier(SqlColumn column, SqlDialect dialect, BufferAllocator allocator) throws SQLFeatureNotSupportedException {
        Kind kind = kind(column, dialect);
        FieldVector vector = field(column, kind).createVector(allocator);
        int index = column.index();
        return switch (kind) {
            case INT64 -> new ColumnCopiers.Int64((BigIntVector) vector, index);
            case INT8, INT16, INT32 -> new ColumnCopiers.NarrowInteger((BaseFixedWidthVector) vector, index);
            case FLOAT32 -> new ColumnCopiers.Float32((Float4Vector) vector, index);
            case FLOAT64 -> new ColumnCopiers.Float64((Float8Vector) vector, index);
            case BOOLEAN -> new ColumnCopiers.Bool((BitVector) vector, index);
            case UNSIGNED_INT64, DECIMAL -> vector instanceof Decimal256Vector wide
                    ? new ColumnCopiers.Decimal256(wide, column)
                    : new ColumnCopiers.Decimal128((DecimalVector) vector, column);
            case UTF8 -> dialect.textBytesAreUtf8() && TEXT_AS_UTF8_BYTES.contains(column.typeName())
                    ? new ColumnCopiers.TextFromUtf8Bytes((VarCharVector) vector, index)
                    : new ColumnCopiers.TextFromString((VarCharVector) vector, index);
            case BINARY -> new ColumnCopiers.Binary((VarBinaryVector) vector, index);
            case DATE -> new ColumnCopiers.Date((DateDayVector) vector, index);
            case LOCAL_TIMESTAMP -> new ColumnCopiers.LocalTimestamp((TimeStampMicroVector) vector, index);
            case INSTANT -> new ColumnCopiers.Instant((TimeStampMicroTZVector) vector, index);
            case DURATION -> new ColumnCopiers.Duration((DurationVector) vector, column);
        };
    }

    /**
     * The Arrow field of a column, as {@link #copier} makes it.
     *
     * @param column the column
     * @param dialect what the database's type names mean
     * @return the field: the column's label, its Arrow type and nullability, and its SQL type in the
     *     metadata under {@link #SQL_TYPE_METADATA}
     * @throws SQLFeatureNotSupportedException if the column's type has no Arrow mapping
     */
    public static Field field(SqlColumn column, SqlDialect dialect) throws SQLFeatureNotSupportedException {
        return field(column, kind(column, dialect));
    }

    private static Field field(SqlColumn column, Kind kind) {
        ArrowType type = switch (kind) {
            case INT8 -> new ArrowType.Int(8, true);
            case INT16 -> new ArrowType.Int(16, true);
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case UNSIGNED_INT64 -> new ArrowType.Decimal(20, 0, 128);
            case DECIMAL -> decimalType(column);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case UTF8 -> ArrowType.Utf8.INSTANCE;
            case BINARY -> ArrowType.Binary.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case LOCAL_TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case INSTANT -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, INSTANT_ZONE);
            case DURATION -> new ArrowType.Duration(TimeUnit.MICROSECOND);
        };
        FieldType fieldType = new FieldType(column.nullable(), type, null, Map.of(SQL_TYPE_METADATA, column.typeName()));
        return new Field(column.label(), fieldType, null);
    }

    private static ArrowType decimalType(SqlColumn column) {
        int precision = Math.max(column.precision(), 1);
        int scale = Math.max(column.scale(), 0);
        return new ArrowType.Decimal(precision, scale, precision > DECIMAL128_MAX_PRECISION ? 256 : 128);
    }

    /** The Arrow representations columns map to. */
    private enum Kind {
        INT8, INT16, INT32, INT64, UNSIGNED_INT64, DECIMAL, FLOAT32, FLOAT64, BOOLEAN, UTF8, BINARY, DATE, LOCAL_TIMESTAMP, INSTANT, DURATION
    }

    private static Kind kind(SqlColumn column, SqlDialect dialect) throws SQLFeatureNotSupportedException {
        String name = column.typeName();
        // Names first: they say what the JDBC code does not (unsigned, YEAR, GEOMETRY, instants).
        if (GEOMETRY_TYPES.contains(name)) {
            throw unsupported(column, "it holds MariaDB's internal geometry format; select ST_AsBinary(" + column.label()
                    + ") for WKB bytes or ST_AsText(" + column.label() + ") for WKT");
        }
        if (name.equals("YEAR")) {
            return Kind.INT16;
        }
        if (name.equals("UUID")) {
            return Kind.UTF8;
        }
        // H2 reports its ENUM as JDBC OTHER, named with its values: ENUM('PAID', 'SHIPPED').
        if (name.regionMatches(true, 0, "ENUM", 0, 4) && (name.length() == 4 || name.charAt(4) == '(')) {
            return Kind.UTF8;
        }
        return switch (column.jdbcType()) {
            case Types.TINYINT -> column.signed() ? Kind.INT8 : Kind.INT16;
            case Types.SMALLINT -> column.signed() ? Kind.INT16 : Kind.INT32;
            case Types.INTEGER -> column.signed() || name.startsWith("MEDIUMINT") ? Kind.INT32 : Kind.INT64;
            case Types.BIGINT -> column.signed() ? Kind.INT64 : Kind.UNSIGNED_INT64;
            case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
            case Types.REAL -> Kind.FLOAT32;
            case Types.FLOAT, Types.DOUBLE -> Kind.FLOAT64;
            case Types.BOOLEAN -> Kind.BOOLEAN;
            case Types.BIT -> column.precision() <= 1 ? Kind.BOOLEAN : Kind.INT64;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> Kind.UTF8;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
            case Types.DATE -> Kind.DATE;
            case Types.TIMESTAMP -> dialect.isInstant(column) ? Kind.INSTANT : Kind.LOCAL_TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.INSTANT;
            case Types.TIME -> Kind.DURATION;
            default -> throw unsupported(column, "cast it in the query to a type that has one (see docs/jdbc.md)");
        };
    }

    private static SQLFeatureNotSupportedException unsupported(SqlColumn column, String fix) {
        return new SQLFeatureNotSupportedException(column.describe() + " has no Arrow mapping: " + fix);
    }

    /** A value's digits at the column's scale, or a failure naming the column if that would round. */
    static BigDecimal atScale(BigDecimal value, int scale, SqlColumn column) throws SQLException {
        if (value.scale() == scale) {
            return value;
        }
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new SQLException(column.describe() + " has the value " + value.toPlainString() + ", which does not fit its scale " + scale, e);
        }
    }
}
