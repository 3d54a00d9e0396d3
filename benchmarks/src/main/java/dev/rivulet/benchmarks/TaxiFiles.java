package dev.rivulet.benchmarks;

import dev.rivulet.examples.taxi.TaxiTrips;
import dev.rivulet.tables.ArrowTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The generated taxi files the table benchmarks read, kept between runs under the temporary directory (made once per size). */
final class TaxiFiles {

    static final long SEED = 2023;

    private TaxiFiles() {}

    /** {@code files} Parquet files of {@code rows} trips in all, generated into {@code dir} unless a complete set is there already. */
    static List<Path> ensure(Path dir, int rows, int files) throws IOException {
        Path set = dir.resolve(String.format(Locale.ROOT, "taxi-%d-rows-%d-files-seed-%d", rows, files, SEED));
        Path done = set.resolve("COMPLETE");
        if (!Files.exists(done)) {
            System.err.printf("generating %,d taxi trips in %d Parquet files under %s...%n", rows, files, set);
            long start = System.nanoTime();
            List<Path> written = TaxiTrips.writeParquet(set, rows, files, SEED, ArrowTables.allocator());
            Files.writeString(done, written.size() + " files\n");
            System.err.printf("generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return written;
        }
        try (var listing = Files.list(set)) {
            List<Path> found = listing.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
            if (found.size() != files) {
                throw new IOException(set + " holds " + found.size() + " Parquet files, not " + files + "; delete it to generate it again");
            }
            return found;
        }
    }

    static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "rivulet-benchmarks");
    }

    static long bytes(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
