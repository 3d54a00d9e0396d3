package dev.rivulet.examples.lake;

import static dev.rivulet.examples.support.PrintedOutput.printed;
import static dev.rivulet.examples.support.PrintedOutput.printedAndLogged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.secret.SecretProviders;
import dev.rivulet.secret.Secrets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The data lake on its embedded H2 database: what a user gets with nothing configured. */
class DataLakeTest {

    private static final Secrets NO_SECRETS = Secrets.of(SecretProviders.environment(Map.of()));
    private static final LocalDate DAY = LocalDate.of(2024, 3, 10);

    @TempDir
    Path work;

    @TempDir
    Path mirror;

    private int run(Instant now, String... args) {
        return run(Map.of(), NO_SECRETS, now, args);
    }

    private int run(Map<String, String> environment, Secrets secrets, Instant now, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--work", work.toString(), "--orders-per-day", "400"}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        return DataLake.execute(all, environment, secrets, Clock.fixed(now, ZoneOffset.UTC));
    }

    private DataSource embedded() {
        return SourceDatabase.choose(NO_SECRETS, work, Duration.ofSeconds(10)).dataSource();
    }

    @Test
    void aDayGoesToItsPartitionAsParquetThatDuckDbReadsAsTheDatabaseHasIt() throws Exception {
        String printed = printed(() -> assertEquals(0, run(Instant.parse("2024-03-11T02:00:00Z"), "--end-date", "2024-03-10")));

        assertTrue(printed.contains("Reading orders from the embedded H2 database jdbc:h2:file:"), printed);
        assertTrue(printed.contains("2024-03-10: 400 orders -> s3://rivulet-examples/data/reports/date=20240310/20240311-020000_reports.parquet"),
                printed);
        assertTrue(printed.contains("Graph of flow run data-lake-2024-03-10 (COMPLETED)"), printed);
        Path report = work.resolve("reports").resolve("data-lake-2024-03-10.html").toAbsolutePath();
        assertTrue(printed.contains("Report of flow run data-lake-2024-03-10: " + report), printed);
        assertTrue(java.nio.file.Files.readString(report).contains("extract-2024-03-10"), "the report shows the run's task runs");
        assertEquals(List.of("data/reports/date=20240310/20240311-020000_reports.parquet"), LakeContents.mirror(work, mirror));
        assertEquals(LakeContents.sourceRows(embedded(), List.of(DAY)), LakeContents.lakeRows(mirror));
        assertEquals(List.of("id BIGINT", "created_at TIMESTAMP WITH TIME ZONE", "customer VARCHAR", "status VARCHAR", "amount DECIMAL(12,2)",
                "currency VARCHAR", "channel VARCHAR", "items INTEGER", "device VARCHAR", "referrer VARCHAR", "shipped_at TIMESTAMP WITH TIME ZONE",
                "coupon VARCHAR", "date BIGINT"), LakeContents.lakeColumns(mirror), "payload and internal_notes are dropped");
    }

    @Test
    void aRerunReplacesTheDaysFileAndABackfillLoadsEachDayOnce() throws Exception {
        assertEquals(0, run(Instant.parse("2024-03-11T02:00:00Z"), "--end-date", "2024-03-10"));
        String rerun = printed(() -> assertEquals(0, run(Instant.parse("2024-03-11T09:30:15Z"), "--end-date", "2024-03-10")));
        assertTrue(rerun.contains("date=20240310/20240311-093015_reports.parquet (") && rerun.contains("; replaced 1 older file"), rerun);
        assertEquals(List.of("data/reports/date=20240310/20240311-093015_reports.parquet"), LakeContents.mirror(work, mirror.resolve("rerun")));

        String backfill = printed(() -> assertEquals(0, run(Instant.parse("2024-03-13T04:00:00Z"),
                "--from", "2024-03-08", "--to", "2024-03-12", "--parallel", "3")));
        assertTrue(backfill.contains("Backfilling 5 days, 2024-03-08 to 2024-03-12, 3 at a time"), backfill);
        List<String> keys = LakeContents.mirror(work, mirror.resolve("backfill"));
        assertEquals(List.of(
                "data/reports/date=20240308/20240313-040000_reports.parquet",
                "data/reports/date=20240309/20240313-040000_reports.parquet",
                "data/reports/date=20240310/20240313-040000_reports.parquet",
                "data/reports/date=20240311/20240313-040000_reports.parquet",
                "data/reports/date=20240312/20240313-040000_reports.parquet"), keys);
        List<LocalDate> days = LocalDate.of(2024, 3, 8).datesUntil(LocalDate.of(2024, 3, 13)).toList();
        assertEquals(LakeContents.sourceRows(embedded(), days), LakeContents.lakeRows(mirror.resolve("backfill")));
    }

    @Test
    void aRerunLeavesFilesOfOtherNamesInThePartition() throws Exception {
        assertEquals(0, run(Instant.parse("2024-03-11T02:00:00Z"), "--end-date", "2024-03-10"));
        try (ExampleS3 s3 = ExampleS3.open(CommandLines.parse(new ExampleS3.Options(Map.of())), work)) {
            s3.client().putObject(b -> b.bucket(s3.bucket()).key("data/reports/date=20240310/_SUCCESS"), RequestBody.fromString(""));
        }
        assertEquals(0, run(Instant.parse("2024-03-11T03:00:00Z"), "--end-date", "2024-03-10"));
        assertEquals(List.of("data/reports/date=20240310/20240311-030000_reports.parquet", "data/reports/date=20240310/_SUCCESS"),
                LakeContents.mirror(work, mirror).stream().sorted().toList(), "another job's marker is not this job's to remove");
    }

    @Test
    void theDayIsYesterdayInUtcUnlessSetFromOutside() throws Exception {
        // 00:30 in UTC on the 11th: still the 10th west of Greenwich, but the default is in UTC.
        assertEquals(0, run(Instant.parse("2024-03-11T00:30:00Z")));
        assertEquals(0, run(Map.of("RIVULET_PARAM_END_DATE", "2024-03-05"), NO_SECRETS, Instant.parse("2024-03-11T00:31:00Z")));
        assertEquals(List.of(
                "data/reports/date=20240305/20240311-003100_reports.parquet",
                "data/reports/date=20240310/20240311-003000_reports.parquet"), LakeContents.mirror(work, mirror));
    }

    @Test
    void aDayWithoutOrdersWritesNoFileAndEmptiesItsPartition() throws Exception {
        assertEquals(0, run(Instant.parse("2024-03-11T02:00:00Z"), "--end-date", "2024-03-10"));
        try (Connection connection = embedded().getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM reports WHERE created_at >= ? AND created_at < ?")) {
            delete.setObject(1, DAY.atStartOfDay());
            delete.setObject(2, DAY.plusDays(1).atStartOfDay());
            assertEquals(400, delete.executeUpdate());
        }
        String printed = printedAndLogged(() -> assertEquals(0, run(Instant.parse("2024-03-11T03:00:00Z"), "--end-date", "2024-03-10")));
        assertTrue(printed.contains("2024-03-10: no orders; no file written; replaced 1 older file"), printed);
        assertTrue(printed.contains("No orders on 2024-03-10: no file written, and the day's older files are removed"), printed);
        assertEquals(List.of(), LakeContents.mirror(work, mirror));
    }

    @Test
    void someDatabaseSecretsWithoutTheOthersAreAUsageErrorNamingTheMissing() throws Exception {
        Secrets some = Secrets.of(SecretProviders.environment(Map.of("DB_HOST", "db.example.com", "DB_USER", "etl")));
        String printed = printedAndLogged(() -> assertEquals(2, run(Map.of(), some, Instant.now(), "--end-date", "2024-03-10")));
        assertTrue(printed.contains("set all of DB_HOST, DB_NAME, DB_USER, DB_PASS to read MariaDB or MySQL, or none of them to read the "
                + "embedded H2 database: DB_HOST, DB_USER are set, but not DB_NAME, DB_PASS"), printed);
    }

    @Test
    void backfillOptionsAreChecked() throws Exception {
        String printed = printedAndLogged(() -> {
            assertEquals(2, run(Instant.now(), "--from", "2024-03-01"));
            assertEquals(2, run(Instant.now(), "--from", "2024-03-05", "--to", "2024-03-01"));
            assertEquals(2, run(Instant.now(), "--from", "2024-03-01", "--to", "2024-03-02", "--end-date", "2024-03-01"));
            assertEquals(2, run(Instant.now(), "--end-date", "2024-02-30"));
        });
        assertTrue(printed.contains("a backfill needs both --from and --to"), printed);
        assertTrue(printed.contains("--to 2024-03-01 is before --from 2024-03-05"), printed);
        assertTrue(printed.contains("give --end-date for one day, or --from and --to for a backfill, not both"), printed);
        assertTrue(printed.contains("end_date"), printed);
        assertFalse(work.resolve("s3").toFile().exists(), "bad input starts nothing");
    }

    @Test
    void helpListsTheParameterWithItsDefaultAndWhereElseItIsSet() throws Exception {
        String help = printed(() -> assertEquals(0, run(Instant.now(), "--help")));
        assertTrue(help.contains("--end-date=<date>"), help);
        assertTrue(help.contains("Default: yesterday (in UTC)"), help);
        assertTrue(help.contains("RIVULET_PARAM_END_DATE"), help);
        assertTrue(help.contains("--from=DAY"), help);
    }
}
