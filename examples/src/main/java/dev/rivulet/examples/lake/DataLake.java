package dev.rivulet.examples.lake;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.UpstreamFailedException;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.FlowParameterOptions;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.examples.support.RunReport;
import dev.rivulet.jdbc.JdbcTables;
import dev.rivulet.param.FlowParameters;
import dev.rivulet.param.Param;
import dev.rivulet.runner.TaskRunners;
import dev.rivulet.secret.Secrets;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ParquetTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The nightly job of a shop: one day of its MySQL {@code reports} table extracted, cleaned and
 * written to S3 as Parquet under a Hive partition,
 * {@code s3://bucket/data/reports/date=20230901/20230902-013000_reports.parquet}.
 *
 * <p>The day is the flow parameter {@code end_date}: yesterday in UTC unless given as
 * {@code --end-date 2023-09-01}, {@code -Drivulet.param.end-date=...} or
 * {@code RIVULET_PARAM_END_DATE}. {@code --from 2023-09-01 --to 2023-09-30} backfills instead: one
 * run of the flow a day, {@code --parallel} days at a time. The database is chosen by the secrets
 * {@code DB_HOST}, {@code DB_NAME}, {@code DB_USER} and {@code DB_PASS} ({@link SourceDatabase}):
 * all set, MariaDB or MySQL; none, an embedded H2 database in MySQL mode with generated orders. S3
 * is chosen as in the other examples ({@link ExampleS3}): an in-process server unless configured.
 *
 * <p>Running a day again replaces its partition: the new file is written first, and the day's older
 * files are removed once it is there, so a reader of the lake sees the old rows or the new ones,
 * never both and never neither. A day without orders writes no file, and removes the day's older
 * files: the lake says what the database says.
 *
 * <pre>
 * DataLake [--end-date DAY | --from DAY --to DAY [--parallel N]] [--work DIR] [--s3-endpoint URL] [--bucket NAME]
 * </pre>
 *
 * @see <a href="../../../../../../../../docs/examples/data-lake.md">docs/examples/data-lake.md</a>
 */
@Command(name = "DataLake", description = "One day of the reports table, cleaned, to S3 as Parquet under a Hive partition; --from/--to backfills.")
public final class DataLake implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DataLake.class);

    /** Where in the bucket the lake is, unless {@code --prefix} says otherwise. */
    static final String DEFAULT_PREFIX = "data/reports";

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DAY", description = "the first day of a backfill, with --to")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "the last day of a backfill, included")
    LocalDate to;

    @Option(names = "--parallel", paramLabel = "N", converter = PositiveCountConverter.class, description = "days of a backfill run at the same time")
    int parallel = 4;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveCountConverter.class, description = "task runner threads")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--prefix", paramLabel = "KEY", description = "where in the bucket the lake is")
    String prefix = DEFAULT_PREFIX;

    @Option(names = "--work", paramLabel = "DIR", description = "the embedded database and the in-process S3 server's objects")
    Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "rivulet-examples", "data-lake");

    @Option(names = "--orders-per-day", paramLabel = "N", converter = PositiveCountConverter.class,
            description = "orders generated a day in the embedded database, for days it does not hold yet")
    int ordersPerDay = 20_000;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "how long connecting to the database may take")
    Duration connectTimeout = Duration.ofSeconds(10);

    @Mixin
    final ExampleS3.Options s3Options;

    private final Map<String, String> environment;
    private final Secrets secrets;
    private final Clock clock;
    private FlowParameterOptions flowParameters;

    private DataLake(Map<String, String> environment, Secrets secrets, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.secrets = secrets;
        this.clock = clock;
        this.s3Options = new ExampleS3.Options(environment);
    }

    /** Where the day files go: {@code s3://bucket/prefix/date=20230901/20230902-013000_reports.parquet}. */
    public record Lake(String bucket, String prefix) {

        private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
        /** The names this job gives its files; other files in a partition are not its to remove. */
        static final Pattern FILE_NAME = Pattern.compile("\\d{8}-\\d{6}_reports\\.parquet");

        /** The directory of a day: {@code prefix/date=20230901/}. */
        public String partition(LocalDate day) {
            return prefix + "/date=" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "/";
        }

        /** The key of the file a run started at {@code started} writes for {@code day}. */
        public String key(LocalDate day, Instant started) {
            return partition(day) + STAMP.format(started) + "_reports.parquet";
        }

        String uri(String key) {
            return "s3://" + bucket + "/" + key;
        }
    }

    /**
     * What a day's run did.
     *
     * @param day the day
     * @param orders the rows written
     * @param uri the file written, empty if the day had no orders
     * @param bytes its size
     * @param removed the day's older files removed after it was written
     */
    public record Partition(LocalDate day, int orders, String uri, long bytes, List<String> removed) {}

    /**
     * The tasks and the flow. The implementation given to {@code stub} provides the database, the S3
     * client, the lake and the clock ({@link Resources}); Rivulet runs the {@code default} methods.
     * Nothing is cached: each run reads the database anew, since rows of a day may change.
     */
    public interface Pipeline {

        /** The database the orders are read from. Not a task. */
        DataSource database();

        /** The client the load writes with. Not a task. */
        S3Client s3();

        /** Where the files go. Not a task. */
        Lake lake();

        /** What names the files. Not a task. */
        Clock clock();

        /**
         * The orders placed on {@code day} (UTC), as Arrow. A connection lost on the way is tried
         * again; a refused password or an unknown table fails at once.
         */
        @Task(name = "extract-{day}", retries = 2, retryDelay = "2s", retryOn = SQLTransientException.class)
        default VectorSchemaRoot extract(LocalDate day) throws SQLException {
            return JdbcTables.readAll(database(), """
                    SELECT id, created_at, customer, status, amount, currency, payload, shipped_at, coupon, internal_notes
                    FROM reports WHERE created_at >= ? AND created_at < ? ORDER BY id""",
                    List.of(day.atStartOfDay(), day.plusDays(1).atStartOfDay()), ArrowTables.allocator());
        }

        /** The lake's columns: payload decoded, dates as instants, internal notes dropped ({@link CleanReports}). */
        @Task(name = "transform-{day}")
        default VectorSchemaRoot transform(VectorSchemaRoot orders, LocalDate day) {
            return CleanReports.clean(orders, ArrowTables.allocator());
        }

        /**
         * The day's file written to the lake, then the day's older files removed. I/O errors are
         * tried again; a rerun after a failure between the two steps removes what was left.
         */
        @Task(name = "load-{day}", retries = 3, retryDelay = "1s", retryOn = {IOException.class, SdkException.class})
        default Partition load(VectorSchemaRoot orders, LocalDate day, Instant started) throws IOException {
            Lake lake = lake();
            String key = lake.key(day, started);
            long bytes = 0;
            String uri = "";
            if (orders.getRowCount() > 0) {
                Path file = Files.createTempFile("reports-", ".parquet");
                try {
                    ParquetTables.write(orders, file);
                    bytes = Files.size(file);
                    s3().putObject(b -> b.bucket(lake.bucket()).key(key).contentType("application/vnd.apache.parquet"), RequestBody.fromFile(file));
                    uri = lake.uri(key);
                } finally {
                    Files.deleteIfExists(file);
                }
            } else {
                log.warn("No orders on {}: no file written, and the day's older files are removed", day);
            }
            List<String> removed = new ArrayList<>();
            String written = key.substring(key.lastIndexOf('/') + 1);
            for (S3Object object : s3().listObjectsV2Paginator(b -> b.bucket(lake.bucket()).prefix(lake.partition(day))).contents()) {
                String name = object.key().substring(object.key().lastIndexOf('/') + 1);
                if (Lake.FILE_NAME.matcher(name).matches() && name.compareTo(written) < 0) {
                    s3().deleteObject(b -> b.bucket(lake.bucket()).key(object.key()));
                    removed.add(lake.uri(object.key()));
                }
            }
            return new Partition(day, orders.getRowCount(), uri, bytes, List.copyOf(removed));
        }

        /** One day into the lake: extract, transform, load. */
        @Flow(name = "data-lake-{end_date}")
        default Partition daily(@Param(value = "end_date", defaultValue = "yesterday", zone = "UTC",
                description = "The day whose orders are loaded, in UTC.") LocalDate day) {
            Instant started = clock().instant();
            TaskFuture<VectorSchemaRoot> orders = submit(this::extract, day);
            TaskFuture<VectorSchemaRoot> clean = submit(this::transform, orders, day);
            try {
                return submit(this::load, clean, day, started).get();
            } finally {
                closeIfMade(orders);
                closeIfMade(clean);
            }
        }

        /** Frees a table once its run is over; one that was never made has nothing to free. */
        private static void closeIfMade(TaskFuture<VectorSchemaRoot> table) {
            if (table.state() == State.COMPLETED) {
                table.get().close();
            }
        }
    }

    /** What the stub's implementation provides. */
    record Resources(DataSource database, S3Client s3, Lake lake, Clock clock) implements Pipeline {}

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), Secrets.defaults(), Clock.systemUTC()));
    }

    /**
     * What {@link #main} does, with {@code environment}, {@code secrets} and {@code clock} in place of
     * the process's, and the exit code returned: 0 when every day was loaded, 1 when one failed, 2
     * for bad input.
     */
    static int execute(String[] args, Map<String, String> environment, Secrets secrets, Clock clock) {
        return commandLine(environment, secrets, clock).execute(args);
    }

    static CommandLine commandLine(Map<String, String> environment, Secrets secrets, Clock clock) {
        DataLake command = new DataLake(environment, secrets, clock);
        CommandLine line = CommandLines.create(command);
        command.flowParameters = FlowParameterOptions.addTo(line, FlowParameters.of(Pipeline.class, "daily"));
        return line;
    }

    @Override
    public Integer call() throws Exception {
        List<LocalDate> days = days();
        SourceDatabase database;
        try {
            database = SourceDatabase.choose(secrets, workDirectory, connectTimeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        System.out.println("Reading orders from " + database.description());
        int generated = database.generateMissingDays(days, ordersPerDay);
        if (generated > 0) {
            System.out.printf(Locale.ROOT, "Generated %,d orders a day for %d day(s) in the embedded database%n", ordersPerDay, generated);
        }
        try (ExampleS3 s3 = ExampleS3.open(s3Options, workDirectory);
                Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(threads)).build()) {
            Lake lake = new Lake(s3.bucket(), prefix);
            Pipeline pipeline = rivulet.stub(Pipeline.class, new Resources(database.dataSource(), s3.client(), lake, clock));
            if (days.size() > 1) {
                int exitCode = backfill(pipeline, days);
            for (FlowRun run : rivulet.recentFlowRuns()) {
                RunReport.write(rivulet, run, workDirectory.resolve("reports"));
            }
            return exitCode;
            }
            int exitCode = 0;
            try {
                print(pipeline.daily(days.getFirst()));
            } catch (RuntimeException e) {
                System.err.println(days.getFirst() + ": failed " + reason(e));
                exitCode = CommandLines.FAILED;
            }
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            System.out.println();
            System.out.println("Graph of flow run " + run.name() + " (" + run.state() + "):");
            System.out.print(run.graph().render());
            RunReport.write(rivulet, run, workDirectory.resolve("reports"));
            return exitCode;
        }
    }

    /** The days to load: {@code --from} to {@code --to}, or the one day of {@code end_date}. */
    private List<LocalDate> days() {
        FlowParameters.Binding binding = flowParameters.bind(new FlowParameters.Sources(systemProperties(), environment, secrets, clock));
        if (from == null && to == null) {
            return List.of((LocalDate) binding.values().getFirst());
        }
        if (from == null || to == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a backfill needs both --from and --to");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--end-date")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --end-date for one day, or --from and --to for a backfill, not both");
        }
        if (to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** One flow run a day, {@code --parallel} at a time; every day is tried, and the failed ones are named. */
    private int backfill(Pipeline pipeline, List<LocalDate> days) throws InterruptedException {
        System.out.printf(Locale.ROOT, "Backfilling %d days, %s to %s, %d at a time%n", days.size(), days.getFirst(), days.getLast(), parallel);
        Map<LocalDate, Future<Partition>> runs = new TreeMap<>();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(parallel, days.size()));
        try {
            for (LocalDate day : days) {
                runs.put(day, executor.submit(() -> pipeline.daily(day)));
            }
            List<LocalDate> failed = new ArrayList<>();
            for (Map.Entry<LocalDate, Future<Partition>> run : runs.entrySet()) {
                try {
                    print(run.getValue().get());
                } catch (ExecutionException e) {
                    failed.add(run.getKey());
                    System.err.println(run.getKey() + ": failed " + reason(e.getCause()));
                }
            }
            if (!failed.isEmpty()) {
                System.err.println("Failed: " + failed.size() + " of " + days.size() + " days (" + failed
                        + "); run them again with --end-date, or the backfill again: days that were loaded are replaced");
                return CommandLines.FAILED;
            }
            return 0;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Where a day's run failed and why, without the chain of the tasks that did not run because of
     * it: {@code in extract-2023-09-01: cannot connect to ...}. The log has the whole story.
     */
    static String reason(Throwable failure) {
        String where = "";
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof TaskFailedException failed) {
                where = failed.taskRun().name();
            } else if (cause instanceof UpstreamFailedException upstream) {
                where = upstream.upstream().name();
            } else if (!(cause instanceof RivuletException)) {
                break;
            }
            cause = cause.getCause();
        }
        return (where.isEmpty() ? "" : "in " + where + ": ") + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    private static void print(Partition partition) {
        if (partition.orders() == 0) {
            System.out.printf(Locale.ROOT, "%s: no orders; no file written%s%n", partition.day(), removed(partition));
        } else {
            System.out.printf(Locale.ROOT, "%s: %,d orders -> %s (%,d bytes)%s%n", partition.day(), partition.orders(), partition.uri(),
                    partition.bytes(), removed(partition));
        }
    }

    private static String removed(Partition partition) {
        int count = partition.removed().size();
        return count == 0 ? "" : "; replaced " + count + " older file" + (count == 1 ? "" : "s");
    }

    private static Map<String, String> systemProperties() {
        Properties properties = System.getProperties();
        Map<String, String> copy = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            copy.put(name, properties.getProperty(name));
        }
        return copy;
    }
}
