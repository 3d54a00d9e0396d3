package dev.rivulet.benchmarks;

import dev.rivulet.jdbc.JdbcTables;
import dev.rivulet.jdbc.testing.MariaDbTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Each column type of docs/jdbc.md's list, at a limit and as NULL, read through Rivulet's reader and
 * through Arrow's JDBC adapter, printed side by side: the Arrow type each gives and the values, or
 * the failure. The page's coverage table is this output.
 */
final class TypeCoverage {

    /** A column: its SQL type and the value of the first row (the second is NULL). */
    record Column(String type, String value) {}

    static final List<Column> COLUMNS = List.of(
            new Column("TINYINT UNSIGNED", "255"),
            new Column("INT UNSIGNED", "4294967295"),
            new Column("BIGINT", "-9223372036854775808"),
            new Column("BIGINT UNSIGNED", "18446744073709551615"),
            new Column("DECIMAL(65, 30)", "12345678901234567890123456789012345.123456789012345678901234567890"),
            new Column("FLOAT", "1.5"),
            new Column("DOUBLE", "-2.25e300"),
            new Column("VARCHAR(20)", "'x\uD83D\uDE00'"),
            new Column("TEXT", "'long \uD83D\uDE00 text'"),
            new Column("BLOB", "x'00FF10'"),
            new Column("DATE", "'2024-02-29'"),
            new Column("DATETIME(6)", "'2024-02-29 12:34:56.123456'"),
            new Column("TIMESTAMP(6)", "'2024-02-29 12:34:56.654321'"),
            new Column("TIME(6)", "'-838:59:59.5'"),
            new Column("TIME", "'25:00:00'"),
            new Column("YEAR", "2155"),
            new Column("BOOLEAN", "TRUE"),
            new Column("BIT(1)", "b'1'"),
            new Column("BIT(8)", "b'10101010'"),
            new Column("JSON", "'{\"a\": 1}'"),
            new Column("ENUM('small', 'large')", "'large'"),
            new Column("GEOMETRY", "ST_GeomFromText('POINT(1 2)')"));

    private TypeCoverage() {}

    static void print(MariaDbTestServer server) throws SQLException {
        DataSource dataSource = server.dataSource("connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true");
        System.out.println();
        System.out.println("Coverage: each type at a limit, then NULL, through both adapters (the session's time zone is UTC)");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                statement.execute("CREATE TABLE coverage_" + i + " (id INT PRIMARY KEY, c " + COLUMNS.get(i).type() + " NULL)");
                statement.execute("INSERT INTO coverage_" + i + " VALUES (1, " + COLUMNS.get(i).value() + "), (2, NULL)");
            }
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            String query = "SELECT c FROM coverage_" + i + " ORDER BY id";
            System.out.printf(Locale.ROOT, "%-24s rivulet:    %s%n", COLUMNS.get(i).type(), rivulet(dataSource, query));
            System.out.printf(Locale.ROOT, "%-24s arrow-jdbc: %s%n", "", arrowJdbc(dataSource, query));
        }
        System.out.println();
    }

    private static String rivulet(DataSource dataSource, String query) {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot table = JdbcTables.readAll(dataSource, query, List.of(), allocator)) {
            return describe(table);
        } catch (Exception e) {
            return "fails: " + firstLine(e);
        }
    }

    private static String arrowJdbc(DataSource dataSource, String query) {
        try (BufferAllocator allocator = new RootAllocator();
                Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query);
                ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(result,
                        new JdbcToArrowConfigBuilder(allocator, Calendar.getInstance(TimeZone.getTimeZone("UTC"))).build())) {
            try (VectorSchemaRoot table = batches.next()) {
                return describe(table);
            }
        } catch (Exception | AssertionError e) {
            return "fails: " + firstLine(e);
        }
    }

    private static String describe(VectorSchemaRoot table) {
        FieldVector vector = table.getVector(0);
        List<String> values = new ArrayList<>();
        for (int row = 0; row < table.getRowCount(); row++) {
            Object value = vector.getObject(row);
            values.add(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value));
        }
        return vector.getField().getType() + " " + values;
    }

    private static String firstLine(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > 160 ? message.substring(0, 160) + "..." : message;
    }
}
