package dev.rivulet.jdbc.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The copier of each kind of column: a final class per kind, holding its vector by its own type, so
 * that reading and writing a value are direct calls the JIT inlines (a shared copier calling
 * per-column lambdas made two megamorphic calls a value; see docs/jdbc.md, "Speed").
 *
 * <p>The primitive getters return 0 (or false) for SQL {@code NULL}: {@code wasNull()} is asked only
 * after such a value, which saves a call on every other row.
 */
final class ColumnCopiers {

    /** The most decimal digits a {@code long} holds, whatever they are. */
    private static final int LONG_DIGITS = 18;

    private ColumnCopiers() {}

    /** {@code BIGINT}: a {@code long} written as it is. */
    static final class Int64 extends ColumnCopier {
        private final BigIntVector vector;

        Int64(BigIntVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            long value = result.getLong(index);
            if (value == 0 && result.wasNull()) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, value);
            }
        }
    }

    /** Integers narrower than 64 bits, read as {@code long}: every such column fits its vector by the mapping. */
    static final class NarrowInteger extends ColumnCopier {
        private final BaseFixedWidthVector vector;
        private final BaseIntVector integers;

        NarrowInteger(BaseFixedWidthVector vector, int index) {
            super(vector, index);
            this.vector = vector;
            this.integers = (BaseIntVector) vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            long value = result.getLong(index);
            if (value == 0 && result.wasNull()) {
                vector.setNull(row);
            } else {
                while (row >= vector.getValueCapacity()) {
                    vector.reAlloc();
                }
                integers.setWithPossibleTruncate(row, value);
            }
        }
    }

    /** {@code REAL}: a {@code float}. */
    static final class Float32 extends ColumnCopier {
        private final Float4Vector vector;

        Float32(Float4Vector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            float value = result.getFloat(index);
            if (value == 0 && result.wasNull()) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, value);
            }
        }
    }

    /** {@code FLOAT}, {@code DOUBLE}: a {@code double}. */
    static final class Float64 extends ColumnCopier {
        private final Float8Vector vector;

        Float64(Float8Vector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            double value = result.getDouble(index);
            if (value == 0 && result.wasNull()) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, value);
            }
        }
    }

    /** {@code BOOLEAN}, {@code BIT(1)}. */
    static final class Bool extends ColumnCopier {
        private final BitVector vector;

        Bool(BitVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            boolean value = result.getBoolean(index);
            if (!value && result.wasNull()) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, value ? 1 : 0);
            }
        }
    }

    /** Decimals up to 38 digits, and {@code BIGINT UNSIGNED} as {@code Decimal(20, 0)}. */
    static final class Decimal128 extends ColumnCopier {
        private final DecimalVector vector;
        private final SqlColumn column;
        private final int scale;
        private final int digitsInLong;

        Decimal128(DecimalVector vector, SqlColumn column) {
            super(vector, column.index());
            this.vector = vector;
            this.column = column;
            this.scale = vector.getScale();
            this.digitsInLong = Math.min(LONG_DIGITS, vector.getPrecision());
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            BigDecimal value = result.getBigDecimal(index);
            if (value == null) {
                vector.setNull(row);
            } else if (value.scale() == scale && value.precision() <= digitsInLong) {
                // Arrow's setSafe(BigDecimal) writes through BigInteger.toByteArray and a byte reversal;
                // a value of at most 18 digits at the column's scale is its unscaled long, written as one.
                vector.setSafe(row, value.unscaledValue().longValue());
            } else {
                vector.setSafe(row, ColumnMappings.atScale(value, scale, column));
            }
        }
    }

    /** Decimals of 39 to 76 digits. */
    static final class Decimal256 extends ColumnCopier {
        private final Decimal256Vector vector;
        private final SqlColumn column;

        Decimal256(Decimal256Vector vector, SqlColumn column) {
            super(vector, column.index());
            this.vector = vector;
            this.column = column;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            BigDecimal value = result.getBigDecimal(index);
            if (value == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, ColumnMappings.atScale(value, vector.getScale(), column));
            }
        }
    }

    /** Text through {@code getString}, encoded to UTF-8: any driver. */
    static final class TextFromString extends ColumnCopier {
        private final VarCharVector vector;

        TextFromString(VarCharVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            String value = result.getString(index);
            if (value == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Text through {@code getBytes}, from a driver whose {@code getString} decodes those same bytes as
     * UTF-8 ({@link SqlDialect#textBytesAreUtf8()}): ASCII bytes are the text's UTF-8 as they stand,
     * which skips decoding into a {@code String} and encoding it again. Other bytes take that round
     * trip, so that the value is what {@code getString} gives in every case, malformed bytes included.
     */
    static final class TextFromUtf8Bytes extends ColumnCopier {
        private final VarCharVector vector;

        TextFromUtf8Bytes(VarCharVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            byte[] value = result.getBytes(index);
            if (value == null) {
                vector.setNull(row);
            } else if (isAscii(value)) {
                vector.setSafe(row, value);
            } else {
                vector.setSafe(row, new String(value, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            }
        }

        static boolean isAscii(byte[] bytes) {
            for (byte b : bytes) {
                if (b < 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code BINARY}, {@code VARBINARY}, {@code BLOB}. */
    static final class Binary extends ColumnCopier {
        private final VarBinaryVector vector;

        Binary(VarBinaryVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            byte[] value = result.getBytes(index);
            if (value == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, value);
            }
        }
    }

    /** {@code DATE}: days since 1970-01-01. */
    static final class Date extends ColumnCopier {
        private final DateDayVector vector;

        Date(DateDayVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            LocalDate value = result.getObject(index, LocalDate.class);
            if (value == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, Math.toIntExact(value.toEpochDay()));
            }
        }
    }

    /** A wall-clock date-time ({@code DATETIME}, the standard's {@code TIMESTAMP}): microseconds since 1970-01-01T00:00. */
    static final class LocalTimestamp extends ColumnCopier {
        private final TimeStampMicroVector vector;

        LocalTimestamp(TimeStampMicroVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            LocalDateTime value = result.getObject(index, LocalDateTime.class);
            if (value == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, SqlTimes.micros(value));
            }
        }
    }

    /** An instant (MariaDB's {@code TIMESTAMP}, {@code TIMESTAMP WITH TIME ZONE}): microseconds since the epoch, UTC. */
    static final class Instant extends ColumnCopier {
        private final TimeStampMicroTZVector vector;

        Instant(TimeStampMicroTZVector vector, int index) {
            super(vector, index);
            this.vector = vector;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            OffsetDateTime value = result.getObject(index, OffsetDateTime.class);
            if (value == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, SqlTimes.micros(value));
            }
        }
    }

    /** {@code TIME} as text: MariaDB's range, -838:59:59.999999 to 838:59:59.999999, is beyond java.sql.Time. */
    static final class Duration extends ColumnCopier {
        private final DurationVector vector;
        private final SqlColumn column;

        Duration(DurationVector vector, SqlColumn column) {
            super(vector, column.index());
            this.vector = vector;
            this.column = column;
        }

        @Override
        public void copy(ResultSet result, int row) throws SQLException {
            String value = result.getString(index);
            if (value == null) {
                vector.setNull(row);
            } else {
                vector.setSafe(row, SqlTimes.micros(value, column));
            }
        }
    }
}
