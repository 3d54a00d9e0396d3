package dev.rivulet.examples.lake;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The shop's {@code reports} table, as the nightly job finds it in MariaDB or MySQL: one row an
 * order, written in UTC. Rows are generated, the same rows for the same day and seed every time, so
 * a test can rebuild them and a second run of the example sees what the first one saw.
 *
 * <pre>
 * id             BIGINT AUTO_INCREMENT  the order
 * created_at     DATETIME(6)            when it was placed, UTC wall-clock time
 * customer       VARCHAR(100)           utf8mb4: "Zoë Brandt", "李雷", "Łukasz Nowak"
 * status         ENUM(...)              pending, paid, shipped, refunded, cancelled
 * amount         DECIMAL(12,2)          exact
 * currency       CHAR(3)                EUR, USD, GBP, PLN
 * payload        TEXT                   base64 of the shop's JSON: {"channel":"web","items":3,"device":"ios","referrer":null}
 * shipped_at     DATETIME(6) NULL       set once shipped
 * coupon         VARCHAR(32) NULL       mostly NULL
 * internal_notes TEXT NULL              for staff; not for the lake
 * </pre>
 */
public final class ReportsTable {

    /** The table's name. */
    public static final String NAME = "reports";

    static final List<String> STATUSES = List.of("pending", "paid", "shipped", "refunded", "cancelled");
    private static final List<String> CUSTOMERS = List.of("Ada Lovelace", "Zoë Brandt", "李雷", "Łukasz Nowak", "José Álvarez",
            "Ingrid Sørensen", "Olu Adeyemi", "Mei Tanaka", "Sean O'Brien", "Ana María Pérez", "Dmitri Ivanov", "Priya Raman");
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "PLN");
    private static final List<String> CHANNELS = List.of("web", "app", "store", "phone");
    private static final List<String> DEVICES = List.of("ios", "android", "desktop");
    private static final List<String> REFERRERS = List.of("newsletter", "search", "partner");
    private static final String[] COLUMNS = {
        "created_at", "customer", "status", "amount", "currency", "payload", "shipped_at", "coupon", "internal_notes"};

    private ReportsTable() {}

    /**
     * Creates the table and its index on {@code created_at} unless the table exists. The statements
     * run on MariaDB, MySQL and H2 in MySQL mode.
     *
     * @param connection a connection to the database
     * @return whether the table was created
     * @throws SQLException if the database refuses
     */
    public static boolean createIfMissing(Connection connection) throws SQLException {
        if (exists(connection)) {
            return false;
        }
        String statuses = String.join(", ", STATUSES.stream().map(s -> "'" + s + "'").toList());
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE reports (
                      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                      created_at DATETIME(6) NOT NULL,
                      customer VARCHAR(100) NOT NULL,
                      status ENUM(%s) NOT NULL,
                      amount DECIMAL(12, 2) NOT NULL,
                      currency CHAR(3) NOT NULL,
                      payload TEXT NOT NULL,
                      shipped_at DATETIME(6) NULL,
                      coupon VARCHAR(32) NULL,
                      internal_notes TEXT NULL
                    )""".formatted(statuses));
            statement.execute("CREATE INDEX reports_created_at ON reports (created_at)");
        }
        return true;
    }

    /** Whether the database has a table named {@value #NAME}, in any case. */
    static boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        for (String name : List.of(NAME, NAME.toUpperCase(Locale.ROOT))) {
            try (ResultSet tables = metadata.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Inserts {@code count} generated orders placed on {@code day}, in batches, in one transaction.
     *
     * @param connection a connection to the database, with the table created
     * @param day the day the orders were placed (UTC)
     * @param count how many
     * @param seed what, with the day, decides the rows: the same seed and day give the same rows
     * @throws SQLException if the database refuses
     */
    public static void insertDay(Connection connection, LocalDate day, int count, long seed) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        String sql = "INSERT INTO reports (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            SplittableRandom random = new SplittableRandom(seed * 31 + day.toEpochDay());
            for (int i = 0; i < count; i++) {
                addRow(insert, day, count, i, random);
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void addRow(PreparedStatement insert, LocalDate day, int count, int i, SplittableRandom random) throws SQLException {
        // Spread over the day in order, a few microseconds apart at most: created_at is never on the next day.
        long microsIntoDay = (long) ((i + random.nextDouble()) * (86_400_000_000L / Math.max(count, 1)));
        LocalDateTime created = day.atStartOfDay().plusNanos(microsIntoDay * 1000);
        String status = STATUSES.get(random.nextInt(STATUSES.size()));
        insert.setObject(1, created);
        insert.setString(2, CUSTOMERS.get(random.nextInt(CUSTOMERS.size())));
        insert.setString(3, status);
        insert.setBigDecimal(4, BigDecimal.valueOf(random.nextLong(100, 2_500_000), 2));
        insert.setString(5, CURRENCIES.get(random.nextInt(CURRENCIES.size())));
        insert.setString(6, payload(random));
        insert.setObject(7, status.equals("shipped") ? created.plusHours(random.nextInt(2, 72)) : null);
        insert.setString(8, random.nextInt(10) == 0 ? "SAVE" + random.nextInt(5, 50) : null);
        insert.setString(9, random.nextInt(20) == 0 ? "called back about the delivery" : null);
        insert.addBatch();
    }

    /** The shop's JSON, base64-encoded as its order service stores it. */
    private static String payload(SplittableRandom random) {
        String device = random.nextInt(4) == 0 ? "null" : "\"" + DEVICES.get(random.nextInt(DEVICES.size())) + "\"";
        String referrer = random.nextInt(3) == 0 ? "\"" + REFERRERS.get(random.nextInt(REFERRERS.size())) + "\"" : "null";
        String json = "{\"channel\":\"" + CHANNELS.get(random.nextInt(CHANNELS.size())) + "\",\"items\":" + random.nextInt(1, 12)
                + ",\"device\":" + device + ",\"referrer\":" + referrer + "}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
