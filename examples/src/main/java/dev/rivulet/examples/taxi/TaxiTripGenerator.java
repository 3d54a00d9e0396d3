package dev.rivulet.examples.taxi;

import dev.rivulet.tables.ArrowTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a realistic month of NYC yellow-taxi trips ({@link TaxiTrips}) as Parquet, for the
 * examples and benchmarks that need the TLC's file and have no internet to fetch it.
 *
 * <pre>
 * TaxiTripGenerator [--rows 3000000] [--files 1] [--seed 2023] [--out target/taxi]
 * </pre>
 */
public final class TaxiTripGenerator {

    private TaxiTripGenerator() {}

    public static void main(String[] args) throws IOException {
        int rows = TaxiTrips.DEFAULT_ROWS;
        int files = 1;
        long seed = 2023;
        Path out = Path.of("target", "taxi");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(require(args[i], value).replace("_", ""));
                case "--files" -> files = Integer.parseInt(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: TaxiTripGenerator [--rows N] [--files N] [--seed N] [--out DIR]");
            }
            i++;
        }
        long start = System.nanoTime();
        List<Path> written = TaxiTrips.writeParquet(out, rows, files, seed, ArrowTables.allocator());
        long bytes = 0;
        for (Path file : written) {
            bytes += Files.size(file);
        }
        System.out.printf("Wrote %,d trips in %d file(s), %.1f MB, to %s in %.1f s%n", rows, written.size(), bytes / 1e6, out,
                (System.nanoTime() - start) / 1e9);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
