package dev.rivulet.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * SQL queries read into Arrow: as a stream of batches of a chosen size ({@link #read}), with memory
 * bounded by one batch, or whole into one table ({@link #readAll}).
 *
 * {@snippet file="dev/rivulet/jdbc/snippets/JdbcTablesSnippetsTest.java" region="all"}
 *
 * <p>Each column becomes one Arrow field named by the column's label, nullable unless the driver
 * says the column cannot hold {@code NULL}, with the database's name of its type in the field's
 * metadata under {@code rivulet.sql.type}. Types map as docs/jdbc.md tabulates: integers to signed
 * integers of their width, unsigned ones to the next wider ({@code BIGINT UNSIGNED} to
 * {@code Decimal(20, 0)}); {@code DECIMAL} to decimals of its precision and scale; text of any
 * character set, {@code JSON}, {@code ENUM} and {@code SET} to UTF-8 strings; binary strings and
 * {@code BLOB}s to binary; {@code DATE} to days; {@code DATETIME} to microsecond timestamps without
 * a time zone; MariaDB's and MySQL's {@code TIMESTAMP} to microsecond instants in UTC, as the driver
 * converts them (set {@code connectionTimeZone} on MariaDB's driver when the server's time zone is
 * not the JVM's); {@code TIME}, which MariaDB allows from -838:59:59 to 838:59:59, to microsecond
 * durations; {@code YEAR} to a 16-bit integer; {@code BOOLEAN} and {@code BIT(1)} to booleans and
 * wider {@code BIT}s to 64-bit integers. A column of any other type fails the read before the first
 * row, naming the column and its type.
 *
 * <p>Parameters are bound in order with {@link java.sql.PreparedStatement#setObject(int, Object)}
 * ({@code null} as SQL {@code NULL}); their number must match the query's {@code ?}s.
 */
public final class JdbcTables {

    /** One batch as large as an Arrow table can be; the driver still streams the rows into it. */
    private static final JdbcReadOptions WHOLE_RESULT = JdbcReadOptions.builder()
            .batchRows(Integer.MAX_VALUE)
            .fetchSize(JdbcReadOptions.DEFAULT_BATCH_ROWS)
            .build();

    private JdbcTables() {}

    /**
     * Runs a query on a new connection from {@code dataSource} and returns a reader of its result,
     * batch by batch; closing the reader closes the connection.
     *
     * @param dataSource where the connection comes from
     * @param sql the query
     * @param parameters the values of its {@code ?} parameters, in order
     * @param allocator where the batches' memory comes from
     * @param options batch and fetch sizes
     * @return a reader positioned before the first batch
     * @throws SQLException if the query fails, or a column's type has no Arrow mapping (the message
     *     names the column and its type)
     */
    public static JdbcBatchReader read(DataSource dataSource, String sql, List<?> parameters, BufferAllocator allocator, JdbcReadOptions options) throws SQLException {
        requireArguments(sql, parameters, allocator, options);
        Connection connection = Objects.requireNonNull(dataSource, "dataSource").getConnection();
        return JdbcBatchReader.open(connection, true, sql, parameters, allocator, options);
    }

    /**
     * Runs a query on {@code connection} and returns a reader of its result, batch by batch; the
     * connection stays open when the reader closes, and, with a streaming driver, must not run
     * other statements until then.
     *
     * @param connection the connection to run the query on
     * @param sql the query
     * @param parameters the values of its {@code ?} parameters, in order
     * @param allocator where the batches' memory comes from
     * @param options batch and fetch sizes
     * @return a reader positioned before the first batch
     * @throws SQLException if the query fails, or a column's type has no Arrow mapping
     */
    public static JdbcBatchReader read(Connection connection, String sql, List<?> parameters, BufferAllocator allocator, JdbcReadOptions options) throws SQLException {
        requireArguments(sql, parameters, allocator, options);
        return JdbcBatchReader.open(Objects.requireNonNull(connection, "connection"), false, sql, parameters, allocator, options);
    }

    /**
     * Runs a query on a new connection from {@code dataSource} and reads its whole result into one
     * table; the connection is closed before this returns.
     *
     * @param dataSource where the connection comes from
     * @param sql the query
     * @param parameters the values of its {@code ?} parameters, in order
     * @param allocator where the table's memory comes from
     * @return the table, which the caller closes
     * @throws SQLException if the query fails, or a column's type has no Arrow mapping
     */
    public static VectorSchemaRoot readAll(DataSource dataSource, String sql, List<?> parameters, BufferAllocator allocator) throws SQLException {
        try (JdbcBatchReader reader = read(dataSource, sql, parameters, allocator, WHOLE_RESULT)) {
            return loadWhole(reader, allocator);
        }
    }

    /**
     * Runs a query on {@code connection} and reads its whole result into one table; the connection
     * stays open.
     *
     * @param connection the connection to run the query on
     * @param sql the query
     * @param parameters the values of its {@code ?} parameters, in order
     * @param allocator where the table's memory comes from
     * @return the table, which the caller closes
     * @throws SQLException if the query fails, or a column's type has no Arrow mapping
     */
    public static VectorSchemaRoot readAll(Connection connection, String sql, List<?> parameters, BufferAllocator allocator) throws SQLException {
        try (JdbcBatchReader reader = read(connection, sql, parameters, allocator, WHOLE_RESULT)) {
            return loadWhole(reader, allocator);
        }
    }

    /** Moves the reader's one batch into a table of the caller's, which outlives the reader. */
    private static VectorSchemaRoot loadWhole(JdbcBatchReader reader, BufferAllocator allocator) throws SQLException {
        reader.loadNextBatch();
        VectorSchemaRoot batch = reader.root();
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size());
        for (FieldVector vector : batch.getFieldVectors()) {
            TransferPair transfer = vector.getTransferPair(allocator);
            transfer.transfer();
            vectors.add((FieldVector) transfer.getTo());
        }
        return new VectorSchemaRoot(batch.getSchema().getFields(), vectors, batch.getRowCount());
    }

    private static void requireArguments(String sql, List<?> parameters, BufferAllocator allocator, JdbcReadOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(parameters, "parameters (List.of() for a query without ?)");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
    }
}
