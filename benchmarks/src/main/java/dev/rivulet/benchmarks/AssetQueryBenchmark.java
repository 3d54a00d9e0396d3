package dev.rivulet.benchmarks;

import dev.rivulet.Rivulet;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.history.RunHistoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A group-by over an asset written as Parquet and as JSON lines: the {@link OrderAssets} orders
 * ({@code --rows}, 5M) materialised through their {@code @Asset} methods into both formats, then
 * {@code SELECT region, sum(amount), count(*) ... GROUP BY region} through {@code
 * Artifact.query(...).rows()} over each, and the same query by DuckDB directly (a connection of its
 * own, {@code read_parquet} of the same file) as the baseline. Each round runs json first, then
 * parquet and direct, alternating which of the two follows json; each case reports its median
 * round, and every round's result must equal the direct one.
 *
 * <p>The last line is {@code asset-query: parquet=<ms>ms json=<ms>ms ratio=<x> direct=<ms>ms
 * overhead=<x>}: ratio = json / parquet, overhead = parquet / direct.
 *
 * <p>Options: {@code --rows N} (5000000), {@code --batch N} (65536 rows a table batch), {@code
 * --warmup N} (2), {@code --rounds N} (9), {@code --dir PATH}, {@code --verbose}.
 */
@Command(name = "benchmarks/run asset-query",
        description = "A group-by through Artifact.query over the orders asset as Parquet and as JSON lines, beside DuckDB directly.")
public final class AssetQueryBenchmark implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "orders in the asset")
    int rows = 5_000_000;

    @Option(names = "--batch", paramLabel = "N", converter = PositiveCountConverter.class, description = "rows a table batch")
    int batch = 65_536;

    @Mixin
    final Rounds rounds = new Rounds(2, 9);

    @Option(names = "--dir", paramLabel = "PATH", description = "under which the artifacts root is made (java.io.tmpdir if not given)")
    Path directory;

    @Option(names = "--verbose", description = "print every round")
    boolean verbose;

    static final String GROUP_BY = "SELECT region, sum(amount) AS amount, count(*) AS orders FROM %s GROUP BY region ORDER BY region";

    record Settings(int rows, int batch, int warmup, int rounds, Path directory, boolean verbose) {

        static Settings parse(String... args) {
            return CommandLines.parse(new AssetQueryBenchmark(), args).settings();
        }
    }

    /** Each case's median round, and what writing each format took. */
    record Result(Samples parquet, Samples json, Samples direct, double[] roundRatios, double[] roundOverheads, long parquetWriteNanos,
                  long jsonWriteNanos, long parquetBytes, long jsonBytes, List<Map<String, Object>> groups) {

        double ratio() {
            return json.medianNanos() / parquet.medianNanos();
        }

        double overhead() {
            return parquet.medianNanos() / direct.medianNanos();
        }
    }

    private AssetQueryBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new AssetQueryBenchmark(), args);
    }

    private Settings settings() {
        return new Settings(rows, batch, rounds.warmup, rounds.measured, directory, verbose);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        System.out.printf(Locale.ROOT, "Asset query: %,d orders (order_id, region of 8, amount, ts) written through @Asset as Parquet and as "
                + "JSON lines, then %s%n", settings.rows(), String.format(GROUP_BY, "{asset}"));
        System.out.printf("JVM %s, heap at most %d MB, %d processors; %d warm-up rounds, %d measured; median round (min, max)%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                settings.warmup(), settings.rounds());
        System.out.println(Samples.machineLoad());
        print(run(settings));
        return 0;
    }

    static Result run(Settings settings) throws Exception {
        try (TemporaryDirectory directory = TemporaryDirectory.under(settings.directory(), "rivulet-asset-query-");
             BufferAllocator allocator = new RootAllocator();
             ArtifactRoot artifacts = ArtifactRoot.local(directory.path().resolve("artifacts"));
             Rivulet rivulet = Rivulet.builder().component(artifacts)
                     .localResultsDirectory(directory.path().resolve("results"))
                     .runHistory(RunHistoryOptions.newBuilder().directory(directory.path().resolve("runs")).build()).build();
             Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            OrderAssets assets = rivulet.stub(OrderAssets.class, OrderAssets.madeWith(allocator));
            long start = System.nanoTime();
            Artifact parquet = assets.parquet(settings.rows(), settings.batch());
            long parquetWrite = System.nanoTime() - start;
            start = System.nanoTime();
            Artifact json = assets.json(settings.rows(), settings.batch());
            long jsonWrite = System.nanoTime() - start;
            String direct = String.format(GROUP_BY, "read_parquet('" + parquet.path().toString().replace("'", "''") + "')");
            String query = String.format(GROUP_BY, "{asset}");

            List<Map<String, Object>> expected = rows(duckdb, direct);
            Samples parquetRounds = new Samples("parquet", settings.rounds());
            Samples jsonRounds = new Samples("json", settings.rounds());
            Samples directRounds = new Samples("direct", settings.rounds());
            double[] roundRatios = new double[settings.rounds()];
            double[] roundOverheads = new double[settings.rounds()];
            for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                boolean measured = round >= settings.warmup();
                long[] nanos = new long[3];
                // json first, then parquet and direct, alternating which of the two follows json: the
                // heavy json query leaves the processors' caches and DuckDB's memory to whichever runs next
                int[] order = round % 2 == 0 ? new int[] {1, 0, 2} : new int[] {1, 2, 0};
                for (int which : order) {
                    long began = System.nanoTime();
                    List<Map<String, Object>> groups = switch (which) {
                        case 0 -> parquet.query(query).rows();
                        case 1 -> json.query(query).rows();
                        default -> rows(duckdb, direct);
                    };
                    long elapsed = System.nanoTime() - began;
                    Samples side = which == 0 ? parquetRounds : which == 1 ? jsonRounds : directRounds;
                    requireSame(expected, groups, side.label());
                    nanos[which] = elapsed;
                    if (measured) {
                        side.add(elapsed);
                    }
                    if (settings.verbose()) {
                        System.err.printf(Locale.ROOT, "round %d %-8s %8.1f ms%s%n", round, side.label(), elapsed / 1e6, measured ? "" : " (warm-up)");
                    }
                }
                if (measured) {
                    roundRatios[round - settings.warmup()] = (double) nanos[1] / nanos[0];
                    roundOverheads[round - settings.warmup()] = (double) nanos[0] / nanos[2];
                }
            }
            return new Result(parquetRounds, jsonRounds, directRounds, roundRatios, roundOverheads, parquetWrite, jsonWrite, Files.size(parquet.path()),
                    Files.size(json.path()), expected);
        }
    }

    /** Every row of {@code sql}, as {@code Artifact.query(...).rows()} gives them. */
    static List<Map<String, Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet results = statement.executeQuery(sql)) {
            ResultSetMetaData meta = results.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (results.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), results.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Fails unless {@code groups} has the regions and counts of {@code expected}, and its sums within a cent a million orders. */
    static void requireSame(List<Map<String, Object>> expected, List<Map<String, Object>> groups, String label) {
        boolean same = expected.size() == groups.size();
        for (int i = 0; same && i < expected.size(); i++) {
            Map<String, Object> want = expected.get(i);
            Map<String, Object> got = groups.get(i);
            double wantAmount = ((Number) want.get("amount")).doubleValue();
            same = Objects.equals(want.get("region"), got.get("region"))
                    && ((Number) want.get("orders")).longValue() == ((Number) got.get("orders")).longValue()
                    && Math.abs(wantAmount - ((Number) got.get("amount")).doubleValue()) <= 1e-6 * Math.max(1, Math.abs(wantAmount));
        }
        if (!same) {
            throw new IllegalStateException("the " + label + " query gave " + groups + ", DuckDB directly " + expected);
        }
    }

    private static void print(Result result) {
        System.out.println();
        System.out.printf(Locale.ROOT, "written   parquet %.1f s (%.0f MB), json %.1f s (%.0f MB), through @Asset from table batches%n",
                result.parquetWriteNanos() / 1e9, result.parquetBytes() / 1e6, result.jsonWriteNanos() / 1e9, result.jsonBytes() / 1e6);
        System.out.printf("groups    %d regions, %s orders%n", result.groups().size(),
                result.groups().stream().mapToLong(row -> ((Number) row.get("orders")).longValue()).sum());
        for (Samples side : List.of(result.parquet(), result.json(), result.direct())) {
            System.out.printf(Locale.ROOT, "%-8s %9.1f ms  (min %.1f, max %.1f)%n", side.label(), side.medianNanos() / 1e6, side.minNanos() / 1e6,
                    side.maxNanos() / 1e6);
        }
        System.out.printf(Locale.ROOT, "within each round: json/parquet median %.2f, parquet/direct median %.2f (the figure line divides "
                + "the cases' medians)%n", Samples.median(result.roundRatios()), Samples.median(result.roundOverheads()));
        System.out.println(figureLine(result));
    }

    static String figureLine(Result result) {
        return String.format(Locale.ROOT, "asset-query: parquet=%.1fms json=%.1fms ratio=%.2f direct=%.1fms overhead=%.2f",
                result.parquet().medianNanos() / 1e6, result.json().medianNanos() / 1e6, result.ratio(), result.direct().medianNanos() / 1e6,
                result.overhead());
    }
}
