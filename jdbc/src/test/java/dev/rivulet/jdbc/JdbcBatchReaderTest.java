package dev.rivulet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.jdbc.testing.MariaDbTestServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches, memory bounded by one batch, parameters and failures, through a real MariaDB server. */
class JdbcBatchReaderTest {

    @RegisterExtension
    static final MariaDbTestServerExtension mariadb = new MariaDbTestServerExtension();

    /** 300,000 rows (seq is BIGINT UNSIGNED, a decimal in Arrow: cast to a signed BIGINT) of about 60 bytes each from MariaDB's sequence engine: some 18 MB on the wire. */
    private static final int LARGE_ROWS = 300_000;
    private static final String LARGE_QUERY = "SELECT CAST(seq AS SIGNED) AS n, CONCAT('row-', seq, '-', REPEAT('x', 40)) AS label FROM seq_1_to_" + LARGE_ROWS;
    /** An allocator limit of 1 MiB: a batch of 1,000 rows fits; the whole result (18 MB) does not. */
    private static final long LIMIT = 1L << 20;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void readsAResultFarLargerThanTheMemoryLimitInBoundedBatches() throws Exception {
        DataSource dataSource = mariadb.server().dataSource("");
        long sum = 0;
        int batches = 0;
        try (BufferAllocator bounded = memory.allocator().newChildAllocator("bounded", 0, LIMIT);
                JdbcBatchReader reader = JdbcTables.read(dataSource, LARGE_QUERY, List.of(), bounded,
                        JdbcReadOptions.builder().batchRows(1_000).build())) {
            while (reader.loadNextBatch()) {
                batches++;
                BigIntVector n = (BigIntVector) reader.root().getVector("n");
                VarCharVector label = (VarCharVector) reader.root().getVector("label");
                for (int row = 0; row < reader.root().getRowCount(); row++) {
                    sum += n.get(row);
                    assertThat(label.getObject(row).toString()).startsWith("row-" + n.get(row) + "-x");
                }
                if (batches == 1) {
                    assertThat(queryStillSending()).as("the server is still sending: the driver streams").isTrue();
                }
            }
            assertThat(reader.rowsRead()).isEqualTo(LARGE_ROWS);
            assertThat(bounded.getPeakMemoryAllocation()).as("peak off-heap bytes").isLessThan(LIMIT / 4);
        }
        assertThat(batches).isEqualTo(LARGE_ROWS / 1_000);
        assertThat(sum).isEqualTo((long) LARGE_ROWS * (LARGE_ROWS + 1) / 2);
    }

    @Test
    void theWholeResultDoesNotFitTheSameLimit() throws Exception {
        DataSource dataSource = mariadb.server().dataSource("");
        try (BufferAllocator bounded = memory.allocator().newChildAllocator("bounded", 0, LIMIT)) {
            assertThatThrownBy(() -> JdbcTables.readAll(dataSource, LARGE_QUERY, List.of(), bounded).close())
                    .isInstanceOf(OutOfMemoryException.class);
        }
    }

    /** Whether another connection sees the large query still running, not yet all sent. */
    private static boolean queryStillSending() throws SQLException {
        try (Connection connection = mariadb.server().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE 'SELECT CAST(seq AS SIGNED) AS n%'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    @Test
    void batchesSplitTheResultExactlyAndEndOnAnEmptyRoot() throws Exception {
        try (Connection connection = mariadb.server().connect();
                JdbcBatchReader reader = JdbcTables.read(connection, "SELECT CAST(seq AS SIGNED) AS seq FROM seq_1_to_10", List.of(), memory.allocator(),
                        JdbcReadOptions.builder().batchRows(5).build())) {
            assertThat(reader.schema().getFields()).extracting(f -> f.getName()).containsExactly("seq");
            List<Integer> sizes = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            while (reader.loadNextBatch()) {
                sizes.add(reader.root().getRowCount());
                BigIntVector seq = (BigIntVector) reader.root().getVector(0);
                for (int row = 0; row < seq.getValueCount(); row++) {
                    values.add(seq.get(row));
                }
            }
            assertThat(sizes).containsExactly(5, 5);
            assertThat(values).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(reader.root().getRowCount()).isZero();
            assertThat(reader.loadNextBatch()).isFalse();
        }
    }

    @Test
    void anEmptyResultHasItsSchemaAndNoBatch() throws Exception {
        try (Connection connection = mariadb.server().connect();
                JdbcBatchReader reader = JdbcTables.read(connection, "SELECT seq, 'a' AS s FROM seq_1_to_10 WHERE seq > 10", List.of(), memory.allocator(),
                        JdbcReadOptions.defaults())) {
            assertThat(reader.schema().getFields()).extracting(f -> f.getName()).containsExactly("seq", "s");
            assertThat(reader.loadNextBatch()).isFalse();
        }
    }

    @Test
    void bindsParametersInOrderWithNullAsSqlNull() throws Exception {
        try (Connection connection = mariadb.server().connect()) {
            try (VectorSchemaRoot table = JdbcTables.readAll(connection,
                    "SELECT seq, ? AS tag, ? IS NULL AS missing FROM seq_1_to_100 WHERE seq > ? AND seq <= ?",
                    java.util.Arrays.asList("t\uD83D\uDE00", null, 40, 43L), memory.allocator())) {
                assertThat(table.getRowCount()).isEqualTo(3);
                assertThat(table.getVector("seq").getObject(0)).isEqualTo(new java.math.BigDecimal(41)); // seq is BIGINT UNSIGNED
                assertThat(table.getVector("tag").getObject(2).toString()).isEqualTo("t\uD83D\uDE00");
                assertThat(table.getVector("missing").getObject(0)).isEqualTo(1);
            }
            // readAll on a connection leaves it open and usable.
            assertThat(connection.isClosed()).isFalse();
        }
    }

    @Test
    void aParameterCountMismatchIsRefusedNamingBothCounts() throws Exception {
        try (Connection connection = mariadb.server().connect()) {
            assertThatThrownBy(() -> JdbcTables.readAll(connection, "SELECT seq FROM seq_1_to_9 WHERE seq > ?", List.of(), memory.allocator()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("1 parameter (?) but 0 values were given");
        }
    }

    @Test
    void aFailingQueryClosesTheConnectionItOpened() throws Exception {
        DataSource dataSource = mariadb.server().dataSource("");
        int before = openConnections();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> JdbcTables.read(dataSource, "SELECT * FROM no_such_table", List.of(), memory.allocator(), JdbcReadOptions.defaults()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");
        }
        assertThat(openConnections()).isEqualTo(before);
    }

    private static int openConnections() throws SQLException {
        try (Connection connection = mariadb.server().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Daemon'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aClosedReaderRefusesToLoad() throws Exception {
        JdbcBatchReader reader = JdbcTables.read(mariadb.server().dataSource(""), "SELECT 1", List.of(), memory.allocator(), JdbcReadOptions.defaults());
        reader.close();
        reader.close();
        assertThatThrownBy(reader::loadNextBatch).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void optionsRefuseSizesThatWouldReadEverything() {
        assertThatThrownBy(() -> JdbcReadOptions.builder().batchRows(0)).hasMessageContaining("batchRows must be at least 1, was 0");
        assertThatThrownBy(() -> JdbcReadOptions.builder().fetchSize(0)).hasMessageContaining("was 0");
        assertThat(JdbcReadOptions.builder().fetchSize(Integer.MIN_VALUE).build().fetchSize()).isEqualTo(Integer.MIN_VALUE);
        assertThat(JdbcReadOptions.builder().batchRows(7).build().fetchSize()).isEqualTo(7);
    }
}
