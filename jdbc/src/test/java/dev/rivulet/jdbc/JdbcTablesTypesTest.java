package dev.rivulet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.jdbc.testing.MariaDbTestServerExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every column type a MariaDB table holds, at its limits and NULL, through a real server. */
class JdbcTablesTypesTest {

    @RegisterExtension
    static final MariaDbTestServerExtension mariadb = new MariaDbTestServerExtension();

    /** Instants independent of the JVM's and the server's time zones. */
    private static final String UTC_SESSION = "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection connection = mariadb.server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE every_type (
                      id INT PRIMARY KEY,
                      ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,
                      mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,
                      d DECIMAL(30, 4), dw DECIMAL(65, 30), f FLOAT, db DOUBLE,
                      c CHAR(3), vc VARCHAR(20), tx TEXT, bl BLOB, vb VARBINARY(8),
                      dt DATE, dtt DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6), y YEAR,
                      bo BOOLEAN, b1 BIT(1), b8 BIT(8), j JSON, e ENUM('small', 'large')
                    ) CHARACTER SET utf8mb4""");
            // The session's time zone is +05:00: TIMESTAMP literals are read in it, stored as UTC.
            statement.execute("SET time_zone = '+05:00'");
            statement.execute("""
                    INSERT INTO every_type VALUES
                    (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295,
                     -9223372036854775808, 18446744073709551615,
                     -12345678901234567890123456.7891, 12345678901234567890123456789012345.123456789012345678901234567890,
                     1.5, -2.25e300, 'ab', 'x\uD83D\uDE00\u00FC', 'long \uD83D\uDE00 text', x'00FF10', x'',
                     '2024-02-29', '2024-02-29 12:34:56.123456', '2024-02-29 17:34:56.654321', '-838:59:59.000000', 2155,
                     TRUE, b'1', b'10101010', '{"a": [1, "\uD83D\uDE00"]}', 'large'),
                    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                    (3, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0,
                     0.0001, -0.000000000000000000000000000001, -0.5, 0, '', '', '', x'', x'0102030405060708',
                     '1000-01-01', '1000-01-01 00:00:00', '1970-01-01 05:00:01', '25:00:00.5', 1901,
                     FALSE, b'0', b'11111111', 'null', 'small')""");
        }
    }

    private VectorSchemaRoot readAll() throws Exception {
        DataSource dataSource = mariadb.server().dataSource(UTC_SESSION);
        return JdbcTables.readAll(dataSource, "SELECT * FROM every_type ORDER BY id", List.of(), memory.allocator());
    }

    @Test
    void mapsEachTypeToItsDocumentedArrowType() throws Exception {
        try (VectorSchemaRoot table = readAll()) {
            assertThat(type(table, "ti")).isEqualTo(new ArrowType.Int(8, true));
            assertThat(type(table, "tiu")).isEqualTo(new ArrowType.Int(16, true));
            assertThat(type(table, "si")).isEqualTo(new ArrowType.Int(16, true));
            assertThat(type(table, "siu")).isEqualTo(new ArrowType.Int(32, true));
            assertThat(type(table, "mi")).isEqualTo(new ArrowType.Int(32, true));
            assertThat(type(table, "miu")).isEqualTo(new ArrowType.Int(32, true));
            assertThat(type(table, "i")).isEqualTo(new ArrowType.Int(32, true));
            assertThat(type(table, "iu")).isEqualTo(new ArrowType.Int(64, true));
            assertThat(type(table, "bi")).isEqualTo(new ArrowType.Int(64, true));
            assertThat(type(table, "biu")).isEqualTo(new ArrowType.Decimal(20, 0, 128));
            assertThat(type(table, "d")).isEqualTo(new ArrowType.Decimal(30, 4, 128));
            assertThat(type(table, "dw")).isEqualTo(new ArrowType.Decimal(65, 30, 256));
            assertThat(type(table, "f")).isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
            assertThat(type(table, "db")).isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
            for (String text : List.of("c", "vc", "tx", "j", "e")) {
                assertThat(type(table, text)).as(text).isEqualTo(ArrowType.Utf8.INSTANCE);
            }
            assertThat(type(table, "bl")).isEqualTo(ArrowType.Binary.INSTANCE);
            assertThat(type(table, "vb")).isEqualTo(ArrowType.Binary.INSTANCE);
            assertThat(type(table, "dt")).isEqualTo(new ArrowType.Date(DateUnit.DAY));
            assertThat(type(table, "dtt")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
            assertThat(type(table, "ts")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
            assertThat(type(table, "tm")).isEqualTo(new ArrowType.Duration(TimeUnit.MICROSECOND));
            assertThat(type(table, "y")).isEqualTo(new ArrowType.Int(16, true));
            assertThat(type(table, "bo")).isEqualTo(ArrowType.Bool.INSTANCE);
            assertThat(type(table, "b1")).isEqualTo(ArrowType.Bool.INSTANCE);
            assertThat(type(table, "b8")).isEqualTo(new ArrowType.Int(64, true));

            Field id = table.getSchema().findField("id");
            assertThat(id.isNullable()).as("a primary key cannot be NULL").isFalse();
            assertThat(table.getSchema().findField("biu").getMetadata()).containsEntry("rivulet.sql.type", "BIGINT UNSIGNED");
            assertThat(table.getSchema().findField("j").getMetadata()).containsEntry("rivulet.sql.type", "JSON");
        }
    }

    @Test
    void keepsEveryValueExactlyAtTheTypesLimits() throws Exception {
        try (VectorSchemaRoot table = readAll()) {
            assertThat(table.getRowCount()).isEqualTo(3);
            assertRow(table, 0,
                    (byte) -128, (short) 255, (short) -32768, 65535, -8388608, 16777215, Integer.MIN_VALUE, 4294967295L,
                    Long.MIN_VALUE, new BigDecimal("18446744073709551615"),
                    new BigDecimal("-12345678901234567890123456.7891"),
                    new BigDecimal("12345678901234567890123456789012345.123456789012345678901234567890"),
                    1.5f, -2.25e300);
            assertRow(table, 2,
                    (byte) 127, (short) 0, (short) 32767, 0, 8388607, 0, Integer.MAX_VALUE, 0L,
                    Long.MAX_VALUE, new BigDecimal("0"), new BigDecimal("0.0001"),
                    new BigDecimal("-0.000000000000000000000000000001000000000000000000000000000000").setScale(30),
                    -0.5f, 0.0);

            assertThat(text(table, "c", 0)).isEqualTo("ab");
            assertThat(text(table, "vc", 0)).isEqualTo("x\uD83D\uDE00\u00FC");
            assertThat(text(table, "tx", 0)).isEqualTo("long \uD83D\uDE00 text");
            assertThat(text(table, "c", 2)).isEmpty();
            assertThat((byte[]) table.getVector("bl").getObject(0)).containsExactly(0x00, 0xFF, 0x10);
            assertThat((byte[]) table.getVector("vb").getObject(0)).isEmpty();
            assertThat((byte[]) table.getVector("vb").getObject(2)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

            assertThat(table.getVector("dt").getObject(0)).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
            assertThat(table.getVector("dt").getObject(2)).isEqualTo((int) LocalDate.of(1000, 1, 1).toEpochDay());
            assertThat(table.getVector("dtt").getObject(0)).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000));
            assertThat(table.getVector("dtt").getObject(2)).isEqualTo(LocalDateTime.of(1000, 1, 1, 0, 0));
            // Written at 17:34:56.654321 in +05:00: the instant 12:34:56.654321Z, whatever the JVM's zone.
            assertThat(table.getVector("ts").getObject(0)).isEqualTo(micros(Instant.parse("2024-02-29T12:34:56.654321Z")));
            assertThat(table.getVector("ts").getObject(2)).isEqualTo(1_000_000L);
            assertThat(table.getVector("tm").getObject(0)).isEqualTo(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59));
            assertThat(table.getVector("tm").getObject(2)).isEqualTo(Duration.ofHours(25).plusMillis(500));
            assertThat(table.getVector("y").getObject(0)).isEqualTo((short) 2155);
            assertThat(table.getVector("y").getObject(2)).isEqualTo((short) 1901);
            assertThat(table.getVector("bo").getObject(0)).isEqualTo(true);
            assertThat(table.getVector("bo").getObject(2)).isEqualTo(false);
            assertThat(table.getVector("b1").getObject(0)).isEqualTo(true);
            assertThat(table.getVector("b1").getObject(2)).isEqualTo(false);
            assertThat(table.getVector("b8").getObject(0)).isEqualTo(170L);
            assertThat(table.getVector("b8").getObject(2)).isEqualTo(255L);
            assertThat(text(table, "j", 0)).isEqualTo("{\"a\": [1, \"\uD83D\uDE00\"]}");
            assertThat(text(table, "j", 2)).isEqualTo("null");
            assertThat(text(table, "e", 0)).isEqualTo("large");
        }
    }

    @Test
    void nullIsNullInEveryType() throws Exception {
        try (VectorSchemaRoot table = readAll()) {
            for (Field field : table.getSchema().getFields()) {
                if (!field.getName().equals("id")) {
                    assertThat(table.getVector(field.getName()).isNull(1)).as(field.getName()).isTrue();
                    assertThat(table.getVector(field.getName()).isNull(0)).as(field.getName()).isFalse();
                }
            }
        }
    }

    @Test
    void aTypeWithoutMappingFailsNamingTheColumnAndType() throws Exception {
        try (Connection connection = mariadb.server().connect()) {
            assertThatThrownBy(() -> JdbcTables.readAll(connection, "SELECT id, ST_GeomFromText('POINT(1 2)') AS place FROM every_type", List.of(), memory.allocator()))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("column 2 'place' of type GEOMETRY")
                    .hasMessageContaining("ST_AsBinary(place)");
            // The failed read closed its statement: the connection runs the next query.
            try (VectorSchemaRoot table = JdbcTables.readAll(connection, "SELECT ST_AsText(ST_GeomFromText('POINT(1 2)')) AS place", List.of(), memory.allocator())) {
                assertThat(text(table, "place", 0)).isEqualTo("POINT(1 2)");
            }
        }
    }

    @Test
    void textIsWhatGetStringReadsEvenWhereTheSessionSendsBytesThatAreNotUtf8() throws Exception {
        try (Connection connection = mariadb.server().connect(); Statement statement = connection.createStatement()) {
            // With no results character set, the server sends a latin1 column's bytes as stored:
            // 'ü' is the byte FC, which is not UTF-8; the driver's getString makes it U+FFFD.
            statement.execute("SET character_set_results = NULL");
            String query = "SELECT CONVERT('k\u00FCnde' USING latin1) AS latin, CONVERT('plain' USING latin1) AS ascii";
            String expected;
            try (ResultSet result = statement.executeQuery(query)) {
                result.next();
                expected = result.getString("latin");
            }
            assertThat(expected).isEqualTo("k\uFFFDnde");
            try (VectorSchemaRoot table = JdbcTables.readAll(connection, query, List.of(), memory.allocator())) {
                // the vector holds UTF-8, not the byte FC as sent
                assertThat(((VarCharVector) table.getVector("latin")).get(0)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
                assertThat(text(table, "ascii", 0)).isEqualTo("plain");
            }
        }
    }

    private static ArrowType type(VectorSchemaRoot table, String column) {
        return table.getSchema().findField(column).getType();
    }

    private static String text(VectorSchemaRoot table, String column, int row) {
        return table.getVector(column).getObject(row).toString();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static void assertRow(VectorSchemaRoot table, int row, Object... numbers) {
        List<String> columns = List.of("ti", "tiu", "si", "siu", "mi", "miu", "i", "iu", "bi", "biu", "d", "dw", "f", "db");
        for (int i = 0; i < columns.size(); i++) {
            assertThat(table.getVector(columns.get(i)).getObject(row)).as(columns.get(i) + " row " + row).isEqualTo(numbers[i]);
        }
    }
}
