package dev.rivulet.examples.taxi;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ParquetTables;
import dev.rivulet.tables.PartitionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A month of taxi trips from many Parquet files into one Arrow table, persisted as an {@code arrow}
 * result, then rewritten as one Parquet file a day in a Hive layout.
 *
 * <pre>
 * TripsByDay [--rows 300000] [--files 4] [--out DIR]
 * </pre>
 */
@Command(name = "TripsByDay", description = "Taxi trips from many Parquet files into one Arrow table, then one Parquet file a day.")
public final class TripsByDay implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "trips generated (300_000 is accepted)")
    int rows = 300_000;

    @Option(names = "--files", paramLabel = "N", converter = PositiveCountConverter.class, description = "Parquet files they are generated into")
    int files = 4;

    @Option(names = "--out", paramLabel = "DIR", description = "where the raw files, the results and the daily files go; a new temporary directory if not given")
    Path out;

    private TripsByDay() {}

    /** The pipeline: a load task whose table is persisted and not kept in memory, a partitioning task, and the flow. */
    public interface Lake {

        /** All files as one table; persisted with the {@code arrow} serializer and dropped from Rivulet's memory. */
        @Task(persistResult = true, cacheResultInMemory = false, serializer = "arrow")
        default VectorSchemaRoot load(List<Path> files) throws IOException {
            return ParquetTables.load(files);
        }

        /** The table as {@code root/date=yyyyMMdd/part-0.parquet} files, one a day of pickups. */
        @Task
        default List<Path> partition(VectorSchemaRoot trips, Path root) throws IOException {
            return ParquetTables.writePartitioned(trips, root, List.of(PartitionKey.day("date", "tpep_pickup_datetime")));
        }

        @Flow(name = "trips-by-day")
        default List<Path> byDay(List<Path> files, Path root) throws IOException {
            try (VectorSchemaRoot trips = load(files)) {     // Rivulet keeps no reference: the flow closes it
                System.out.printf("Loaded %,d trips from %d files, %.1f MB in memory%n", trips.getRowCount(), files.size(),
                        trips.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum() / 1e6);
                return partition(trips, root);
            }
        }
    }

    public static void main(String[] args) {
        CommandLines.run(new TripsByDay(), args);
    }

    @Override
    public Integer call() throws IOException {
        Path out = this.out != null ? this.out : Files.createTempDirectory("rivulet-trips-by-day");
        List<Path> input = TaxiTrips.writeParquet(out.resolve("raw"), rows, files, 2023, ArrowTables.allocator());
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(out.resolve("results")).build()) {
            List<Path> days = rivulet.stub(Lake.class).byDay(input, out.resolve("lake"));
            System.out.printf("Wrote %d daily files under %s, from %s to %s%n", days.size(), out.resolve("lake"),
                    days.getFirst().getParent().getFileName(), days.getLast().getParent().getFileName());
        }
        System.out.printf("Arrow memory still allocated: %d bytes%n", ArrowTables.allocator().getAllocatedMemory());
        return 0;
    }
}
