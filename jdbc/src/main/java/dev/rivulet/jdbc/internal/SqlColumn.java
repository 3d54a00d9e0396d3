package dev.rivulet.jdbc.internal;

import java.sql.JDBCType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a driver says about one column of a result: everything the mapping to Arrow looks at.
 *
 * @param index the column's 1-based index in the result
 * @param label its label (the {@code AS} name, else its name)
 * @param jdbcType its {@link java.sql.Types} code
 * @param typeName the database's own name for its type, upper case ({@code BIGINT UNSIGNED})
 * @param signed whether a number column holds negative values
 * @param precision its precision: digits of a decimal, bits of a {@code BIT}, 0 when unknown
 * @param scale its scale: digits after the point of a decimal or of fractional seconds
 * @param nullable whether it may hold SQL {@code NULL}; true when the driver does not know
 */
public record SqlColumn(int index, String label, int jdbcType, String typeName, boolean signed, int precision, int scale, boolean nullable) {

    /**
     * Reads column {@code index} of a result's metadata.
     *
     * @param metadata the result's metadata
     * @param index the 1-based column index
     * @return the column
     * @throws SQLException if the driver fails to describe it
     */
    public static SqlColumn of(ResultSetMetaData metadata, int index) throws SQLException {
        String typeName = metadata.getColumnTypeName(index);
        return new SqlColumn(
                index,
                metadata.getColumnLabel(index),
                metadata.getColumnType(index),
                typeName == null ? "" : typeName.toUpperCase(Locale.ROOT),
                metadata.isSigned(index),
                metadata.getPrecision(index),
                metadata.getScale(index),
                metadata.isNullable(index) != ResultSetMetaData.columnNoNulls);
    }

    /** {@return the JDBC type's name, or its code when it has none} */
    String jdbcTypeName() {
        try {
            return JDBCType.valueOf(jdbcType).getName();
        } catch (IllegalArgumentException unknown) {
            return "vendor type " + jdbcType;
        }
    }

    /** {@return how error messages name the column: its index, label and type} */
    public String describe() {
        return "column " + index + " '" + label + "' of type " + typeName + " (JDBC " + jdbcTypeName() + ")";
    }
}
