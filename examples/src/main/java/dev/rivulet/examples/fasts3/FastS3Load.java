package dev.rivulet.examples.fasts3;

import static dev.rivulet.Tasks.map;
import static dev.rivulet.Tasks.quote;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.waitAll;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.examples.support.RunReport;
import dev.rivulet.examples.support.Progress;
import dev.rivulet.examples.taxi.TaxiTrips;
import dev.rivulet.storage.s3.GetManyOptions;
import dev.rivulet.storage.s3.PutManyOptions;
import dev.rivulet.storage.s3.S3Bulk;
import dev.rivulet.storage.s3.S3Download;
import dev.rivulet.storage.s3.S3Downloads;
import dev.rivulet.storage.s3.S3Get;
import dev.rivulet.storage.s3.S3ObjectInfo;
import dev.rivulet.storage.s3.S3Put;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.HivePartition;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetTables;
import dev.rivulet.tables.PartitionKey;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Metaflow's fast S3 loading recipe: every Parquet part under an S3 prefix into one Arrow table in
 * memory. A {@code list} task lists the prefix recursively, a {@code download} task fetches all
 * parts at once (ranged, many connections) into a temporary directory, and a {@code decode} task
 * decodes them in parallel into one table, which is the flow's result and is never persisted.
 *
 * <pre>
 * FastS3Load [--rows 3000000] [--prefix taxi/trips/] [--work DIR] [--threads N] [--seed-data]
 *            [--s3-endpoint URL] [--bucket NAME]
 * </pre>
 *
 * With no S3 configured (see {@link ExampleS3}) it starts an S3-compatible server in the process,
 * keeping its objects under {@code <work>/s3}. There, or with {@code --seed-data}, a prefix that
 * holds no Parquet first receives {@code --rows} generated taxi trips, one Parquet file a day of
 * pickups in a Hive layout ({@code taxi/trips/date=20230901/part-0.parquet}); a second run finds
 * them and loads them again.
 */
@Command(name = "FastS3Load", description = "Every Parquet part under an S3 prefix into one Arrow table in memory.")
public final class FastS3Load implements Callable<Integer> {

    /** The prefix loaded when {@code --prefix} is not given. */
    public static final String DEFAULT_PREFIX = "taxi/trips/";
    /** The seed of the generated trips: the same rows on every machine. */
    public static final long SEED = 2023;

    private static final String PARQUET = "application/vnd.apache.parquet";
    private static final List<PartitionKey> BY_DAY = List.of(PartitionKey.day("date", "tpep_pickup_datetime"));

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class,
            description = "trips to write when seeding (3_000_000 is accepted)")
    int rows = TaxiTrips.DEFAULT_ROWS;

    @Option(names = "--prefix", paramLabel = "P", description = "the prefix to load, taken as a directory")
    String prefix = DEFAULT_PREFIX;

    @Option(names = "--work", paramLabel = "DIR",
            description = "the in-process server's objects (DIR/s3), the downloads while they are decoded (DIR/downloads) and Rivulet's results")
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "rivulet-examples", "fast-s3-load");

    @Option(names = "--threads", paramLabel = "N", converter = PositiveCountConverter.class, description = "decoding threads")
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--seed-data", description = "write generated trips to an empty prefix first (always on with the in-process server)")
    boolean seedData;

    @Mixin
    final ExampleS3.Options s3Options;

    private FastS3Load(Map<String, String> environment) {
        this.s3Options = new ExampleS3.Options(environment);
    }

    /**
     * The recipe. The tasks reach S3 and Arrow memory through the four abstract methods, which
     * {@link RecipeContext} carries out: the stub runs them on it, and everything else on the stub, so
     * that the flows' calls to their tasks are task runs.
     */
    public interface Recipe {

        /** The bulk S3 client. */
        S3Bulk bulk();

        /** The bucket read and written. */
        String bucket();

        /** Which S3 this is, for messages. */
        String s3Description();

        /** Where tables are allocated. */
        BufferAllocator allocator();

        /**
         * The Parquet parts under {@code prefix}, sorted by key. No retries here: S3Bulk retries
         * each request itself, and a prefix without Parquet would only fail again.
         */
        @Task
        default List<S3ObjectInfo> list(String prefix) throws IOException {
            List<S3ObjectInfo> objects = bulk().listRecursive(bucket(), prefix);
            List<S3ObjectInfo> parts = parquetParts(objects);
            if (parts.isEmpty()) {
                throw new FileNotFoundException("no Parquet files (keys ending in .parquet) under s3://" + bucket() + "/" + prefix
                        + " at " + s3Description() + (objects.isEmpty() ? ", nothing at all" : ", only " + objects.size() + " other objects")
                        + "; name another prefix (--prefix) or bucket (--bucket), or pass --seed-data to write generated taxi trips there first");
            }
            return parts;
        }

        /** Every part, downloaded at once into a temporary directory that closing the result deletes. */
        @Task
        default S3Downloads download(List<S3ObjectInfo> parts) throws IOException {
            long bytes = parts.stream().mapToLong(S3ObjectInfo::size).sum();
            List<S3Get> gets = S3Get.objects(parts.stream().map(S3ObjectInfo::key).toList());
            try (Progress progress = Progress.start("Downloading", bytes, Progress.Unit.BYTES)) {
                return bulk().getMany(bucket(), gets, GetManyOptions.newBuilder()
                        .progress(p -> progress.update(p.bytesDone(), Math.max(bytes, p.bytesTotal())))
                        .build());
            }
        }

        /**
         * The downloaded parts decoded on {@code threads} threads into one table, in key order.
         * Explicitly not persisted: the table is what the caller wants in memory, and writing it
         * anywhere would cost more than loading it did.
         */
        @Task(persistResult = false)
        default VectorSchemaRoot decode(S3Downloads files, int threads) throws IOException {
            List<Path> paths = files.list().stream().map(S3Download::path).toList();
            return ParquetTables.load(paths, allocator(), threads);
        }

        /**
         * Loads every Parquet part under {@code prefix} into one table, printing its size on the
         * way and the throughput at the end. The caller closes the table.
         */
        @Flow(name = "fast-s3-load")
        default VectorSchemaRoot load(String prefix, int threads) throws IOException {
            List<S3ObjectInfo> parts = list(prefix);
            long bytes = parts.stream().mapToLong(S3ObjectInfo::size).sum();
            System.out.printf(Locale.ROOT, "Loading %.3f GB across %d files%n", bytes / 1e9, parts.size());
            long started = System.nanoTime();
            // Results passed on as they are: Rivulet recognises them at once, without looking
            // into them, and draws the edges list -> download -> decode.
            try (S3Downloads files = download(parts)) {
                long downloaded = System.nanoTime();
                VectorSchemaRoot table = decode(files, threads);
                long decoded = System.nanoTime();
                System.out.printf(Locale.ROOT, "Table has %d rows and %.3f GB in memory%n", table.getRowCount(), bufferBytes(table) / 1e9);
                System.out.println(Throughput.of(bytes, table.getRowCount(), started, downloaded, decoded));
                return table;
            }
        }

        /** {@code rows} trips, generated. */
        @Task
        default VectorSchemaRoot generate(int rows) {
            return TaxiTrips.generate(rows, SEED, allocator());
        }

        /** The rows of one day of {@code trips} as a Parquet file in memory. */
        @Task
        default EncodedDay encode(HivePartition day, VectorSchemaRoot trips) throws IOException {
            ByteArrayOutputStream parquet = new ByteArrayOutputStream();
            ParquetTables.write(trips, day.rows(), parquet, ParquetOptions.defaults());
            return new EncodedDay(day.path() + "/part-0.parquet", parquet.toByteArray());
        }

        /** The files under {@code prefix}, all at once. */
        @Task
        default long upload(String prefix, List<EncodedDay> files) throws IOException {
            List<S3Put> puts = files.stream().map(f -> S3Put.bytes(prefix + f.path(), f.parquet()).withContentType(PARQUET)).toList();
            long bytes = files.stream().mapToLong(f -> f.parquet().length).sum();
            try (Progress progress = Progress.start("Uploading", bytes, Progress.Unit.BYTES)) {
                bulk().putMany(bucket(), puts, PutManyOptions.newBuilder()
                        .progress(p -> progress.update(p.bytesDone(), Math.max(bytes, p.bytesTotal())))
                        .build());
            }
            return bytes;
        }

        /**
         * Writes {@code rows} generated trips under {@code prefix}, one Parquet file a day of
         * pickups, the days encoded in parallel on the task runner.
         *
         * @return the number of files written
         */
        @Flow(name = "seed-taxi-trips")
        default int seed(String prefix, int rows) throws IOException {
            try (VectorSchemaRoot trips = generate(rows)) {
                List<HivePartition> days = ParquetTables.partitions(trips, BY_DAY);
                // Every encode run gets the whole table; quoted, no submission looks at it.
                List<TaskFuture<EncodedDay>> files = map(this::encode, days, quote(trips));
                try {
                    upload(prefix, results(files));
                } finally {
                    waitAll(files);   // a failed encode ends the flow, but the table stays open until no encode reads it
                }
                return days.size();
            }
        }
    }

    /** One day of trips as a Parquet file: its path under the prefix, and its bytes. */
    public record EncodedDay(String path, byte[] parquet) {}

    /** What the {@link Recipe}'s tasks work with. */
    public record RecipeContext(S3Bulk bulk, String bucket, String s3Description, BufferAllocator allocator) implements Recipe {}

    /** The figures of the last line: download and decode rates, and the whole. */
    record Throughput(long bytes, long rows, double downloadSeconds, double decodeSeconds) {

        static Throughput of(long bytes, long rows, long started, long downloaded, long decoded) {
            return new Throughput(bytes, rows, (downloaded - started) / 1e9, (decoded - downloaded) / 1e9);
        }

        @Override
        public String toString() {
            double seconds = downloadSeconds + decodeSeconds;
            return String.format(Locale.ROOT,
                    "Throughput: download %.1f MB/s in %.2f s, decode %.2f Mrows/s in %.2f s, total %.1f MB/s and %.2f Mrows/s in %.2f s",
                    bytes / 1e6 / downloadSeconds, downloadSeconds, rows / 1e6 / decodeSeconds, decodeSeconds,
                    bytes / 1e6 / seconds, rows / 1e6 / seconds, seconds);
        }
    }

    public static void main(String[] args) {
        CommandLines.run(new FastS3Load(System.getenv()), args);
    }

    @Override
    public Integer call() throws IOException {
        // A child allocator refuses to close while memory is still allocated in it: nothing leaks unnoticed.
        try (BufferAllocator allocator = ArrowTables.allocator().newChildAllocator("fast-s3-load", 0, Long.MAX_VALUE);
                VectorSchemaRoot table = load(allocator)) {
            System.out.printf("Columns: %s%n", table.getSchema().getFields().stream().map(f -> f.getName()).toList());
        }
        return 0;
    }

    /**
     * Does what {@link #main} does with {@code args}, and hands over the table, allocated in {@code
     * allocator}: the caller closes it.
     *
     * @throws picocli.CommandLine.ParameterException for an unknown option or a bad value, naming it
     * @throws FileNotFoundException if the prefix holds no Parquet and none is seeded
     */
    public static VectorSchemaRoot run(String[] args, BufferAllocator allocator) throws IOException {
        return run(args, allocator, System.getenv());
    }

    /** {@link #run(String[], BufferAllocator)} with {@code environment} in place of the process's environment variables. */
    static VectorSchemaRoot run(String[] args, BufferAllocator allocator, Map<String, String> environment) throws IOException {
        return CommandLines.parse(new FastS3Load(environment), args).load(allocator);
    }

    /** The table the options name, allocated in {@code allocator}. */
    private VectorSchemaRoot load(BufferAllocator allocator) throws IOException {
        String prefix = directoryPrefix(this.prefix);
        Files.createDirectories(work);
        VectorSchemaRoot table = null;
        try (ExampleS3 s3 = ExampleS3.open(s3Options, work);
                S3Bulk bulk = S3Bulk.newBuilder(s3.client()).tempDirectory(Files.createDirectories(work.resolve("downloads"))).build();
                Rivulet rivulet = Rivulet.builder().localResultsDirectory(work.resolve("results")).build()) {
            Recipe recipe = rivulet.stub(Recipe.class, new RecipeContext(bulk, s3.bucket(), s3.description(), allocator));
            if (s3.isInProcess() || seedData) {
                seedIfEmpty(recipe, bulk, s3.bucket(), prefix, rows);
            }
            table = recipe.load(prefix, threads);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            System.out.printf("Run graph of %s:%n%s", run.name(), run.graph().render());
            RunReport.write(rivulet, run, work.resolve("reports"));
        } catch (IOException | RuntimeException e) {
            // also when closing S3 or Rivulet fails after the load: the caller never gets the table
            if (table != null) {
                table.close();
            }
            throw e;
        }
        return table;
    }

    private static void seedIfEmpty(Recipe recipe, S3Bulk bulk, String bucket, String prefix, int rows) throws IOException {
        List<S3ObjectInfo> parts = parquetParts(bulk.listRecursive(bucket, prefix));
        if (!parts.isEmpty()) {
            System.out.printf("Found %d Parquet files under s3://%s/%s: loading them (delete them to write --rows trips afresh)%n",
                    parts.size(), bucket, prefix);
            return;
        }
        System.out.printf("Writing %,d generated taxi trips under s3://%s/%s, one Parquet file a day%n", rows, bucket, prefix);
        int files = recipe.seed(prefix, rows);
        System.out.printf("Wrote %d files%n", files);
    }

    private static List<S3ObjectInfo> parquetParts(List<S3ObjectInfo> objects) {
        return objects.stream().filter(o -> o.key().endsWith(".parquet")).toList();
    }

    /** {@code prefix} as a directory: {@code taxi/trips} would also find {@code taxi/trips-old/...}. */
    private static String directoryPrefix(String prefix) {
        String trimmed = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        return trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    private static long bufferBytes(VectorSchemaRoot table) {
        return table.getFieldVectors().stream().mapToLong(ValueVector::getBufferSize).sum();
    }
}
