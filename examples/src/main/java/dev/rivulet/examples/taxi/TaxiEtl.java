package dev.rivulet.examples.taxi;

import static dev.rivulet.Tasks.asCompleted;
import static dev.rivulet.Tasks.quote;
import static dev.rivulet.Tasks.submit;
import static dev.rivulet.Tasks.waitAll;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.examples.support.Progress;
import dev.rivulet.examples.support.Timeline;
import dev.rivulet.runner.TaskRunners;
import dev.rivulet.storage.s3.S3ResultStore;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.HivePartition;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetTables;
import dev.rivulet.tables.PartitionKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pipeline of Prefect's "big data" guide: a month of NYC yellow-taxi trips extracted from
 * Parquet, given a {@code tip_fraction} column, and loaded to S3 as one Parquet file a day in a
 * Hive layout ({@code s3://bucket/taxi-etl/trips/date=20230901/part-0.parquet}).
 *
 * <p>With no S3 configured it starts an S3-compatible server in this process; with no trips file
 * it first generates one with the 2023-09 schema ({@link TaxiTrips}), kept in the work directory
 * for later runs. Run it twice: the second run finds the result of every task but the transform in
 * the cache.
 *
 * <pre>
 * TaxiEtl [--rows 3000000] [--threads N] [--work DIR] [--refresh] [--s3-endpoint URL] [--bucket NAME]
 * </pre>
 *
 * @see <a href="../../../../../../../../docs/examples/taxi-etl.md">docs/examples/taxi-etl.md</a>
 */
@Command(name = "TaxiEtl", description = "A month of NYC taxi trips from Parquet, given a tip_fraction column, to S3 as one Parquet file a day.")
public final class TaxiEtl implements Callable<Integer> {

    /** Where in the bucket the daily files go. */
    static final String TRIPS_PREFIX = "taxi-etl/trips";
    /** Where in the bucket the result store keeps task results. */
    static final String RESULTS_PREFIX = "taxi-etl/results";
    /**
     * The version of what a load writes, part of its cache key: change it when the transform or
     * the files change, since the load's own code ({@code TASK_SOURCE}) does not show that.
     */
    static final String OUTPUT_VERSION = "tip-fraction-1";

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class,
            description = "trips in the generated source file (3_000_000 is accepted)")
    int rows = TaxiTrips.DEFAULT_ROWS;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveCountConverter.class, description = "task runner threads")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--work", paramLabel = "DIR",
            description = "the generated source file, the in-process S3 server's objects and Rivulet's local results")
    Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "rivulet-examples", "taxi-etl");

    @Option(names = "--refresh", description = "run every task again, replacing the cached results")
    boolean refresh;

    @Mixin
    final ExampleS3.Options s3Options;

    private TaxiEtl(Map<String, String> environment) {
        this.s3Options = new ExampleS3.Options(environment);
    }

    /**
     * The trips file as the cache sees it: its path, size and modification time. A file rewritten
     * in place gets a new time, so its extract and loads run again.
     */
    public record SourceFile(String path, long size, long modifiedMillis) {

        /** The file's current size and modification time. */
        public static SourceFile of(Path file) throws IOException {
            return new SourceFile(file.toAbsolutePath().toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }
    }

    /** Where the daily files go: {@code s3://bucket/prefix/date=.../part-0.parquet}. */
    public record Target(String bucket, String prefix) {

        String key(HivePartition day) {
            return prefix + "/" + day.path() + "/part-0.parquet";
        }
    }

    /** What a load wrote: a small record in place of the day's rows, which stay in S3. */
    public record LoadedDay(String day, String uri, int rows, long bytes, double meanTipFraction) {}

    /** The month: what was loaded, in day order. */
    public record Summary(List<LoadedDay> days) {

        public long rows() {
            return days.stream().mapToLong(LoadedDay::rows).sum();
        }

        public long bytes() {
            return days.stream().mapToLong(LoadedDay::bytes).sum();
        }
    }

    /**
     * The tasks and the flow. The tasks need an S3 client, which the implementation given to
     * {@code stub} provides ({@link #s3()}); Rivulet runs the {@code default} methods.
     */
    public interface Pipeline {

        /** The client the loads write with. Not a task: the implementation answers it. */
        S3Client s3();

        /**
         * The month's trips as one Arrow table, its row groups decoded in parallel. Its result is
         * persisted to S3 ({@code resultStore = "s3"}) as Arrow IPC with zstd-compressed buffers
         * and not kept in Rivulet's memory; a later run with the same file and the same code
         * reads it back instead of decoding the Parquet again.
         */
        @Task(retries = 2, retryDelay = "1s",
                cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE},
                persistResult = true, resultStore = "s3", serializer = "arrow", cacheResultInMemory = false)
        default VectorSchemaRoot extract(SourceFile source) throws IOException {
            return ParquetTables.read(Path.of(source.path()));
        }

        /**
         * The trips with {@code tip_fraction = tip_amount / total_amount}, null where the total is
         * zero or unknown. The new table shares the columns of {@code trips} (no copy; each table
         * can be closed on its own) and adds the one computed here.
         */
        @Task
        default VectorSchemaRoot transform(VectorSchemaRoot trips) {
            return withTipFraction(trips);
        }

        /**
         * One day of trips written to S3 as Parquet: the data goes to storage here, and only a
         * small {@link LoadedDay} goes back to the flow. Cached by the file, the day's rows, the
         * target and {@link TaxiEtl#OUTPUT_VERSION}, not by the big table ({@code cacheKeyExclude}); the
         * record is persisted as zstd-compressed JSON beside the other results. I/O errors are
         * retried; anything else, such as a bug, fails the load at once.
         */
        @Task(name = "load-{day}", retries = 3, retryDelay = "1s", retryJitterFactor = 0.5, retryOn = {IOException.class, SdkException.class},
                cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, cacheKeyExclude = "trips", version = OUTPUT_VERSION,
                resultStore = "s3", serializer = "compressed/json")
        default LoadedDay load(VectorSchemaRoot trips, HivePartition day, SourceFile source, Target target) throws IOException {
            ByteArrayOutputStream parquet = new ByteArrayOutputStream(1 << 20);
            int[] rows = day.rows();
            ParquetTables.write(trips, rows, parquet, ParquetOptions.defaults());
            String key = target.key(day);
            s3().putObject(b -> b.bucket(target.bucket()).key(key).contentType("application/vnd.apache.parquet"),
                    RequestBody.fromBytes(parquet.toByteArray()));
            return new LoadedDay(day.values().getFirst(), "s3://" + target.bucket() + "/" + key, rows.length, parquet.size(),
                    meanTipFraction(trips, rows));
        }

        @Flow(name = "taxi-etl")
        default Summary etl(SourceFile source, Target target) throws IOException {
            try (VectorSchemaRoot trips = extract(source);
                    VectorSchemaRoot enriched = transform(quote(trips))) {   // quote: Rivulet does not look inside the table
                List<HivePartition> days = ParquetTables.partitions(enriched, List.of(PartitionKey.day("date", "tpep_pickup_datetime")));
                List<TaskFuture<LoadedDay>> loads = new ArrayList<>();
                for (HivePartition day : days) {
                    loads.add(submit(this::load, quote(enriched), day, source, target));   // one task a day, in parallel
                }
                List<LoadedDay> loaded = new ArrayList<>();
                try (Progress progress = Progress.start("Loading days to S3", days.size(), Progress.Unit.ITEMS)) {
                    for (TaskFuture<LoadedDay> done : asCompleted(loads)) {
                        loaded.add(done.get());
                        progress.advance(1);
                    }
                } finally {
                    waitAll(loads);   // a failed load ends the flow, but the tables stay open until no load reads them
                }
                loaded.sort(Comparator.comparing(LoadedDay::day));
                return new Summary(loaded);   // every load is done: the tables can be closed
            }
        }
    }

    /** The settings of a run, as the command line gives them. */
    public record Settings(int rows, int threads, Path workDirectory, boolean refresh) {}

    /** What a run did, for the report and the benchmark. */
    public record Report(Summary summary, FlowRun flowRun, double seconds) {

        public int taskRuns() {
            return flowRun.taskRuns().size();
        }

        public int cachedRuns() {
            return (int) flowRun.taskRuns().stream().filter(t -> t.state() == State.CACHED).count();
        }
    }

    public static void main(String[] args) {
        CommandLines.run(new TaxiEtl(System.getenv()), args);
    }

    /**
     * What {@link #main} does, with {@code environment} in place of the process's environment
     * variables, and the exit code returned (0 when the run completed) instead of ending the JVM.
     */
    static int execute(String[] args, Map<String, String> environment) {
        return CommandLines.execute(new TaxiEtl(environment), args);
    }

    @Override
    public Integer call() throws IOException {
        Settings settings = new Settings(rows, threads, workDirectory, refresh);
        Path source = ensureSource(settings.workDirectory(), settings.rows());
        try (ExampleS3 s3 = ExampleS3.open(s3Options, settings.workDirectory())) {
            Report report = run(settings, source, s3);
            print(report);
        }
        return 0;
    }

    /**
     * The trips file of {@code rows} rows under {@code workDirectory}, generated the first time
     * (4 to 6 s a million rows on two cores) and reused afterwards.
     */
    public static Path ensureSource(Path workDirectory, int rows) throws IOException {
        Path directory = workDirectory.resolve("source").resolve(Integer.toString(rows));
        Path file = directory.resolve("yellow_tripdata_2023-09.parquet");
        if (!Files.exists(file)) {
            System.out.printf(Locale.ROOT, "Generating %,d taxi trips of September 2023 into %s (once)...%n", rows, file);
            long start = System.nanoTime();
            file = TaxiTrips.writeParquet(directory, rows, 1, 2023, ArrowTables.allocator()).getFirst();
            System.out.printf(Locale.ROOT, "Generated %.1f MB in %.1f s%n", Files.size(file) / 1e6, (System.nanoTime() - start) / 1e9);
        }
        return file;
    }

    /** Runs the flow once on {@code source}, loading to {@code s3}, and says what it did. */
    public static Report run(Settings settings, Path source, ExampleS3 s3) throws IOException {
        return run(settings, source, s3, s3.client());
    }

    /** As {@link #run(Settings, Path, ExampleS3)}, the loads writing with {@code client}. */
    static Report run(Settings settings, Path source, ExampleS3 s3, S3Client client) throws IOException {
        S3ResultStore results = S3ResultStore.builder().clientOptions(s3.clientOptions()).bucket(s3.bucket()).prefix(RESULTS_PREFIX).build();
        long start = System.nanoTime();
        try (Rivulet rivulet = Rivulet.builder()
                .taskRunner(TaskRunners.threadPool(settings.threads()))
                .resultStore("s3", results)
                .localResultsDirectory(settings.workDirectory().resolve("results"))
                .refreshCache(settings.refresh())
                .build()) {
            Pipeline pipeline = rivulet.stub(Pipeline.class, () -> client);
            Summary summary = pipeline.etl(SourceFile.of(source), new Target(s3.bucket(), TRIPS_PREFIX));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Report(summary, rivulet.lastFlowRun().orElseThrow(), seconds);
        }
    }

    static void print(Report report) {
        Summary summary = report.summary();
        if (summary.days().isEmpty()) {
            System.out.println("The trips file holds no trips: nothing was loaded");
            return;
        }
        System.out.printf(Locale.ROOT, "Loaded %,d trips in %d daily Parquet files, %.1f MB, to %s%n", summary.rows(), summary.days().size(),
                summary.bytes() / 1e6, summary.days().getFirst().uri().replaceFirst("/date=[^/]*/part-0\\.parquet$", "/"));
        Stream.of(summary.days().getFirst(), summary.days().get(summary.days().size() / 2), summary.days().getLast())
                .forEach(day -> System.out.printf(Locale.ROOT, "  %s  %,7d trips  mean tip fraction %.3f%n", day.day(), day.rows(),
                        day.meanTipFraction()));
        System.out.println();
        System.out.println("Graph of flow run " + report.flowRun().name() + " (" + report.flowRun().state() + "):");
        System.out.print(report.flowRun().graph().render());
        System.out.println();
        System.out.println("Timeline (each row one task run; # while running):");
        System.out.print(Timeline.render(report.flowRun().graph().nodes(), 60));
        System.out.printf(Locale.ROOT, "At most %d task runs were running at the same time.%n", Timeline.maxOverlap(report.flowRun().taskRuns()));
        System.out.printf(Locale.ROOT, "Cache: %d of %d task runs CACHED%n", report.cachedRuns(), report.taskRuns());
        System.out.printf(Locale.ROOT, "taxi-etl took %.1f s%n", report.seconds());
    }

    /** {@code trips} and a {@code tip_fraction} column; the trips' columns shared, not copied. */
    static VectorSchemaRoot withTipFraction(VectorSchemaRoot trips) {
        int rows = trips.getRowCount();
        Float8Vector tips = (Float8Vector) trips.getVector("tip_amount");
        Float8Vector totals = (Float8Vector) trips.getVector("total_amount");
        Float8Vector fraction = new Float8Vector(
                new Field("tip_fraction", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
                ArrowTables.allocator());
        List<FieldVector> columns = new ArrayList<>();
        try {
            fraction.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                if (tips.isNull(i) || totals.isNull(i) || totals.get(i) == 0) {
                    fraction.setNull(i);
                } else {
                    fraction.set(i, tips.get(i) / totals.get(i));
                }
            }
            fraction.setValueCount(rows);
            for (FieldVector column : trips.getFieldVectors()) {
                // the whole column as a new vector over the same buffers: a slice from row 0 shares them, counted
                var pair = column.getTransferPair(column.getAllocator());
                pair.splitAndTransfer(0, rows);
                columns.add((FieldVector) pair.getTo());
            }
            columns.add(fraction);
            return new VectorSchemaRoot(columns);
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            fraction.close();
            throw e;
        }
    }

    /** The mean of {@code tip_fraction} over {@code rows}, nulls left out; NaN if all are null. */
    static double meanTipFraction(VectorSchemaRoot trips, int[] rows) {
        Float8Vector fraction = (Float8Vector) trips.getVector("tip_fraction");
        double sum = 0;
        int count = 0;
        for (int row : rows) {
            if (!fraction.isNull(row)) {
                sum += fraction.get(row);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
