package dev.rivulet.examples.taxi;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.tables.ArrowTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a realistic month of NYC yellow-taxi trips ({@link TaxiTrips}) as Parquet, for the
 * examples and benchmarks that need the TLC's file and have no internet to fetch it.
 *
 * <pre>
 * TaxiTripGenerator [--rows 3000000] [--files 1] [--seed 2023] [--out target/taxi]
 * </pre>
 */
@Command(name = "TaxiTripGenerator", description = "Writes generated NYC yellow-taxi trips of September 2023 as Parquet.")
public final class TaxiTripGenerator implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "trips in all (3_000_000 is accepted)")
    int rows = TaxiTrips.DEFAULT_ROWS;

    @Option(names = "--files", paramLabel = "N", converter = PositiveCountConverter.class, description = "Parquet files the trips are split into")
    int files = 1;

    @Option(names = "--seed", paramLabel = "N", description = "the random seed: the same seed writes the same trips")
    long seed = 2023;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go")
    Path out = Path.of("target", "taxi");

    private TaxiTripGenerator() {}

    public static void main(String[] args) {
        CommandLines.run(new TaxiTripGenerator(), args);
    }

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        List<Path> written = TaxiTrips.writeParquet(out, rows, files, seed, ArrowTables.allocator());
        long bytes = 0;
        for (Path file : written) {
            bytes += Files.size(file);
        }
        System.out.printf("Wrote %,d trips in %d file(s), %.1f MB, to %s in %.1f s%n", rows, written.size(), bytes / 1e6, out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
