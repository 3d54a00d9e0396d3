package dev.rivulet.benchmarks;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.jdbc.JdbcTables;
import dev.rivulet.jdbc.testing.MariaDbTestServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The extract of the data-lake pipeline: {@code --rows} rows of a {@code reports} table (ids, a
 * DATETIME(6), a customer, an ENUM status, a DECIMAL amount, an encoded payload, and two nullable
 * columns, one in three of their rows null) from a MariaDB server the benchmark starts, streamed
 * into Arrow batches by {@link JdbcTables#read}, beside a bare JDBC loop that reads every column
 * with the typed getters ({@code getLong}, {@code getObject(i, LocalDateTime.class)}, {@code
 * getBigDecimal}, {@code getString}) with the same fetch size. Rounds alternate which side goes
 * first; each side reports its median round. Runs under {@code -Xmx256m} (its line in {@code
 * benchmarks/run}): the heap's peak, and the peak of the Arrow allocator of Rivulet's side, show
 * that memory stays bounded by a batch, not by the result.
 *
 * <p>The last line is {@code jdbc-extract: rivulet=<Mrows/s> jdbc=<Mrows/s> ratio=<x>
 * heap-peak=<MB>MB arrow-peak=<MB>MB}.
 *
 * <p>Options: {@code --rows N} (1000000), {@code --batch N} (65536), {@code --warmup N} (1),
 * {@code --rounds N} (5), {@code --verbose}.
 */
@Command(name = "benchmarks/run jdbc-extract",
        description = "A day of a MariaDB reports table into Arrow batches, beside a bare JDBC loop with the typed getters.")
public final class JdbcExtractBenchmark implements Callable<Integer> {

    @Mixin
    final JdbcVolume volume = new JdbcVolume();

    @Mixin
    final Rounds rounds = new Rounds(1, 5);

    @Option(names = "--verbose", description = "print every round")
    boolean verbose;

    record Settings(int rows, int batch, int warmup, int rounds, boolean verbose) {

        static Settings parse(String... args) {
            return CommandLines.parse(new JdbcExtractBenchmark(), args).settings();
        }
    }

    /** Each side's median round, the heap's peak over the whole run, and the peak of Rivulet's allocator. */
    record Result(Samples rivulet, Samples jdbc, long heapPeakBytes, long arrowPeakBytes) {

        double megarowsPerSecond(Samples side, int rows) {
            return rows / side.medianNanos() * 1e3;
        }
    }

    static final String QUERY = "SELECT id, created_at, customer, status, amount, payload, note, discount FROM reports";

    private JdbcExtractBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new JdbcExtractBenchmark(), args);
    }

    private Settings settings() {
        return new Settings(volume.rows, volume.batch, rounds.warmup, rounds.measured, verbose);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        System.out.printf("JDBC extract: %,d rows of reports (8 columns) from MariaDB on loopback, batches and fetch size of %,d rows%n",
                settings.rows(), settings.batch());
        System.out.printf("JVM %s, heap at most %d MB, %d processors; %d warm-up rounds, %d measured; median round (min, max)%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                settings.warmup(), settings.rounds());
        System.out.println(Samples.machineLoad());
        try (MariaDbTestServer server = MariaDbTestServer.start()) {
            print(settings, run(settings, server));
        }
        return 0;
    }

    static Result run(Settings settings, MariaDbTestServer server) throws Exception {
        createReports(server, settings.rows());
        DataSource dataSource = server.dataSource("");
        Samples rivulet = new Samples("rivulet", settings.rounds());
        Samples jdbc = new Samples("jdbc", settings.rounds());
        long arrowPeak = 0;
        try (HeapWatch heap = new HeapWatch()) {
            for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                boolean measured = round >= settings.warmup();
                for (int s = 0; s < 2; s++) {
                    // alternate which side goes first, so neither always runs on a warmer or dirtier machine
                    boolean ours = (s + round) % 2 == 0;
                    long start = System.nanoTime();
                    long read;
                    if (ours) {
                        try (BufferAllocator allocator = new RootAllocator()) {
                            read = rivulet(dataSource, allocator, settings.batch());
                            arrowPeak = Math.max(arrowPeak, allocator.getPeakMemoryAllocation());
                        }
                    } else {
                        read = jdbc(dataSource, settings.batch());
                    }
                    long elapsed = System.nanoTime() - start;
                    if (read != settings.rows()) {
                        throw new IllegalStateException((ours ? "rivulet" : "jdbc") + " read " + read + " rows, not " + settings.rows());
                    }
                    if (measured) {
                        (ours ? rivulet : jdbc).add(elapsed);
                    }
                    if (settings.verbose()) {
                        System.err.printf("round %d %-8s %8.1f ms%s%n", round, ours ? "rivulet" : "jdbc", elapsed / 1e6, measured ? "" : " (warm-up)");
                    }
                }
            }
            return new Result(rivulet, jdbc, heap.peakUsed(), arrowPeak);
        }
    }

    /** The reports table of the data-lake pipeline, {@code rows} rows generated by the server. */
    private static void createReports(MariaDbTestServer server, int rows) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS reports");
            statement.execute("CREATE TABLE reports (id BIGINT PRIMARY KEY, created_at DATETIME(6) NOT NULL, customer VARCHAR(64) NOT NULL,"
                    + " status ENUM('new', 'paid', 'refunded', 'cancelled') NOT NULL, amount DECIMAL(12, 2) NOT NULL, payload TEXT NOT NULL,"
                    + " note VARCHAR(200) NULL, discount DECIMAL(8, 2) NULL) CHARACTER SET utf8mb4");
            statement.execute("INSERT INTO reports SELECT seq, '2023-09-01' + INTERVAL seq * 86000 MICROSECOND,"
                    + " CONCAT('customer-', seq % 20000), ELT(1 + seq % 4, 'new', 'paid', 'refunded', 'cancelled'), (seq % 100000) * 0.37,"
                    + " TO_BASE64(CONCAT('{\"channel\":\"', ELT(1 + seq % 3, 'web', 'shop', 'phone'), '\",\"items\":', seq % 9, '}')),"
                    + " IF(seq % 3 = 0, NULL, CONCAT('note ', seq)), IF(seq % 3 = 1, NULL, (seq % 500) * 0.1) FROM seq_1_to_" + rows);
        }
    }

    static long rivulet(DataSource dataSource, BufferAllocator allocator, int batch) throws SQLException {
        return JdbcVolume.readIntoArrow(dataSource, QUERY, allocator, batch);
    }

    /** Every column of every row with the typed getters, as a hand-written extract would. */
    static long jdbc(DataSource dataSource, int batch) throws SQLException {
        return JdbcVolume.readByHand(dataSource, QUERY, batch, row -> {
            long id = row.getLong(1);
            LocalDateTime created = row.getObject(2, LocalDateTime.class);
            String customer = row.getString(3);
            String status = row.getString(4);
            BigDecimal amount = row.getBigDecimal(5);
            String payload = row.getString(6);
            String note = row.getString(7);
            BigDecimal discount = row.getBigDecimal(8);
            return id + created.getNano() + customer.length() + status.length() + amount.unscaledValue().longValue() + payload.length()
                    + (note == null ? 0 : note.length()) + (discount == null ? 0 : discount.scale());
        });
    }

    private static void print(Settings settings, Result result) {
        System.out.println();
        for (Samples side : List.of(result.rivulet(), result.jdbc())) {
            System.out.printf(Locale.ROOT, "%-8s %8.1f ms  %6.2f Mrows/s  (min %.1f, max %.1f ms)%n", side == result.rivulet() ? "rivulet" : "jdbc",
                    side.medianNanos() / 1e6, result.megarowsPerSecond(side, settings.rows()), side.minNanos() / 1e6, side.maxNanos() / 1e6);
        }
        double ours = result.megarowsPerSecond(result.rivulet(), settings.rows());
        double theirs = result.megarowsPerSecond(result.jdbc(), settings.rows());
        System.out.printf(Locale.ROOT, "jdbc-extract: rivulet=%.2f jdbc=%.2f ratio=%.2f heap-peak=%dMB arrow-peak=%dMB%n", ours, theirs,
                ours / theirs, result.heapPeakBytes() >> 20, result.arrowPeakBytes() >> 20);
    }
}
