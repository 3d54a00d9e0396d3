package dev.rivulet.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Writing and loading Parquet files: single files, many files at once, and Hive-partitioned layouts; the threads that do it. */
class ParquetTablesTest extends ArrowMemoryTest {

    @Test
    void manyFilesOfManyRowGroupsLoadAsOneTableInOrder() throws Exception {
        // row groups of 1,001 rows: no boundary falls on a byte of the validity bitmaps
        ParquetOptions options = ParquetOptions.newBuilder().rowGroupRows(1_001).build();
        try (VectorSchemaRoot a = SampleTables.taxi(allocator, 5_003, 1); VectorSchemaRoot b = SampleTables.taxi(allocator, 2_999, 2)) {
            ParquetTables.write(a, dir.resolve("a.parquet"), options);
            ParquetTables.write(b, dir.resolve("b.parquet"), options);
            ParquetTables.write(a, dir.resolve("c.parquet"), options);
            List<Path> files = List.of(dir.resolve("a.parquet"), dir.resolve("b.parquet"), dir.resolve("c.parquet"));
            try (VectorSchemaRoot all = ParquetTables.load(files, allocator, 3)) {
                assertEquals(5_003 + 2_999 + 5_003, all.getRowCount());
                assertEquals(a.getSchema(), all.getSchema());
                assertRows(a, all, 0);
                assertRows(b, all, 5_003);
                assertRows(a, all, 5_003 + 2_999);
            }
            try (VectorSchemaRoot one = ParquetTables.read(dir.resolve("b.parquet"), allocator)) {
                SampleTables.assertSameTable(b, one, "b.parquet");
            }
        }
    }

    @Test
    void everyTypeComesBackWithItsArrowType() throws Exception {
        try (VectorSchemaRoot table = SampleTables.everyType(allocator)) {
            ParquetTables.write(table, dir.resolve("types.parquet"));
            try (VectorSchemaRoot back = ParquetTables.read(dir.resolve("types.parquet"), allocator)) {
                SampleTables.assertSameTable(table, back, "every type");
            }
        }
    }

    @Test
    void writingIsAtomicAndLeavesNoTemporaryFiles() throws Exception {
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 100, 1)) {
            ParquetTables.write(table, dir.resolve("out/trips.parquet"));
            ParquetTables.write(table, dir.resolve("out/trips.parquet"));     // replaces it
            try (Stream<Path> files = Files.list(dir.resolve("out"))) {
                assertEquals(List.of("trips.parquet"), files.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void partitionsByDayOfPickupInHiveLayout() throws Exception {
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 20_000, 3)) {
            Path root = dir.resolve("trips");
            List<Path> files = ParquetTables.writePartitioned(table, root, List.of(PartitionKey.day("date", "tpep_pickup_datetime")),
                    ParquetOptions.defaults(), 2);
            assertEquals(30, files.size(), "one file a day of September");
            assertEquals(root.resolve("date=20230901/part-0.parquet"), files.getFirst());
            assertEquals(root.resolve("date=20230930/part-0.parquet"), files.getLast());
            try (VectorSchemaRoot all = ParquetTables.load(files, allocator, 2)) {
                assertEquals(table.getRowCount(), all.getRowCount());
                assertEquals(sum(table, "total_amount"), sum(all, "total_amount"), 1e-6);
            }
            try (VectorSchemaRoot day = ParquetTables.read(root.resolve("date=20230915/part-0.parquet"), allocator)) {
                assertTrue(day.getRowCount() > 0);
                FieldVector pickups = day.getVector("tpep_pickup_datetime");
                for (int i = 0; i < day.getRowCount(); i++) {
                    LocalDateTime pickup = (LocalDateTime) pickups.getObject(i);
                    assertEquals("20230915", pickup.format(DateTimeFormatter.BASIC_ISO_DATE));
                }
            }
        }
    }

    @Test
    void partitionsWrittenToStreamsAreTheFilesOfTheHiveLayout() throws Exception {
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 5_000, 5)) {
            List<PartitionKey> byDay = List.of(PartitionKey.day("date", "tpep_pickup_datetime"));
            List<HivePartition> partitions = ParquetTables.partitions(table, byDay);
            List<Path> files = ParquetTables.writePartitioned(table, dir.resolve("layout"), byDay, ParquetOptions.defaults(), 2);
            assertEquals(files.size(), partitions.size());
            assertEquals(table.getRowCount(), partitions.stream().mapToInt(HivePartition::rowCount).sum());
            for (int p = 0; p < partitions.size(); p++) {
                HivePartition partition = partitions.get(p);
                assertEquals(dir.resolve("layout").resolve(partition.path()).resolve("part-0.parquet"), files.get(p));
                assertEquals("date=" + partition.values().getFirst(), partition.path());
                Path streamed = dir.resolve("streamed-" + p + ".parquet");
                try (java.io.OutputStream out = Files.newOutputStream(streamed)) {
                    ParquetTables.write(table, partition.rows(), out, ParquetOptions.defaults());
                }
                try (VectorSchemaRoot fromStream = ParquetTables.read(streamed, allocator);
                        VectorSchemaRoot fromLayout = ParquetTables.read(files.get(p), allocator)) {
                    SampleTables.assertSameTable(fromLayout, fromStream, partition.path());
                }
            }
            int[] reversed = {4_999, 0, 17};
            Path picked = dir.resolve("picked.parquet");
            try (java.io.OutputStream out = Files.newOutputStream(picked)) {
                ParquetTables.write(table, reversed, out, ParquetOptions.defaults());
            }
            try (VectorSchemaRoot rows = ParquetTables.read(picked, allocator)) {
                assertEquals(3, rows.getRowCount());
                assertEquals(String.valueOf(table.getVector("total_amount").getObject(4_999)), String.valueOf(rows.getVector("total_amount").getObject(0)));
                assertEquals(String.valueOf(table.getVector("total_amount").getObject(17)), String.valueOf(rows.getVector("total_amount").getObject(2)));
            }
            assertThrows(IndexOutOfBoundsException.class,
                    () -> ParquetTables.write(table, new int[] {5_000}, java.io.OutputStream.nullOutputStream(), ParquetOptions.defaults()));
            assertThrows(IllegalArgumentException.class, () -> ParquetTables.partitions(table, List.of()));
        }
    }

    @Test
    void emptyAndNullValuesShareHivesDefaultPartitionAndNoRowIsLost() throws Exception {
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 900, 6)) {
            PartitionKey flag = PartitionKey.of("flag", t -> row -> switch (row % 3) {
                case 0 -> null;
                case 1 -> "";
                default -> "Y";
            });
            List<HivePartition> partitions = ParquetTables.partitions(table, List.of(flag));
            assertEquals(List.of("flag=Y", "flag=__HIVE_DEFAULT_PARTITION__"), partitions.stream().map(HivePartition::path).toList());
            assertEquals(600, partitions.get(1).rowCount());
            assertEquals(java.util.Arrays.asList((String) null), partitions.get(1).values());
            List<Path> files = ParquetTables.writePartitioned(table, dir, List.of(flag), ParquetOptions.defaults(), 2);
            try (VectorSchemaRoot all = ParquetTables.load(files, allocator, 2)) {
                assertEquals(900, all.getRowCount());
            }
        }
    }

    @Test
    void nestedKeysNullsAndEscapedValues() throws Exception {
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 700, 4)) {
            List<Path> files = ParquetTables.writePartitioned(table, dir, List.of(
                    PartitionKey.column("VendorID"),
                    PartitionKey.column("store_and_fwd_flag"),
                    PartitionKey.of("zone", t -> row -> row % 2 == 0 ? "Upper East/West" : "JFK:T4")), ParquetOptions.defaults(), 2);
            assertTrue(files.contains(dir.resolve("VendorID=1/store_and_fwd_flag=N/zone=Upper East%2FWest/part-0.parquet")), files.toString());
            assertTrue(files.contains(dir.resolve("VendorID=2/store_and_fwd_flag=__HIVE_DEFAULT_PARTITION__/zone=JFK%3AT4/part-0.parquet")),
                    files.toString());
            try (VectorSchemaRoot all = ParquetTables.load(files, allocator, 2)) {
                assertEquals(700, all.getRowCount());
            }
        }
    }

    @Test
    void partitionFilesCanBeNamedPerRun() throws Exception {
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 500, 6)) {
            List<PartitionKey> byDay = List.of(PartitionKey.day("date", "tpep_pickup_datetime"));
            ParquetTables.writePartitioned(table, dir, byDay, "20230930T0100_reports.parquet", ParquetOptions.defaults(), 2);
            List<Path> second = ParquetTables.writePartitioned(table, dir, byDay, "20230930T0200_reports.parquet", ParquetOptions.defaults(), 2);
            assertEquals(dir.resolve("date=20230901/20230930T0200_reports.parquet"), second.getFirst());
            try (Stream<Path> files = Files.list(dir.resolve("date=20230901"))) {
                assertEquals(2, files.count(), "the first run's file was replaced");
            }
            assertThrows(IllegalArgumentException.class,
                    () -> ParquetTables.writePartitioned(table, dir, byDay, "../escape.parquet", ParquetOptions.defaults(), 2));
        }
    }

    @Test
    void filesOfDifferentSchemasAreRefusedByName() throws Exception {
        try (VectorSchemaRoot taxi = SampleTables.taxi(allocator, 10, 1); VectorSchemaRoot other = SampleTables.everyType(allocator)) {
            ParquetTables.write(taxi, dir.resolve("taxi.parquet"));
            ParquetTables.write(other, dir.resolve("other.parquet"));
            SerializationException e = assertThrows(SerializationException.class,
                    () -> ParquetTables.load(List.of(dir.resolve("taxi.parquet"), dir.resolve("other.parquet")), allocator, 2));
            assertTrue(e.getMessage().contains("other.parquet"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotParquetIsNamedInTheError() throws Exception {
        Files.writeString(dir.resolve("notes.parquet"), "not parquet at all");
        Exception e = assertThrows(Exception.class, () -> ParquetTables.read(dir.resolve("notes.parquet"), allocator));
        assertTrue(e.getMessage().contains("notes.parquet"), e.getMessage());
    }

    @Test
    void unsupportedColumnsAreRefusedByName() throws Exception {
        try (VectorSchemaRoot table = new VectorSchemaRoot(List.of(new org.apache.arrow.vector.ViewVarCharVector("view", allocator)))) {
            table.setRowCount(0);
            SerializationException e = assertThrows(SerializationException.class, () -> ParquetTables.write(table, dir.resolve("v.parquet")));
            assertTrue(e.getMessage().contains("'view'"), e.getMessage());
        }
    }

    private static double sum(VectorSchemaRoot table, String column) {
        FieldVector vector = table.getVector(column);
        double sum = 0;
        for (int i = 0; i < table.getRowCount(); i++) {
            if (!vector.isNull(i)) {
                sum += ((Number) vector.getObject(i)).doubleValue();
            }
        }
        return sum;
    }

    /** Asserts that rows {@code [offset, offset + part rows)} of {@code all} are the rows of {@code part}. */
    private static void assertRows(VectorSchemaRoot part, VectorSchemaRoot all, int offset) {
        for (int c = 0; c < part.getFieldVectors().size(); c++) {
            FieldVector expected = part.getVector(c);
            FieldVector actual = all.getVector(c);
            for (int i = 0; i < part.getRowCount(); i++) {
                Object e = expected.getObject(i);
                Object a = actual.getObject(offset + i);
                if (!Objects.equals(String.valueOf(e), String.valueOf(a))) {
                    throw new AssertionError(expected.getName() + " row " + i + " (at " + (offset + i) + "): expected " + e + " but was " + a);
                }
            }
        }
    }

    /**
     * Parallel work runs on a pool made for the call, or on the caller's executor; no thread of this
     * module outlives a call, nor one of Hardwood's, which reads the columns the page decoder does not.
     */
    private static final List<String> OUR_THREADS = List.of("rivulet-table-", "rivulet-parquet-", "rivulet-hive-writer-", "hardwood-");

    static List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> OUR_THREADS.stream().anyMatch(name::startsWith)).toList();
    }

    static void awaitNoThreadOfOurs() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ourThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(), ourThreads(), "threads of the module still alive after their calls returned");
    }

    private void roundTrip(Serializer serializer, VectorSchemaRoot table) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.write(table, VectorSchemaRoot.class, out);
        try (VectorSchemaRoot back = (VectorSchemaRoot) serializer.read(new ByteArrayInputStream(out.toByteArray()), VectorSchemaRoot.class)) {
            SampleTables.assertSameTable(table, back, serializer.name());
        }
    }

    @Test
    void noThreadOfTheModuleOutlivesACall() throws Exception {
        ParquetOptions options = ParquetOptions.newBuilder().rowGroupRows(1_000).build();
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 10_000, 1)) {
            roundTrip(TableSerializers.arrow(allocator, 1_024, 1), table);
            roundTrip(TableSerializers.parquet(allocator, options), table);
            List<Path> files = ParquetTables.writePartitioned(table, dir.resolve("lake"), List.of(PartitionKey.day("date", "tpep_pickup_datetime")),
                    options, 3);
            try (VectorSchemaRoot loaded = ParquetTables.load(files, allocator, 3)) {
                assertEquals(table.getRowCount(), loaded.getRowCount());
            }
        }
        awaitNoThreadOfOurs();
    }

    @Test
    void aCallersExecutorDoesTheWorkAndStaysOpen() throws Exception {
        ParquetOptions options = ParquetOptions.newBuilder().rowGroupRows(1_000).build();
        ThreadPoolExecutor executor = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        try (VectorSchemaRoot table = SampleTables.taxi(allocator, 10_000, 2)) {
            roundTrip(TableSerializers.arrow(allocator, 1_024, 1, executor), table);
            roundTrip(TableSerializers.parquet(allocator, options, executor), table);
            List<Path> files = ParquetTables.writePartitioned(table, dir.resolve("lake"), List.of(PartitionKey.day("date", "tpep_pickup_datetime")),
                    "part-0.parquet", options, executor);
            try (VectorSchemaRoot loaded = ParquetTables.load(files, allocator, executor)) {
                assertEquals(table.getRowCount(), loaded.getRowCount());
            }
            assertFalse(executor.isShutdown(), "the caller's executor is the caller's to shut down");
            assertTrue(executor.getCompletedTaskCount() > files.size(), "the work ran on the caller's executor: " + executor);
            awaitNoThreadOfOurs();
        } finally {
            executor.shutdownNow();
        }
    }
}
