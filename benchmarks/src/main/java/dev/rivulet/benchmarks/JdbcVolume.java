package dev.rivulet.benchmarks;

import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.jdbc.JdbcBatchReader;
import dev.rivulet.jdbc.JdbcReadOptions;
import dev.rivulet.jdbc.JdbcTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Option;

/** How much the JDBC benchmarks read ({@code --rows}, {@code --batch}), and Rivulet's side of them. */
final class JdbcVolume {

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "rows the query returns")
    int rows = 1_000_000;

    @Option(names = "--batch", paramLabel = "N", converter = PositiveCountConverter.class, description = "rows a batch, and the fetch size")
    int batch = 65_536;

    /** Reads one row's columns into Java values, and folds them into a number that keeps them alive. */
    @FunctionalInterface
    interface RowReader {
        long read(ResultSet row) throws SQLException;
    }

    /**
     * Reads every row of {@code query} by hand, forward-only with a fetch size of {@code batch}, each
     * through {@code reader}; returns the rows read.
     */
    static long readByHand(DataSource dataSource, String query, int batch, RowReader reader) throws SQLException {
        long read = 0;
        long hash = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(batch);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    hash = hash * 31 + reader.read(result);
                    read++;
                }
            }
        }
        if (hash == 42) {
            System.err.println("(a hash that keeps the loop's values alive)");
        }
        return read;
    }

    /** Streams {@code query}'s result through {@link JdbcTables#read} in batches of {@code batch} rows; returns the rows read. */
    static long readIntoArrow(DataSource dataSource, String query, BufferAllocator allocator, int batch) throws SQLException {
        try (JdbcBatchReader reader = JdbcTables.read(dataSource, query, List.of(), allocator, JdbcReadOptions.builder().batchRows(batch).build())) {
            while (reader.loadNextBatch()) {
                // the batch is in Arrow; the next replaces it
            }
            return reader.rowsRead();
        }
    }
}
