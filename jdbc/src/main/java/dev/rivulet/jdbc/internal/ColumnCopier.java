package dev.rivulet.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies one column of the current row of a result into row {@code row} of its Arrow vector: one
 * per column and result, made by {@link ColumnMappings}, holding the vector it writes to.
 *
 * <p>An abstract class rather than an interface, and each kind of column a final subclass that
 * reads and writes with direct calls: the reader's call of {@link #copy} is the one dispatch per
 * value (see docs/jdbc.md, "Speed").
 */
public abstract class ColumnCopier {

    private final FieldVector vector;
    /** The column's 1-based index in the result. */
    final int index;

    ColumnCopier(FieldVector vector, int index) {
        this.vector = vector;
        this.index = index;
    }

    /** {@return the vector this copier writes} */
    public final FieldVector vector() {
        return vector;
    }

    /**
     * Copies the column's value in the result's current row, or marks it null.
     *
     * @param result the result, on the row to copy
     * @param row the row of the vector to write, grown to fit
     * @throws SQLException if the driver cannot read the value as the column's type
     */
    public abstract void copy(ResultSet result, int row) throws SQLException;
}
