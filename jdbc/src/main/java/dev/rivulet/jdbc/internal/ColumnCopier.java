package dev.rivulet.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies one column of the current row of a result into row {@code row} of its Arrow vector: one
 * per column and result, made by {@link ColumnMappings}, holding the vector it writes to.
 */
public interface ColumnCopier {

    /** {@return the vector this copier writes} */
    FieldVector vector();

    /**
     * Copies the column's value in the result's current row, or marks it null.
     *
     * @param result the result, on the row to copy
     * @param row the row of the vector to write, grown to fit
     * @throws SQLException if the driver cannot read the value as the column's type
     */
    void copy(ResultSet result, int row) throws SQLException;
}
