package dev.rivulet.examples.taxi;

import static dev.rivulet.Tasks.asCompleted;
import static dev.rivulet.Tasks.submit;
import static dev.rivulet.Tasks.waitAll;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.FlowOptions;
import dev.rivulet.FlowRun;
import dev.rivulet.Flows;
import dev.rivulet.Rivulet;
import dev.rivulet.Run;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.examples.support.Progress;
import dev.rivulet.examples.support.RunReport;
import dev.rivulet.examples.support.Timeline;
import dev.rivulet.hazelcast.HazelcastTaskRunner;
import dev.rivulet.runner.TaskRunners;
import dev.rivulet.storage.s3.S3ResultStore;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pipeline of Prefect's "big data" guide: a month of NYC yellow-taxi trips extracted from
 * Parquet, given a {@code tip_fraction} column, and loaded to S3 as one Parquet file a day in a
 * Hive layout ({@code s3://bucket/taxi-etl/trips/date=20230901/part-0.parquet}).
 *
 * <p>With no S3 configured it starts an S3-compatible server in this process; with no trips file
 * it first generates one with the 2023-09 schema ({@link TaxiTrips}), kept in the work directory
 * for later runs. Run it twice: the second run finds every task's result in the cache, and reads
 * neither the extracted table nor the tip fractions back from S3, since no task needs them.
 *
 * <pre>
 * TaxiEtl [--rows 3000000] [--threads N] [--work DIR] [--refresh] [--s3-endpoint URL] [--bucket NAME]
 *         [--hazelcast | --hazelcast-members HOST:PORT,... [--hazelcast-cluster NAME]]
 * </pre>
 *
 * <p>With {@code --hazelcast} the daily loads run on two member JVMs it starts on 127.0.0.1; with
 * {@code --hazelcast-members} on a cluster already running. Everything else runs in this JVM.
 *
 * @see <a href="../../../../../../../../docs/examples/taxi-etl.md">docs/examples/taxi-etl.md</a>
 */
@Command(name = "TaxiEtl", description = "A month of NYC taxi trips from Parquet, given a tip_fraction column, to S3 as one Parquet file a day.")
public final class TaxiEtl implements Callable<Integer> {

    /** Where in the bucket the daily files go. */
    static final String TRIPS_PREFIX = "taxi-etl/trips";
    /** Where in the bucket the result store keeps task results. */
    static final String RESULTS_PREFIX = "taxi-etl/results";
    /** The runner the flow of the daily loads names: a thread pool here, or a Hazelcast cluster. */
    static final String LOADS_RUNNER = "loads";

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

    @Option(names = "--hazelcast", description = "run the daily loads on " + LoadsRunner.LOCAL_MEMBERS
            + " Hazelcast member JVMs started on 127.0.0.1, the rest here")
    boolean hazelcast;

    @Option(names = "--hazelcast-members", paramLabel = "HOST:PORT", split = ",",
            description = "run the daily loads on the Hazelcast cluster of these members (RivuletMember with TaxiEtlMemberConfiguration)")
    List<String> hazelcastMembers = List.of();

    @Option(names = "--hazelcast-cluster", paramLabel = "NAME", description = "the cluster name of --hazelcast-members")
    String hazelcastCluster = HazelcastTaskRunner.DEFAULT_CLUSTER_NAME;

    @Spec
    CommandSpec spec;

    @Mixin
    final ExampleS3.Options s3Options;

    private TaxiEtl(Map<String, String> environment) {
        this.s3Options = new ExampleS3.Options(environment);
    }

    /**
     * The trips file as the cache sees it: its path, size and modification time. A file rewritten
     * in place gets a new time, so its extract runs again, and with it everything made from it.
     */
    public record SourceFile(String path, long size, long modifiedMillis) {

        /** The file's current size and modification time. */
        public static SourceFile of(Path file) throws IOException {
            return new SourceFile(file.toAbsolutePath().toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }
    }

    /** Where the daily files go: {@code s3://bucket/prefix/date=.../part-0.parquet}. */
    public record Target(String bucket, String prefix) {

        String key(Day day) {
            return prefix + "/" + day + "/part-0.parquet";
        }
    }

    /** What the loads take: the futures of the month's trips and tip fractions, and the days with pickups. */
    public record Tables(TaskFuture<VectorSchemaRoot> trips, TaskFuture<VectorSchemaRoot> tipFractions, List<Day> days) {}

    /** A day of pickups, and its directory in the Hive layout: {@code date=20230901}. */
    public record Day(LocalDate date) {

        /** The directory, which also names the day's load run: {@code load-date=20230901}. */
        @Override
        public String toString() {
            return "date=" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
        }
    }

    /**
     * What a load wrote: a small record in place of the day's rows, which stay in S3.
     *
     * @param loadedBy the JVM that wrote it, {@code pid@host}: this one, or a cluster member
     */
    public record LoadedDay(String day, String uri, int rows, long bytes, double meanTipFraction, String loadedBy) {}

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
     * The tables a run of the flow holds: those its tasks make, and those Rivulet reads from the
     * store for them. Each task holds the tables it makes or receives (holding one twice holds it
     * once); all are closed, each once, when the run is over and no task reads them any more.
     *
     * <p>A cluster member's holder ({@link #forEachCall()}) closes a call's tables as soon as the
     * call {@linkplain #release releases} them: there, each call reads its own copies from the store,
     * and the member outlives every run.
     */
    public static final class OpenTables implements AutoCloseable {

        private final Set<VectorSchemaRoot> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        private final AtomicInteger count = new AtomicInteger();
        private final boolean closeOnRelease;

        /** A run's holder: the tables are shared by the run's tasks, and kept until {@link #close()}. */
        public OpenTables() {
            this(false);
        }

        private OpenTables(boolean closeOnRelease) {
            this.closeOnRelease = closeOnRelease;
        }

        /** {@return a cluster member's holder, which closes a task call's tables when the call releases them} */
        public static OpenTables forEachCall() {
            return new OpenTables(true);
        }

        /** Holds {@code table} until it is released, or until {@link #close()}; returns it. */
        public VectorSchemaRoot hold(VectorSchemaRoot table) {
            if (held.add(table)) {
                count.incrementAndGet();
            }
            return table;
        }

        /**
         * Says the task call that holds {@code tables} is done with them: a run's holder keeps them
         * for the run's other tasks, a member's closes them now.
         */
        public void release(VectorSchemaRoot... tables) {
            if (!closeOnRelease) {
                return;
            }
            for (VectorSchemaRoot table : tables) {
                if (held.remove(table)) {
                    table.close();
                }
            }
        }

        /** How many tables were held: none in a run that found every result in the cache. */
        public int count() {
            return count.get();
        }

        @Override
        public void close() {
            synchronized (held) {
                held.forEach(VectorSchemaRoot::close);
                held.clear();
            }
        }
    }

    /**
     * The tasks and the flow. The tasks need an S3 client and somewhere to hold their tables, and
     * the subflow of the tables how to keep them, which the implementation given to {@code stub}
     * provides ({@link Resources}, or {@link TaxiEtlMemberConfiguration}'s on a cluster member);
     * Rivulet runs the {@code default} methods.
     *
     * <p>No task names a version or leaves an argument out of its key: a load's key takes the
     * tables it receives by their lineage (the extract's cache key, which holds the file and the
     * extract's code; the transform's, which holds the extract's and the transform's code). A
     * changed transform changes the loads' keys by itself, and a fully cached run reads no table.
     */
    public interface Pipeline {

        /** The client the loads write with. Not a task: the implementation answers it. */
        S3Client s3();

        /** Where the tasks hold their tables until the run is over. Not a task. */
        OpenTables tables();

        /**
         * The options of the subflow that makes the tables. Not a task. For loads in this JVM, none:
         * the tables stay in memory for the run, shared by the loads. For loads on other JVMs,
         * {@code cacheResultInMemory(false)}: only a table its task left in the store and nowhere
         * else travels to a member as a reference, which the member reads from S3; a table in
         * memory would have to be written with the load's serializer, JSON, which cannot.
         */
        FlowOptions tablesOptions();

        /**
         * The month's trips as one Arrow table, its row groups decoded in parallel. Its result is
         * persisted to S3 ({@code resultStore = "s3"}) as Arrow IPC with zstd-compressed buffers
         * and kept in memory for this run's tasks; a later run with the same file and the same code
         * finds it in the cache, and reads it back only if a task that needs it runs.
         */
        @Task(retries = 2, retryDelay = "1s",
                cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, resultStore = "s3", serializer = "arrow")
        default VectorSchemaRoot extract(SourceFile source) throws IOException {
            return tables().hold(ParquetTables.read(Path.of(source.path())));
        }

        /**
         * The column {@code tip_fraction = tip_amount / total_amount}, null where the total is
         * zero or unknown, as a table of its own: the cache keeps this one column, not a second copy
         * of the trips, and the loads write it beside the trips' columns.
         */
        @Task(cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, resultStore = "s3", serializer = "arrow")
        default VectorSchemaRoot transform(VectorSchemaRoot trips) {
            tables().hold(trips);
            int rows = trips.getRowCount();
            Float8Vector tips = (Float8Vector) trips.getVector("tip_amount");
            Float8Vector totals = (Float8Vector) trips.getVector("total_amount");
            Float8Vector fraction = new Float8Vector(
                    new Field("tip_fraction", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
                    ArrowTables.allocator());
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
            } catch (RuntimeException e) {
                fraction.close();
                throw e;
            }
            return tables().hold(new VectorSchemaRoot(List.of(fraction)));
        }

        /** The days with pickups, in order: a small list, cached beside the extract it comes from. */
        @Task(cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, resultStore = "s3", serializer = "compressed/json")
        default List<Day> days(VectorSchemaRoot trips) {
            tables().hold(trips);
            TimeStampMicroVector pickups = pickups(trips);
            TreeSet<Long> days = new TreeSet<>();
            for (int i = 0; i < trips.getRowCount(); i++) {
                if (!pickups.isNull(i)) {
                    days.add(Math.floorDiv(pickups.get(i), MICROS_A_DAY));
                }
            }
            return days.stream().map(day -> new Day(LocalDate.ofEpochDay(day))).toList();
        }

        /**
         * One day of trips, with their tip fractions, written to S3 as Parquet: the data goes to
         * storage here, and only a small {@link LoadedDay} goes back to the flow. Cached by the
         * lineage of the two tables, the day and the target; the record is persisted as
         * zstd-compressed JSON beside the other results. I/O errors are retried; anything else,
         * such as a bug, fails the load at once.
         */
        @Task(name = "load-{day}", retries = 3, retryDelay = "1s", retryJitterFactor = 0.5, retryOn = {IOException.class, SdkException.class},
                cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, resultStore = "s3", serializer = "compressed/json")
        default LoadedDay load(VectorSchemaRoot trips, VectorSchemaRoot tipFractions, Day day, Target target) throws IOException {
            tables().hold(trips);
            tables().hold(tipFractions);
            try {
                VectorSchemaRoot enriched = withTipFraction(trips, tipFractions);
                int[] rows = rowsOn(trips, day);
                ByteArrayOutputStream parquet = new ByteArrayOutputStream(1 << 20);
                ParquetTables.write(enriched, rows, parquet, ParquetOptions.defaults());
                String key = target.key(day);
                s3().putObject(b -> b.bucket(target.bucket()).key(key).contentType("application/vnd.apache.parquet"),
                        RequestBody.fromBytes(parquet.toByteArray()));
                return new LoadedDay(day.date().format(DateTimeFormatter.BASIC_ISO_DATE), "s3://" + target.bucket() + "/" + key, rows.length,
                        parquet.size(), meanTipFraction(enriched, rows), ManagementFactory.getRuntimeMXBean().getName());
            } finally {
                tables().release(trips, tipFractions);
            }
        }

        /**
         * The tables the loads take, made in this JVM by the subflow {@link #makeTables}, then one load
         * a day, in parallel, on the runner registered as {@value TaxiEtl#LOADS_RUNNER}: a thread
         * pool here, or the members of a Hazelcast cluster. The runner is chosen per flow, so the
         * flow of the loads names it and the tables are made in a subflow on the default runner.
         */
        @Flow(name = "taxi-etl", taskRunner = LOADS_RUNNER)
        default Summary etl(SourceFile source, Target target) {
            Tables tables = Flows.with(tablesOptions()).call(this::makeTables, source);
            List<TaskFuture<LoadedDay>> loads = new ArrayList<>();
            for (Day day : tables.days()) {
                loads.add(submit(this::load, tables.trips(), tables.tipFractions(), day, target));   // one task a day, in parallel
            }
            List<LoadedDay> loaded = new ArrayList<>();
            try (Progress progress = Progress.start("Loading days to S3", loads.size(), Progress.Unit.ITEMS)) {
                for (TaskFuture<LoadedDay> done : asCompleted(loads)) {
                    loaded.add(done.get());
                    progress.advance(1);
                }
            } finally {
                waitAll(loads);   // a failed load ends the flow, but only once the other days are written
            }
            loaded.sort(Comparator.comparing(LoadedDay::day));
            return new Summary(loaded);
        }

        /**
         * The month's trips, their tip fractions and the days with pickups, on the default runner:
         * in this JVM, wherever the loads run. It hands the two tables on as futures, which the
         * loads take, so that a load whose result is cached reads neither.
         */
        @Flow(name = "tables", taskRunner = "default")
        default Tables makeTables(SourceFile source) {
            TaskFuture<VectorSchemaRoot> trips = submit(this::extract, source);
            TaskFuture<VectorSchemaRoot> tipFractions = submit(this::transform, trips);
            return new Tables(trips, tipFractions, submit(this::days, trips).get());
        }

        /** The rows picked up on {@code day}, ascending. */
        private static int[] rowsOn(VectorSchemaRoot trips, Day day) {
            TimeStampMicroVector pickups = pickups(trips);
            long epochDay = day.date().toEpochDay();
            int[] rows = new int[trips.getRowCount()];
            int count = 0;
            for (int i = 0; i < rows.length; i++) {
                if (!pickups.isNull(i) && Math.floorDiv(pickups.get(i), MICROS_A_DAY) == epochDay) {
                    rows[count++] = i;
                }
            }
            return Arrays.copyOf(rows, count);
        }

        private static TimeStampMicroVector pickups(VectorSchemaRoot trips) {
            if (!(trips.getVector(PICKUP) instanceof TimeStampMicroVector pickups)) {
                throw new IllegalArgumentException("the trips need a column '" + PICKUP + "' of timestamps in microseconds without a zone, "
                        + "as the TLC's files have; this file's is " + (trips.getVector(PICKUP) == null ? "missing"
                        : trips.getVector(PICKUP).getField().getType().toString()));
            }
            return pickups;
        }
    }

    /** The pickup time, which puts a trip in its day. */
    static final String PICKUP = "tpep_pickup_datetime";
    static final long MICROS_A_DAY = 86_400_000_000L;

    /**
     * What the stub's implementation provides: the client the loads write with, the run's tables,
     * and how the tables' subflow keeps them, which depends on where the loads run.
     */
    record Resources(S3Client s3, OpenTables tables, FlowOptions tablesOptions) implements Pipeline {

        /** For loads in this JVM. */
        Resources(S3Client s3, OpenTables tables) {
            this(s3, tables, FlowOptions.empty());
        }
    }

    /** The settings of a run, as the command line gives them. */
    public record Settings(int rows, int threads, Path workDirectory, boolean refresh) {}

    /**
     * What a run did, for the report and the benchmark.
     *
     * @param tablesOpened the tables the run made or read from the store: none when every result was cached
     * @param htmlReport the run's HTML report, under the work directory
     */
    public record Report(Summary summary, FlowRun flowRun, double seconds, int tablesOpened, Path htmlReport) {

        public int taskRuns() {
            return allTaskRuns().size();
        }

        public int cachedRuns() {
            return (int) allTaskRuns().stream().filter(t -> t.state() == State.CACHED).count();
        }

        /** The task runs of the flow and of its subflow of tables, in the order of their graphs: the tables', then the loads. */
        public List<TaskRun> allTaskRuns() {
            return taskRunsIn(flowRun);
        }

        private static List<TaskRun> taskRunsIn(FlowRun run) {
            List<TaskRun> runs = new ArrayList<>();
            for (Run node : run.graph().nodes()) {
                if (node instanceof TaskRun task) {
                    runs.add(task);
                } else if (node instanceof FlowRun subflow) {
                    runs.addAll(taskRunsIn(subflow));
                }
            }
            return runs;
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
        if (hazelcast && !hazelcastMembers.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give --hazelcast to start members here, or --hazelcast-members to join a cluster, not both");
        }
        if (hazelcastMembers.isEmpty() && spec.commandLine().getParseResult().hasMatchedOption("--hazelcast-cluster")) {
            throw new ParameterException(spec.commandLine(), "--hazelcast-cluster names the cluster of --hazelcast-members; give those too");
        }
        Settings settings = new Settings(rows, threads, workDirectory, refresh);
        Path source = ensureSource(settings.workDirectory(), settings.rows());
        try (ExampleS3 s3 = ExampleS3.open(s3Options, settings.workDirectory());
                LoadsRunner loads = hazelcast ? LoadsRunner.startMembers(s3, settings.threads())
                        : hazelcastMembers.isEmpty() ? LoadsRunner.inThisJvm() : LoadsRunner.join(hazelcastMembers, hazelcastCluster, s3)) {
            Report report = run(settings, source, s3, loads);
            print(report, loads);
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

    /** Runs the flow once on {@code source}, loading to {@code s3} in this JVM, and says what it did. */
    public static Report run(Settings settings, Path source, ExampleS3 s3) throws IOException {
        return run(settings, source, s3, LoadsRunner.inThisJvm());
    }

    /** As {@link #run(Settings, Path, ExampleS3)}, the daily loads running where {@code loads} says. */
    public static Report run(Settings settings, Path source, ExampleS3 s3, LoadsRunner loads) throws IOException {
        return run(settings, source, s3, tables -> new Resources(s3.client(), tables, loads.tablesOptions()), loads);
    }

    /** As {@link #run(Settings, Path, ExampleS3)}, the loads writing with {@code client}. */
    static Report run(Settings settings, Path source, ExampleS3 s3, S3Client client) throws IOException {
        return run(settings, source, s3, tables -> new Resources(client, tables));
    }

    /** As {@link #run(Settings, Path, ExampleS3)}, with the stub's implementation made by {@code implementation}. */
    static Report run(Settings settings, Path source, ExampleS3 s3, Function<OpenTables, Pipeline> implementation) throws IOException {
        return run(settings, source, s3, implementation, LoadsRunner.inThisJvm());
    }

    private static Report run(Settings settings, Path source, ExampleS3 s3, Function<OpenTables, Pipeline> implementation, LoadsRunner loads)
            throws IOException {
        S3ResultStore results = S3ResultStore.builder().clientOptions(s3.clientOptions()).bucket(s3.bucket()).prefix(RESULTS_PREFIX).build();
        long start = System.nanoTime();
        try (OpenTables tables = new OpenTables();
                Rivulet rivulet = Rivulet.builder()
                        .taskRunner(TaskRunners.threadPool(settings.threads()))
                        .taskRunner(LOADS_RUNNER, loads.newRunner(settings.threads()))
                        .resultStore("s3", results)
                        .localResultsDirectory(settings.workDirectory().resolve("results"))
                        .refreshCache(settings.refresh())
                        .build()) {
            Pipeline pipeline = rivulet.stub(Pipeline.class, implementation.apply(tables));
            Summary summary = pipeline.etl(SourceFile.of(source), new Target(s3.bucket(), TRIPS_PREFIX));
            double seconds = (System.nanoTime() - start) / 1e9;
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            Path html = RunReport.write(rivulet, run, settings.workDirectory().resolve("reports"));
            return new Report(summary, run, seconds, tables.count(), html);
        }
    }

    static void print(Report report, LoadsRunner loads) {
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
        System.out.println("Daily loads by the JVM that wrote them (pid@host), loads on " + loads.description() + ":");
        summary.days().stream().collect(Collectors.groupingBy(LoadedDay::loadedBy, TreeMap::new, Collectors.mapping(LoadedDay::day, Collectors.toList())))
                .forEach((jvm, days) -> System.out.printf(Locale.ROOT, "  %s: %d, %s%n", loads.describe(jvm), days.size(), String.join(" ", days)));
        System.out.println();
        printGraph(report.flowRun());
        System.out.println();
        System.out.println("Timeline (each row one task run; # while running):");
        System.out.print(Timeline.render(List.<Run>copyOf(report.allTaskRuns()), 60));
        System.out.printf(Locale.ROOT, "At most %d task runs were running at the same time.%n", Timeline.maxOverlap(report.allTaskRuns()));
        System.out.printf(Locale.ROOT, "Cache: %d of %d task runs CACHED%n", report.cachedRuns(), report.taskRuns());
        System.out.printf(Locale.ROOT, "Tables opened: %d%n", report.tablesOpened());
        System.out.printf(Locale.ROOT, "taxi-etl took %.1f s%n", report.seconds());
    }

    /** The graph of {@code run}, then those of its subflows. */
    private static void printGraph(FlowRun run) {
        System.out.println("Graph of flow run " + run.name() + " (" + run.state() + ", tasks on runner '" + run.taskRunnerName() + "'):");
        System.out.print(run.graph().render());
        run.graph().nodes().stream().filter(FlowRun.class::isInstance).map(FlowRun.class::cast).forEach(TaxiEtl::printGraph);
    }

    /**
     * {@code trips} with the {@code tip_fraction} column of {@code tipFractions} beside its columns:
     * a view over both tables' vectors, nothing copied. Do not close it: the two tables own the
     * vectors.
     */
    static VectorSchemaRoot withTipFraction(VectorSchemaRoot trips, VectorSchemaRoot tipFractions) {
        List<FieldVector> columns = new ArrayList<>(trips.getFieldVectors());
        columns.add(tipFractions.getVector("tip_fraction"));
        return new VectorSchemaRoot(columns);
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
