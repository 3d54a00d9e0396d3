package dev.rivulet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A table of H2 in MySQL mode, whose driver reports types unlike MariaDB's: {@code ENUM} as JDBC
 * {@code OTHER} named with its values, {@code CLOB} as {@code CLOB} (its {@code TEXT} is a
 * {@code CHARACTER VARYING}), and {@code DATETIME} as the standard's {@code TIMESTAMP}.
 */
class JdbcTablesH2Test {

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private Connection connection;

    @BeforeEach
    void createTable() throws Exception {
        // The in-memory database lives while this connection is open.
        connection = DriverManager.getConnection("jdbc:h2:mem:reports;MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE reports (
                      id BIGINT PRIMARY KEY, status ENUM('new', 'paid', 'refunded') NOT NULL, amount DECIMAL(12, 2) NOT NULL,
                      created_at DATETIME(6) NOT NULL, customer VARCHAR(64) NOT NULL, payload TEXT NOT NULL,
                      note VARCHAR(200) NULL, discount DECIMAL(8, 2) NULL, body CLOB NULL)""");
            statement.execute("""
                    INSERT INTO reports VALUES
                    (1, 'paid', 9999999999.99, '2024-02-29 12:34:56.123456', 'customer-1', 'long \uD83D\uDE00 text', 'first', -0.25, 'clob \uD83D\uDE00'),
                    (2, 'refunded', -1234567890.12, '1969-12-31 23:59:59.999999', 'k\u00FCnde', '', NULL, NULL, NULL),
                    (-9223372036854775808, 'new', 0, '1000-01-01 00:00:00', '', '{"items": 3}', '', 999999.99, '')""");
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        connection.close();
    }

    @Test
    void mapsH2sEnumClobAndTimestampLikeMariaDbs() throws Exception {
        try (VectorSchemaRoot table = JdbcTables.readAll(connection, "SELECT * FROM reports ORDER BY id DESC", List.of(), memory.allocator())) {
            assertThat(type(table, "id")).isEqualTo(new ArrowType.Int(64, true));
            assertThat(type(table, "status")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(table.getSchema().findField("status").getMetadata().get("rivulet.sql.type")).startsWith("ENUM(");
            assertThat(type(table, "amount")).isEqualTo(new ArrowType.Decimal(12, 2, 128));
            assertThat(type(table, "created_at")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
            assertThat(type(table, "customer")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(type(table, "payload")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(type(table, "body")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(table.getSchema().findField("body").getMetadata()).containsEntry("rivulet.sql.type", "CHARACTER LARGE OBJECT");
            assertThat(type(table, "discount")).isEqualTo(new ArrowType.Decimal(8, 2, 128));
            assertThat(table.getSchema().findField("status").isNullable()).isFalse();
            assertThat(table.getSchema().findField("note").isNullable()).isTrue();
        }
    }

    @Test
    void readsEveryValueAndNull() throws Exception {
        try (VectorSchemaRoot table = JdbcTables.readAll(connection, "SELECT * FROM reports ORDER BY id DESC", List.of(), memory.allocator())) {
            assertThat(table.getRowCount()).isEqualTo(3);
            BigIntVector id = (BigIntVector) table.getVector("id");
            assertThat(List.of(id.get(0), id.get(1), id.get(2))).containsExactly(2L, 1L, Long.MIN_VALUE);
            assertThat(texts(table, "status")).containsExactly("refunded", "paid", "new");
            DecimalVector amount = (DecimalVector) table.getVector("amount");
            assertThat(List.of(amount.getObject(0), amount.getObject(1), amount.getObject(2)))
                    .containsExactly(new BigDecimal("-1234567890.12"), new BigDecimal("9999999999.99"), new BigDecimal("0.00"));
            TimeStampMicroVector created = (TimeStampMicroVector) table.getVector("created_at");
            LocalDateTime epoch = LocalDateTime.of(1970, 1, 1, 0, 0);
            assertThat(created.get(0)).isEqualTo(-1);
            assertThat(created.get(1)).isEqualTo(ChronoUnit.MICROS.between(epoch, LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000)));
            assertThat(created.get(2)).isEqualTo(ChronoUnit.MICROS.between(epoch, LocalDateTime.of(1000, 1, 1, 0, 0)));
            assertThat(texts(table, "customer")).containsExactly("k\u00FCnde", "customer-1", "");
            assertThat(texts(table, "payload")).containsExactly("", "long \uD83D\uDE00 text", "{\"items\": 3}");
            assertThat(texts(table, "note")).containsExactly(null, "first", "");
            assertThat(texts(table, "body")).containsExactly(null, "clob \uD83D\uDE00", "");
            DecimalVector discount = (DecimalVector) table.getVector("discount");
            assertThat(discount.isNull(0)).isTrue();
            assertThat(discount.getObject(1)).isEqualTo(new BigDecimal("-0.25"));
            assertThat(discount.getObject(2)).isEqualTo(new BigDecimal("999999.99"));
        }
    }

    private static ArrowType type(VectorSchemaRoot table, String column) {
        return table.getSchema().findField(column).getType();
    }

    /** A text column's values, null where the row is. */
    private static List<String> texts(VectorSchemaRoot table, String column) {
        VarCharVector vector = (VarCharVector) table.getVector(column);
        String[] values = new String[vector.getValueCount()];
        for (int row = 0; row < values.length; row++) {
            values[row] = vector.isNull(row) ? null : new String(vector.get(row), StandardCharsets.UTF_8);
        }
        return java.util.Arrays.asList(values);
    }
}
