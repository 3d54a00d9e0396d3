package dev.rivulet.jdbc.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.jdbc.JdbcBatchReader;
import dev.rivulet.jdbc.JdbcReadOptions;
import dev.rivulet.jdbc.JdbcTables;
import dev.rivulet.jdbc.testing.MariaDbTestServerExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The examples in {@link JdbcTables}'s and {@link JdbcBatchReader}'s javadoc. */
class JdbcTablesSnippetsTest {

    @RegisterExtension
    static final MariaDbTestServerExtension mariadb = new MariaDbTestServerExtension();

    @BeforeAll
    static void orders() throws Exception {
        try (Connection connection = mariadb.server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(12, 2), placed DATE)");
            statement.execute("INSERT INTO orders SELECT seq, CONCAT('c', seq % 7), seq * 1.25, '2024-01-01' + INTERVAL seq DAY FROM seq_1_to_1000");
        }
    }

    @Test
    void all() throws Exception {
        DataSource dataSource = mariadb.server().dataSource("");
        // @start region=all
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot orders = JdbcTables.readAll(dataSource,
                        "SELECT id, customer, total FROM orders WHERE placed >= ?", List.of(java.time.LocalDate.of(2026, 1, 1)), allocator)) {
            System.out.println(orders.getRowCount() + " orders since 2026");
            // @end
            assertThat(orders.getRowCount()).isEqualTo(1000 - 730);
        }
    }

    @Test
    void batches() throws Exception {
        DataSource dataSource = mariadb.server().dataSource("");
        long rows = 0;
        // @start region=batches
        try (BufferAllocator allocator = new RootAllocator();
                JdbcBatchReader reader = JdbcTables.read(dataSource, "SELECT * FROM orders", List.of(), allocator,
                        JdbcReadOptions.builder().batchRows(100).build())) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot batch = reader.root(); // up to 100 rows, replaced by the next batch
                rows += batch.getRowCount();
            }
        }
        // @end
        assertThat(rows).isEqualTo(1000);
    }
}
