package dev.rivulet.assets.internal.query;

import dev.rivulet.assets.AssetException;
import dev.rivulet.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * One DuckDB database in memory, opened at the first query, with its memory limit and threads set
 * rather than left to DuckDB's defaults (80% of the machine's memory). Each query runs on its own
 * connection to it, so queries from many threads run side by side.
 */
public final class QueryEngine implements AutoCloseable {

    private static final Pattern MEMORY = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", Pattern.CASE_INSENSITIVE);
    /** Rows per Arrow batch of query results. */
    static final int ARROW_BATCH_ROWS = 64 * 1024;

    private final String memoryLimit;
    private final int threads;
    private DuckDBConnection database;
    private Path spillDirectory;
    private boolean closed;

    public QueryEngine(String memoryLimit, int threads) {
        if (!MEMORY.matcher(memoryLimit.strip()).matches()) {
            throw new IllegalArgumentException("query memory limit '" + memoryLimit + "' is not a size such as 512MB or 4GB");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("query threads must be at least 1, was " + threads);
        }
        this.memoryLimit = memoryLimit.strip();
        this.threads = threads;
    }

    /** A new connection to the database; the caller closes it. */
    Connection connect() throws SQLException {
        return database().duplicate();
    }

    private synchronized DuckDBConnection database() throws SQLException {
        if (closed) {
            throw new SQLException("the artifact root's query engine was closed");
        }
        if (database == null) {
            DuckDBConnection opened = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = opened.createStatement()) {
                spillDirectory = Files.createTempDirectory("rivulet-duckdb-");
                statement.execute("SET memory_limit = " + Sql.literal(memoryLimit));
                statement.execute("SET threads = " + threads);
                statement.execute("SET temp_directory = " + Sql.literal(spillDirectory.toString()));
            } catch (SQLException | IOException | RuntimeException e) {
                opened.close();
                throw e instanceof SQLException sql ? sql : new SQLException("cannot set up DuckDB: " + e.getMessage(), e);
            }
            database = opened;
        }
        return database;
    }

    /** Runs a statement that returns nothing, such as a {@code COPY}. */
    public void execute(String sql, String subject) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure(e, sql, subject);
        }
    }

    /**
     * Runs {@code copy}, a statement reading the view {@code view}, over the batches of {@code
     * reader} registered under that name as one Arrow stream on a connection of its own: DuckDB
     * pulls each batch as it needs it, and the reader is closed once it is read (or given up).
     * Returns the view's columns and DuckDB types.
     */
    public Map<String, String> copyFromArrow(ArrowReader reader, BufferAllocator allocator, String view, String copy, String subject) {
        try (Connection connection = connect(); ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, reader, stream);
            connection.unwrap(DuckDBConnection.class).registerArrowStream(view, stream);
            try {
                Map<String, String> columns = describe(connection, "SELECT * FROM " + view);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(copy);
                }
                return columns;
            } finally {
                // the registration is a view of this connection; a failed statement closed its own
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP VIEW IF EXISTS " + Sql.identifier(view));
                }
            }
        } catch (SQLException e) {
            throw failure(e, copy, subject);
        }
    }

    /** The columns of what {@code select} returns and their DuckDB types, in order; nothing is read but metadata. */
    public Map<String, String> columns(String select, String subject) {
        try (Connection connection = connect()) {
            return describe(connection, select);
        } catch (SQLException e) {
            throw failure(e, "DESCRIBE " + select, subject);
        }
    }

    private static Map<String, String> describe(Connection connection, String select) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet results = statement.executeQuery("DESCRIBE " + select)) {
            Map<String, String> columns = new LinkedHashMap<>();
            while (results.next()) {
                columns.put(results.getString("column_name"), results.getString("column_type"));
            }
            return columns;
        }
    }

    public List<Map<String, Object>> rows(String sql, String subject) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet results = statement.executeQuery(sql)) {
            ResultSetMetaData meta = results.getMetaData();
            int columns = meta.getColumnCount();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (results.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(meta.getColumnLabel(i), results.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw failure(e, sql, subject);
        }
    }

    ArrowReader arrow(String sql, String subject, BufferAllocator allocator) {
        Connection connection = null;
        Statement statement = null;
        try {
            connection = connect();
            statement = connection.createStatement();
            DuckDBResultSet results = (DuckDBResultSet) statement.executeQuery(sql);
            ArrowReader reader = (ArrowReader) results.arrowExportStream(allocator, ARROW_BATCH_ROWS);
            return new ClosingArrowReader(reader, allocator, statement, connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(statement);
            closeQuietly(connection);
            throw e instanceof SQLException failed ? failure(failed, sql, subject) : (RuntimeException) e;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing
            }
        }
    }

    private static AssetException failure(SQLException e, String sql, String subject) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        return new AssetException("query of " + subject + " failed: " + message + (sql.isEmpty() ? "" : "\n  SQL: " + sql), e);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (database != null) {
            try {
                database.close();
            } catch (SQLException e) {
                throw new AssetException("closing DuckDB failed: " + e.getMessage(), e);
            } finally {
                database = null;
                deleteQuietly(spillDirectory);
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            FileTrees.deleteRecursively(directory);
        } catch (IOException e) {
            // a temporary directory; the system cleans it up
        }
    }
}
