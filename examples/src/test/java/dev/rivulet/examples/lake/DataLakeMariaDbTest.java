package dev.rivulet.examples.lake;

import static dev.rivulet.examples.support.PrintedOutput.printed;
import static dev.rivulet.examples.support.PrintedOutput.printedAndLogged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.jdbc.testing.MariaDbTestServerExtension;
import dev.rivulet.secret.SecretProviders;
import dev.rivulet.secret.Secrets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The data lake reading a real MariaDB server, as it does with DB_HOST, DB_NAME, DB_USER and DB_PASS set. */
class DataLakeMariaDbTest {

    @RegisterExtension
    static final MariaDbTestServerExtension mariadb = new MariaDbTestServerExtension();

    private static final String PASSWORD = "lake-pw-5d1e0c7a";
    private static final List<LocalDate> DAYS_WITH_ORDERS = List.of(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 9, 2), LocalDate.of(2023, 9, 3));

    @TempDir
    Path work;

    @TempDir
    Path mirror;

    @BeforeAll
    static void shop() throws SQLException {
        mariadb.server().createUser("etl", PASSWORD);
        try (Connection connection = mariadb.server().connect()) {
            ReportsTable.createIfMissing(connection);
            for (LocalDate day : DAYS_WITH_ORDERS) {
                ReportsTable.insertDay(connection, day, 700, 7);
            }
        }
    }

    private static Secrets secrets(String host, String password) {
        return Secrets.of(SecretProviders.environment(Map.of("DB_HOST", host, "DB_NAME", "test", "DB_USER", "etl", "DB_PASS", password)));
    }

    private static String host() {
        return "127.0.0.1:" + mariadb.server().port();
    }

    private int run(Secrets secrets, Instant now, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(new String[] {"--work", work.toString()}, 0, all, 0, 2);
        System.arraycopy(args, 0, all, 2, args.length);
        return DataLake.execute(all, Map.of(), secrets, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static DataSource source() {
        return SourceDatabase.choose(secrets(host(), PASSWORD), Path.of("unused"), Duration.ofSeconds(10)).dataSource();
    }

    @Test
    void aBackfillAndARerunLeaveTheLakeHoldingWhatTheDatabaseHolds() throws Exception {
        List<LocalDate> days = LocalDate.of(2023, 9, 1).datesUntil(LocalDate.of(2023, 9, 5)).toList();
        String backfill = printed(() -> assertEquals(0, run(secrets(host(), PASSWORD), Instant.parse("2023-09-05T01:00:00Z"),
                "--from", "2023-09-01", "--to", "2023-09-04")));
        assertTrue(backfill.contains("Reading orders from jdbc:mariadb://" + host() + "/test as etl"), backfill);
        assertTrue(backfill.contains("2023-09-04: no orders; no file written"), backfill);
        assertFalse(backfill.contains("Generated"), "a real database is not written to");
        assertEquals(List.of(
                "data/reports/date=20230901/20230905-010000_reports.parquet",
                "data/reports/date=20230902/20230905-010000_reports.parquet",
                "data/reports/date=20230903/20230905-010000_reports.parquet"), LakeContents.mirror(work, mirror.resolve("backfill")));
        assertEquals(LakeContents.sourceRows(source(), days), LakeContents.lakeRows(mirror.resolve("backfill")));

        // Late orders and a removed one on the 2nd: its rerun replaces the day, the others stay.
        try (Connection connection = mariadb.server().connect(); Statement statement = connection.createStatement()) {
            ReportsTable.insertDay(connection, LocalDate.of(2023, 9, 2), 25, 99);
            statement.execute("DELETE FROM reports WHERE created_at >= '2023-09-02' AND created_at < '2023-09-03' ORDER BY id LIMIT 1");
        }
        String rerun = printed(() -> assertEquals(0, run(secrets(host(), PASSWORD), Instant.parse("2023-09-06T01:00:00Z"),
                "--end-date", "2023-09-02")));
        assertTrue(rerun.contains("2023-09-02: 724 orders -> ") && rerun.contains("; replaced 1 older file"), rerun);
        assertEquals(List.of(
                "data/reports/date=20230901/20230905-010000_reports.parquet",
                "data/reports/date=20230902/20230906-010000_reports.parquet",
                "data/reports/date=20230903/20230905-010000_reports.parquet"), LakeContents.mirror(work, mirror.resolve("rerun")));
        assertEquals(LakeContents.sourceRows(source(), days), LakeContents.lakeRows(mirror.resolve("rerun")));
    }

    @Test
    void aWrongPasswordFailsSayingSoAndShowsNoPassword() throws Exception {
        String wrong = "not-" + PASSWORD;
        String printed = printedAndLogged(() -> assertEquals(1, run(secrets(host(), wrong), Instant.now(), "--end-date", "2023-09-01")));
        assertTrue(printed.contains("2023-09-01: failed in extract-2023-09-01: cannot connect to jdbc:mariadb://" + host()
                + "/test as 'etl': the server refused the user name or password"), printed);
        assertFalse(printed.contains(wrong), "the wrong password is nowhere in what was printed or logged");
        assertFalse(printed.contains(PASSWORD), "nor the right one");
        assertEquals(List.of(), LakeContents.mirror(work, mirror), "nothing is written");
    }

    @Test
    void aHostWhereNothingListensFailsAtOnceNamingIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();
        String printed = printedAndLogged(() -> assertEquals(1, run(secrets("127.0.0.1:" + closed, PASSWORD), Instant.now(),
                "--end-date", "2023-09-01")));
        assertTrue(printed.contains("2023-09-01: failed in extract-2023-09-01: cannot connect to jdbc:mariadb://127.0.0.1:" + closed
                + "/test as 'etl': nothing accepts connections at that host and port"), printed);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0, "a refused connection is not retried");
        assertFalse(printed.contains(PASSWORD));
    }
}
