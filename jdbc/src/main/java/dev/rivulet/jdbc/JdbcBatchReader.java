package dev.rivulet.jdbc;

import dev.rivulet.jdbc.internal.ColumnCopier;
import dev.rivulet.jdbc.internal.ColumnMappings;
import dev.rivulet.jdbc.internal.SqlColumn;
import dev.rivulet.jdbc.internal.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query's result read as a sequence of Arrow batches, each into the same {@link #root()}: a
 * running query holding a statement, a result and, when made from a {@code DataSource}, a
 * connection; close it when done, including when you stop early. Made by
 * {@link JdbcTables#read(javax.sql.DataSource, String, List, BufferAllocator, JdbcReadOptions)}.
 *
 * {@snippet file="dev/rivulet/jdbc/snippets/JdbcTablesSnippetsTest.java" region="batches"}
 *
 * <p>{@link #loadNextBatch()} fills the root with up to {@link JdbcReadOptions#batchRows()} rows,
 * replacing the previous batch: the off-heap memory held is that of the largest batch, however
 * long the result (with a driver that streams; see {@link JdbcReadOptions}). The root and its
 * vectors belong to the reader: read them, or copy out what you keep, before the next batch;
 * {@link #close()} frees them. A reader is not safe for use by several threads at once.
 *
 * <p>Closing a reader before its last batch makes the driver read and drop the rest of the result
 * (MariaDB's and MySQL's do), which takes as long as reading it: put a {@code LIMIT} in the query
 * when you want a prefix.
 */
public final class JdbcBatchReader implements AutoCloseable {

    /** Vectors start this small and grow to the batch: a one-row result does not cost a full batch. */
    private static final int INITIAL_CAPACITY = 1024;

    private final Connection connection;
    private final boolean ownsConnection;
    private final PreparedStatement statement;
    private final ResultSet result;
    private final List<SqlColumn> columns;
    /** An array, not a list: it is indexed for every value. */
    private final ColumnCopier[] copiers;
    private final VectorSchemaRoot root;
    private final int batchRows;
    private boolean exhausted;
    private boolean closed;
    private long rowsRead;

    private JdbcBatchReader(Connection connection, boolean ownsConnection, PreparedStatement statement, ResultSet result,
            List<SqlColumn> columns, List<ColumnCopier> copiers, int batchRows) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.statement = statement;
        this.result = result;
        this.columns = columns;
        this.copiers = copiers.toArray(ColumnCopier[]::new);
        this.batchRows = batchRows;
        List<FieldVector> vectors = new ArrayList<>(copiers.size());
        for (ColumnCopier copier : copiers) {
            vectors.add(copier.vector());
        }
        this.root = new VectorSchemaRoot(vectors);
    }

    /**
     * Runs a query on a connection and maps its columns, closing what it opened (the connection too
     * when owned) if that fails.
     */
    static JdbcBatchReader open(Connection connection, boolean ownsConnection, String sql, List<?> parameters,
            BufferAllocator allocator, JdbcReadOptions options) throws SQLException {
        PreparedStatement statement = null;
        ResultSet result = null;
        List<ColumnCopier> copiers = new ArrayList<>();
        try {
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(options.fetchSize());
            bind(statement, parameters);
            result = statement.executeQuery();
            ResultSetMetaData metadata = result.getMetaData();
            SqlDialect dialect = SqlDialect.of(connection.getMetaData());
            List<SqlColumn> columns = new ArrayList<>(metadata.getColumnCount());
            for (int index = 1; index <= metadata.getColumnCount(); index++) {
                SqlColumn column = SqlColumn.of(metadata, index);
                columns.add(column);
                ColumnCopier copier = ColumnMappings.copier(column, dialect, allocator);
                copiers.add(copier);
                copier.vector().setInitialCapacity(Math.min(options.batchRows(), INITIAL_CAPACITY));
                copier.vector().allocateNew();
            }
            return new JdbcBatchReader(connection, ownsConnection, statement, result, List.copyOf(columns), List.copyOf(copiers), options.batchRows());
        } catch (SQLException | RuntimeException e) {
            for (ColumnCopier copier : copiers) {
                copier.vector().close();
            }
            closeAll(e, result, statement, ownsConnection ? connection : null);
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        int expected = parameterCount(statement, parameters.size());
        if (expected != parameters.size()) {
            throw new SQLException("the query has " + expected + " parameter" + (expected == 1 ? "" : "s")
                    + " (?) but " + parameters.size() + (parameters.size() == 1 ? " value was" : " values were") + " given: " + parameters);
        }
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** The query's number of parameters, or {@code given} from a driver that cannot tell before running it. */
    private static int parameterCount(PreparedStatement statement, int given) throws SQLException {
        try {
            return statement.getParameterMetaData().getParameterCount();
        } catch (SQLFeatureNotSupportedException cannotTell) {
            return given;
        }
    }

    /** {@return the Arrow schema of every batch: one field per column, named by its label} */
    public Schema schema() {
        return root.getSchema();
    }

    /**
     * The current batch: empty before the first {@link #loadNextBatch()}, replaced by each.
     *
     * @return the reader's root, valid until the reader is closed
     */
    public VectorSchemaRoot root() {
        return root;
    }

    /** {@return the rows loaded so far, in all batches} */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * Loads the next batch into {@link #root()}.
     *
     * @return false, with an empty root, when the result has no more rows
     * @throws SQLException if the driver fails, or a value does not fit its column's Arrow type
     *     (the message names the column)
     * @throws IllegalStateException if the reader is closed
     */
    public boolean loadNextBatch() throws SQLException {
        if (closed) {
            throw new IllegalStateException("the reader is closed; read a query again with JdbcTables.read");
        }
        for (ColumnCopier copier : copiers) {
            copier.vector().reset();
        }
        int rows = 0;
        if (!exhausted) {
            while (rows < batchRows && result.next()) {
                copyRow(rows);
                rows++;
            }
            exhausted = rows < batchRows;
        }
        root.setRowCount(rows);
        rowsRead += rows;
        return rows > 0;
    }

    private void copyRow(int row) throws SQLException {
        for (int i = 0; i < copiers.length; i++) {
            try {
                copiers[i].copy(result, row);
            } catch (SQLException e) {
                String message = e.getMessage();
                SqlColumn column = columns.get(i);
                if (message != null && message.startsWith(column.describe())) {
                    throw e;
                }
                throw new SQLException(column.describe() + ", row " + (rowsRead + row + 1) + ": " + message, e.getSQLState(), e);
            }
        }
    }

    /**
     * Frees the batch's memory and closes the result and statement, and the connection when the
     * reader opened it. Closing twice does nothing.
     *
     * @throws SQLException if the driver fails to close one of them; the others are closed anyway
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        root.close();
        SQLException failure = new SQLException("closing the reader failed");
        closeAll(failure, result, statement, ownsConnection ? connection : null);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(Exception failure, AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
