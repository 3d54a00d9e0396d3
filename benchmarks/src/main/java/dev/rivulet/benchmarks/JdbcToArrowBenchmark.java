package dev.rivulet.benchmarks;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.jdbc.JdbcTables;
import dev.rivulet.jdbc.testing.MariaDbTestServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A query's result from MariaDB into Arrow batches, in one JVM against a {@link MariaDbTestServer}
 * it starts: Rivulet's reader ({@link JdbcTables#read}) beside Arrow's JDBC adapter
 * ({@code org.apache.arrow:arrow-jdbc}, reusing one root as ours does) and a plain JDBC loop that
 * reads every column into Java values. Each side streams the same {@code --rows} rows of seven
 * columns (BIGINT, INT, DECIMAL(12,2), DOUBLE, VARCHAR, DATETIME(6), DATE) with the same fetch size,
 * in batches of {@code --batch} rows, into its own allocator, whose peak it reports. Rounds alternate
 * which side goes first; each side reports its median round.
 *
 * <p>Before that, each type of docs/jdbc.md's list is read through both adapters and their values
 * printed side by side: the coverage the page compares.
 *
 * <p>The last line is {@code jdbc-to-arrow: rivulet=<Mrows/s> baseline=<Mrows/s> ratio=<x>}, the
 * baseline being Arrow's adapter.
 *
 * <p>Options: {@code --rows N} (1000000), {@code --batch N} (65536), {@code --warmup N} (1),
 * {@code --rounds N} (5), {@code --no-coverage}, {@code --verbose}.
 */
@Command(name = "benchmarks/run jdbc-to-arrow",
        description = "A MariaDB query into Arrow batches: Rivulet's reader beside Arrow's JDBC adapter and a plain JDBC loop.")
public final class JdbcToArrowBenchmark implements Callable<Integer> {

    @Mixin
    final JdbcVolume volume = new JdbcVolume();

    @Mixin
    final Rounds rounds = new Rounds(1, 5);

    @Option(names = "--no-coverage", description = "skip reading each type through both adapters")
    boolean noCoverage;

    @Option(names = "--verbose", description = "print every round")
    boolean verbose;

    record Settings(int rows, int batch, int warmup, int rounds, boolean coverage, boolean verbose) {

        static Settings parse(String... args) {
            return CommandLines.parse(new JdbcToArrowBenchmark(), args).settings();
        }
    }

    /** The sides, in the order of the summary. */
    enum Side {
        RIVULET("rivulet"), ARROW_JDBC("arrow-jdbc"), PLAIN_JDBC("plain-jdbc");

        final String label;

        Side(String label) {
            this.label = label;
        }
    }

    /** Each side's median round and peak Arrow memory (none for plain JDBC). */
    record Result(List<Samples> samples, long[] peakBytes) {

        double megarowsPerSecond(Side side, int rows) {
            return rows / samples.get(side.ordinal()).medianNanos() * 1e3;
        }
    }

    static final String QUERY = "SELECT id, qty, price, score, name, created, day FROM bench";

    private JdbcToArrowBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new JdbcToArrowBenchmark(), args);
    }

    private Settings settings() {
        return new Settings(volume.rows, volume.batch, rounds.warmup, rounds.measured, !noCoverage, verbose);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        System.out.printf("JDBC to Arrow: %,d rows of 7 columns from MariaDB on loopback, batches and fetch size of %,d rows%n", settings.rows(), settings.batch());
        System.out.printf("JVM %s, %d processors; %d warm-up rounds, %d measured; median round (min, max)%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), settings.warmup(), settings.rounds());
        System.out.println(Samples.machineLoad());
        try (MariaDbTestServer server = MariaDbTestServer.start()) {
            if (settings.coverage()) {
                TypeCoverage.print(server);
            }
            Result result = run(settings, server);
            print(settings, result);
        }
        return 0;
    }

    static Result run(Settings settings, MariaDbTestServer server) throws Exception {
        createTable(server, settings.rows());
        DataSource dataSource = server.dataSource("");
        List<Samples> samples = new ArrayList<>();
        for (Side side : Side.values()) {
            samples.add(new Samples(side.label, settings.rounds()));
        }
        long[] peaks = new long[Side.values().length];
        for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
            boolean measured = round >= settings.warmup();
            for (int s = 0; s < Side.values().length; s++) {
                // rotate which side goes first, so none always runs on a warmer or dirtier machine
                Side side = Side.values()[(s + round) % Side.values().length];
                try (BufferAllocator allocator = new RootAllocator()) {
                    long start = System.nanoTime();
                    long read = switch (side) {
                        case RIVULET -> rivulet(dataSource, allocator, settings.batch());
                        case ARROW_JDBC -> arrowJdbc(dataSource, allocator, settings.batch());
                        case PLAIN_JDBC -> plainJdbc(dataSource, settings.batch());
                    };
                    long elapsed = System.nanoTime() - start;
                    if (read != settings.rows()) {
                        throw new IllegalStateException(side.label + " read " + read + " rows, not " + settings.rows());
                    }
                    if (measured) {
                        samples.get(side.ordinal()).add(elapsed);
                    }
                    peaks[side.ordinal()] = Math.max(peaks[side.ordinal()], allocator.getPeakMemoryAllocation());
                    if (settings.verbose()) {
                        System.err.printf("round %d %-10s %8.1f ms%s%n", round, side.label, elapsed / 1e6, measured ? "" : " (warm-up)");
                    }
                }
            }
        }
        return new Result(samples, peaks);
    }

    private static void createTable(MariaDbTestServer server, int rows) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench");
            statement.execute("CREATE TABLE bench (id BIGINT PRIMARY KEY, qty INT, price DECIMAL(12, 2), score DOUBLE, name VARCHAR(40),"
                    + " created DATETIME(6), day DATE) CHARACTER SET utf8mb4");
            statement.execute("INSERT INTO bench SELECT seq, seq % 1000, seq * 0.37, seq / 7, CONCAT('customer-', seq % 50000),"
                    + " '2024-01-01' + INTERVAL seq SECOND, '2024-01-01' + INTERVAL seq % 3650 DAY FROM seq_1_to_" + rows);
        }
    }

    static long rivulet(DataSource dataSource, BufferAllocator allocator, int batch) throws SQLException {
        return JdbcVolume.readIntoArrow(dataSource, QUERY, allocator, batch);
    }

    static long arrowJdbc(DataSource dataSource, BufferAllocator allocator, int batch) throws Exception {
        JdbcToArrowConfig config = new JdbcToArrowConfigBuilder(allocator, Calendar.getInstance(TimeZone.getTimeZone("UTC")))
                .setTargetBatchSize(batch)
                .setReuseVectorSchemaRoot(true)
                .build();
        long read = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(QUERY, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(batch);
            try (ResultSet result = statement.executeQuery(); ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(result, config)) {
                VectorSchemaRoot root = null;
                while (batches.hasNext()) {
                    root = batches.next();
                    read += root.getRowCount();
                }
                if (root != null) {
                    root.close();
                }
            }
        }
        return read;
    }

    /** Every column of every row into a Java value, as a hand-written loop would. */
    static long plainJdbc(DataSource dataSource, int batch) throws SQLException {
        return JdbcVolume.readByHand(dataSource, QUERY, batch, row -> {
            long id = row.getLong(1);
            int qty = row.getInt(2);
            BigDecimal price = row.getBigDecimal(3);
            double score = row.getDouble(4);
            String name = row.getString(5);
            LocalDateTime created = row.getObject(6, LocalDateTime.class);
            LocalDate day = row.getObject(7, LocalDate.class);
            return id + qty + price.unscaledValue().longValue() + Double.hashCode(score) + name.length() + created.getSecond()
                    + day.getDayOfMonth();
        });
    }

    private static void print(Settings settings, Result result) {
        System.out.println();
        for (Side side : Side.values()) {
            Samples samples = result.samples().get(side.ordinal());
            String peak = side == Side.PLAIN_JDBC ? "" : String.format(Locale.ROOT, "  peak Arrow memory %.1f MB", result.peakBytes()[side.ordinal()] / 1e6);
            System.out.printf(Locale.ROOT, "%-10s %8.1f ms  %6.2f Mrows/s  (min %.1f, max %.1f ms)%s%n", side.label, samples.medianNanos() / 1e6,
                    result.megarowsPerSecond(side, settings.rows()), samples.minNanos() / 1e6, samples.maxNanos() / 1e6, peak);
        }
        double ours = result.megarowsPerSecond(Side.RIVULET, settings.rows());
        double theirs = result.megarowsPerSecond(Side.ARROW_JDBC, settings.rows());
        System.out.printf(Locale.ROOT, "jdbc-to-arrow: rivulet=%.2f baseline=%.2f ratio=%.2f%n", ours, theirs, ours / theirs);
    }
}
