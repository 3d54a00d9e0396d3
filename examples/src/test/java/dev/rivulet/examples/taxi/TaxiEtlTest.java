package dev.rivulet.examples.taxi;

import static dev.rivulet.examples.support.PrintedOutput.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ParquetTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The taxi ETL on 20,000 trips against the in-process S3 server: what it writes, and what a second run reuses. */
class TaxiEtlTest {

    private static final int ROWS = 20_000;

    @TempDir
    static Path work;

    private static ExampleS3 s3;
    private static Path source;

    @BeforeAll
    static void start() throws Exception {
        source = TaxiEtl.ensureSource(work, ROWS);
        s3 = ExampleS3.open(new ExampleS3.Options(Map.of()), work);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    private static TaxiEtl.Report run(boolean refresh) throws Exception {
        TaxiEtl.Settings settings = new TaxiEtl.Settings(ROWS, 2, work, refresh);
        return TaxiEtl.run(settings, source, s3);
    }

    @Test
    void loadsEveryDayWithTipFractionsThenReusesTheCacheUntilTheFileChanges() throws Exception {
        deleteOutputs();
        long arrowBefore = ArrowTables.allocator().getAllocatedMemory();

        TaxiEtl.Report cold = run(false);
        assertEquals(33, cold.taskRuns(), "extract, transform, days and 30 loads");
        assertEquals(0, cold.cachedRuns());
        assertEquals(2, cold.tablesOpened(), "the extract and the tip fractions, shared by the tasks that take them");
        assertEquals(ROWS, cold.summary().rows());
        assertEquals(30, cold.summary().days().size());
        List<String> keys = s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(TaxiEtl.TRIPS_PREFIX + "/")).contents()
                .stream().map(o -> o.key()).sorted().toList();
        assertEquals(30, keys.size(), keys.toString());
        assertEquals(TaxiEtl.TRIPS_PREFIX + "/date=20230901/part-0.parquet", keys.getFirst());
        assertEquals(TaxiEtl.TRIPS_PREFIX + "/date=20230930/part-0.parquet", keys.getLast());
        assertDayFile(TaxiEtl.TRIPS_PREFIX + "/date=20230915/part-0.parquet", "20230915", cold.summary());
        assertTrue(java.nio.file.Files.readString(cold.htmlReport()).contains("load-date=20230915"), "the run's report shows its loads");

        TaxiEtl.Report cached = run(false);
        assertEquals(33, cached.cachedRuns(), "every task's result comes from the cache");
        assertEquals(0, cached.tablesOpened(), "no task needed a table, so none was read from S3");
        assertEquals(cold.summary(), cached.summary());

        TaxiEtl.Report changedTransform = TaxiEtl.run(new TaxiEtl.Settings(ROWS, 2, work, false), source, s3,
                tables -> new TipOverFare(s3.client(), tables));
        assertEquals(List.of("extract-0", "days-0"), cachedRunNames(changedTransform),
                "a changed transform runs again, and so does every load, with no version to bump");
        assertTrue(changedTransform.summary().days().getFirst().meanTipFraction() > cold.summary().days().getFirst().meanTipFraction(),
                "a tip over the fare alone is a larger fraction than over the total");

        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 60_000));
        TaxiEtl.Report changed = run(false);
        assertEquals(0, changed.cachedRuns(), "a rewritten file is extracted and loaded again");

        TaxiEtl.Report refreshed = run(true);
        assertEquals(0, refreshed.cachedRuns(), "--refresh runs every task");
        assertEquals(cold.summary().rows(), refreshed.summary().rows());

        assertEquals(arrowBefore, ArrowTables.allocator().getAllocatedMemory(), "Arrow memory left allocated by the runs");
    }

    @Test
    void aFailedLoadFailsTheFlowOnlyAfterTheOtherLoadsHaveWrittenTheirDays() throws Exception {
        long arrowBefore = ArrowTables.allocator().getAllocatedMemory();
        java.util.Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        S3Client failing = failingFor("date=20230915", written);
        TaxiEtl.Settings settings = new TaxiEtl.Settings(ROWS, 2, work, true);
        Exception thrown = assertThrows(Exception.class, () -> TaxiEtl.run(settings, source, s3, failing));
        assertTrue(causes(thrown).anyMatch(c -> c.contains("injected failure for date=20230915")), () -> causes(thrown).toList().toString());
        assertEquals(29, written.size(), "every other day is written, not cut short by tables closed under it: " + written);
        assertEquals(arrowBefore, ArrowTables.allocator().getAllocatedMemory(), "Arrow memory left allocated by a failed run");
    }

    /** The test's S3 client, except that writing the day {@code day} fails with an error that is not retried. */
    private static S3Client failingFor(String day, java.util.Set<String> written) {
        S3Client real = s3.client();
        return (S3Client) java.lang.reflect.Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putObject") && args[0] instanceof java.util.function.Consumer<?> consumer) {
                        PutObjectRequest.Builder request = PutObjectRequest.builder();
                        @SuppressWarnings("unchecked")
                        java.util.function.Consumer<PutObjectRequest.Builder> fill = (java.util.function.Consumer<PutObjectRequest.Builder>) consumer;
                        fill.accept(request);
                        PutObjectRequest built = request.build();
                        if (built.key().contains(day)) {
                            throw new IllegalStateException("injected failure for " + day);
                        }
                        Object result = real.putObject(built, (RequestBody) args[1]);
                        written.add(built.key());
                        return result;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static java.util.stream.Stream<String> causes(Throwable thrown) {
        return java.util.stream.Stream.iterate(thrown, t -> t != null, Throwable::getCause).map(String::valueOf);
    }

    @Test
    void mainPrintsTheSummaryAndTheCacheHits() throws Exception {
        String[] args = {"--rows", Integer.toString(ROWS), "--work", work.toString(), "--threads", "2", "--bucket", "taxi-etl-main"};
        String first = printed(() -> assertEquals(0, TaxiEtl.execute(args, Map.of())));
        assertTrue(first.contains("started an in-process S3-compatible server"), first);
        assertTrue(first.contains("Loaded 20,000 trips in 30 daily Parquet files"), first);
        assertTrue(first.contains("to s3://taxi-etl-main/taxi-etl/trips/"), first);
        assertTrue(first.lines().anyMatch(l -> l.matches("taxi-etl took \\d+\\.\\d s")), first);
        String second = printed(() -> assertEquals(0, TaxiEtl.execute(args, Map.of())));
        assertTrue(second.contains("Cache: 33 of 33 task runs CACHED"), second);
        assertTrue(second.contains("Tables opened: 0"), second);
    }

    @Test
    void helpListsTheOptionsTheDocsNameWithTheirDefaults() throws Exception {
        String help = printed(() -> assertEquals(0, TaxiEtl.execute(new String[] {"--help"}, Map.of())));
        for (String option : List.of("--rows=N", "--threads=N", "--work=DIR", "--refresh", "--s3-endpoint=URL", "--bucket=NAME", "--help")) {
            assertTrue(help.contains(option), option + " in:\n" + help);
        }
        assertTrue(help.contains("Default: 3000000"), help);
        assertTrue(help.contains("rivulet-examples"), "the work directory's default in:\n" + help);
    }

    @Test
    void mainReadsTheEnvironmentItIsGiven() throws Exception {
        String[] args = {"--rows", Integer.toString(ROWS), "--work", work.toString()};
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exitCode;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            exitCode = TaxiEtl.execute(args, Map.of("AWS_PROFILE", "data"));
        } finally {
            System.setErr(original);
        }
        assertEquals(1, exitCode);
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("java.lang.IllegalArgumentException: "
                + "name the bucket to use with --bucket: AWS is configured (AWS_ACCESS_KEY_ID or AWS_PROFILE)"), err.toString());
    }

    /** Deletes what earlier tests' runs wrote: the daily files and the cached results. */
    private static void deleteOutputs() {
        for (String prefix : List.of(TaxiEtl.TRIPS_PREFIX, TaxiEtl.RESULTS_PREFIX)) {
            s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix + "/")).contents()
                    .forEach(object -> s3.client().deleteObject(b -> b.bucket(s3.bucket()).key(object.key())));
        }
    }

    /** The pipeline with another transform: the tip over the fare, not over the total. */
    static final class TipOverFare implements TaxiEtl.Pipeline {
        private final S3Client s3;
        private final TaxiEtl.OpenTables tables;

        TipOverFare(S3Client s3, TaxiEtl.OpenTables tables) {
            this.s3 = s3;
            this.tables = tables;
        }

        @Override
        public S3Client s3() {
            return s3;
        }

        @Override
        public TaxiEtl.OpenTables tables() {
            return tables;
        }

        @Override
        public dev.rivulet.FlowOptions tablesOptions() {
            return dev.rivulet.FlowOptions.empty();
        }

        @Override
        public VectorSchemaRoot transform(VectorSchemaRoot trips) {
            tables.hold(trips);
            Float8Vector tips = (Float8Vector) trips.getVector("tip_amount");
            Float8Vector fares = (Float8Vector) trips.getVector("fare_amount");
            Float8Vector fraction = new Float8Vector("tip_fraction", ArrowTables.allocator());
            fraction.allocateNew(trips.getRowCount());
            for (int i = 0; i < trips.getRowCount(); i++) {
                if (tips.isNull(i) || fares.isNull(i) || fares.get(i) <= 0) {
                    fraction.setNull(i);
                } else {
                    fraction.set(i, tips.get(i) / fares.get(i));
                }
            }
            fraction.setValueCount(trips.getRowCount());
            return tables.hold(new VectorSchemaRoot(List.of(fraction)));
        }
    }

    private static List<String> cachedRunNames(TaxiEtl.Report report) {
        return report.allTaskRuns().stream().filter(t -> t.state() == dev.rivulet.State.CACHED).map(t -> t.name()).toList();
    }

    @Test
    void tipFractionIsNullWhereTheTotalIsZeroAndTheTripsColumnsAreShared() {
        try (TaxiEtl.OpenTables tables = new TaxiEtl.OpenTables()) {
            VectorSchemaRoot trips = tables.hold(TaxiTrips.generate(ROWS, 7, ArrowTables.allocator()));
            VectorSchemaRoot enriched = TaxiEtl.withTipFraction(trips, new TaxiEtl.Resources(null, tables).transform(trips));
            Float8Vector totals = (Float8Vector) trips.getVector("total_amount");
            Float8Vector fractions = (Float8Vector) enriched.getVector("tip_fraction");
            int zeroTotals = 0;
            for (int i = 0; i < ROWS; i++) {
                if (!totals.isNull(i) && totals.get(i) == 0) {
                    assertTrue(fractions.isNull(i), "row " + i);
                    zeroTotals++;
                }
            }
            assertTrue(zeroTotals > 0, "the generated month has trips with a zero total");
            assertEquals(trips.getFieldVectors().size() + 1, enriched.getFieldVectors().size());
            assertEquals(trips.getVector("total_amount").getDataBuffer().memoryAddress(),
                    enriched.getVector("total_amount").getDataBuffer().memoryAddress(), "a column of the trips, not a copy");
        }
    }

    @Test
    void aMembersHolderClosesACallsTablesWhenTheCallReleasesThemAndARunsHolderKeepsThemForTheRun() {
        long before = ArrowTables.allocator().getAllocatedMemory();
        try (TaxiEtl.OpenTables run = new TaxiEtl.OpenTables(); TaxiEtl.OpenTables member = TaxiEtl.OpenTables.forEachCall()) {
            VectorSchemaRoot shared = run.hold(TaxiTrips.generate(100, 7, ArrowTables.allocator()));
            run.release(shared);
            assertEquals(100, shared.getRowCount(), "a run's table stays open for the run's other tasks");

            long withShared = ArrowTables.allocator().getAllocatedMemory();
            VectorSchemaRoot copy = member.hold(TaxiTrips.generate(100, 7, ArrowTables.allocator()));
            assertTrue(ArrowTables.allocator().getAllocatedMemory() > withShared);
            member.release(copy);
            assertEquals(withShared, ArrowTables.allocator().getAllocatedMemory(), "a member's copy is closed when its call is done with it");
        }
        assertEquals(before, ArrowTables.allocator().getAllocatedMemory());
    }

    /** The day's file holds that day's trips only, each with its tip fraction, null where the total is zero. */
    private static void assertDayFile(String key, String day, TaxiEtl.Summary summary) throws Exception {
        ResponseBytes<GetObjectResponse> bytes = s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key));
        Path file = Files.write(work.resolve(day + ".parquet"), bytes.asByteArray());
        try (VectorSchemaRoot trips = ParquetTables.read(file)) {
            TaxiEtl.LoadedDay expected = summary.days().stream().filter(d -> d.day().equals(day)).findFirst().orElseThrow();
            assertEquals(expected.rows(), trips.getRowCount());
            assertEquals(bytes.asByteArray().length, expected.bytes());
            Float8Vector tips = (Float8Vector) trips.getVector("tip_amount");
            Float8Vector totals = (Float8Vector) trips.getVector("total_amount");
            Float8Vector fractions = (Float8Vector) trips.getVector("tip_fraction");
            double sum = 0;
            int counted = 0;
            for (int i = 0; i < trips.getRowCount(); i++) {
                LocalDateTime pickup = (LocalDateTime) trips.getVector("tpep_pickup_datetime").getObject(i);
                assertEquals(day, pickup.format(DateTimeFormatter.BASIC_ISO_DATE));
                if (totals.isNull(i) || totals.get(i) == 0) {
                    assertTrue(fractions.isNull(i), "a zero total has no tip fraction, row " + i);
                } else {
                    assertEquals(tips.get(i) / totals.get(i), fractions.get(i), 0.0, "row " + i);
                    sum += fractions.get(i);
                    counted++;
                }
            }
            assertTrue(counted > 0);
            assertEquals(sum / counted, expected.meanTipFraction(), 1e-12);
        }
    }
}
