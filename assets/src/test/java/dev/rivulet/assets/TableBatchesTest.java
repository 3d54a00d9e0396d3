package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rivulet.Rivulet;
import dev.rivulet.history.RunHistoryOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrow table batches streamed into one file through DuckDB: many of them without holding them all,
 * one with other columns refused, a failing iterator failing the run, and tables written as JSON
 * with their columns recorded.
 */
class TableBatchesTest {

    static final Schema ORDERS = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(64, true)),
            Field.nullable("region", ArrowType.Utf8.INSTANCE),
            Field.nullable("amount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))));
    /** Batch 7 of {@link Orders#odd}: amount as text. */
    static final Schema ODD = new Schema(List.of(ORDERS.getFields().get(0), ORDERS.getFields().get(1),
            Field.nullable("amount", ArrowType.Utf8.INSTANCE), ORDERS.getFields().get(3)));
    static final long START_MICROS = 1_704_067_200_000_000L;

    static BufferAllocator allocator;
    /** The most Arrow memory alive whenever the asset's iterator was asked for a batch. */
    static final AtomicLong LIVE_PEAK = new AtomicLong();
    /** The Arrow memory of one batch, measured as the first one is made. */
    static final AtomicLong BATCH_BYTES = new AtomicLong();
    static volatile RuntimeException failure;

    /** {@code batches} tables of {@code rows} orders, ids from {@code firstId}, made only when asked for. */
    static final class OrderBatches implements Iterator<VectorSchemaRoot> {
        private final int batches;
        private final int rows;
        private final long firstId;
        private final int failAt;
        private final int oddAt;
        private int made;

        OrderBatches(int batches, int rows, long firstId, int failAt, int oddAt) {
            this.batches = batches;
            this.rows = rows;
            this.firstId = firstId;
            this.failAt = failAt;
            this.oddAt = oddAt;
        }

        @Override
        public boolean hasNext() {
            return made < batches;
        }

        @Override
        public VectorSchemaRoot next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            made++;
            if (made == failAt) {
                failure = new IllegalStateException("the source went away at batch " + made);
                throw failure;
            }
            LIVE_PEAK.accumulateAndGet(allocator.getAllocatedMemory(), Math::max);
            long before = allocator.getAllocatedMemory();
            VectorSchemaRoot table = table(made == oddAt ? ODD : ORDERS, firstId + (made - 1L) * rows, rows);
            BATCH_BYTES.compareAndSet(0, allocator.getAllocatedMemory() - before);
            return table;
        }
    }

    static VectorSchemaRoot table(Schema schema, long firstId, int rows) {
        VectorSchemaRoot table = VectorSchemaRoot.create(schema, allocator);
        table.allocateNew();
        BigIntVector id = (BigIntVector) table.getVector("id");
        VarCharVector region = (VarCharVector) table.getVector("region");
        TimeStampMicroVector ts = (TimeStampMicroVector) table.getVector("ts");
        for (int i = 0; i < rows; i++) {
            long n = firstId + i;
            id.setSafe(i, n);
            region.setSafe(i, ("region-" + Math.floorMod(n, 8)).getBytes(StandardCharsets.UTF_8));
            if (table.getVector("amount") instanceof Float8Vector amount) {
                amount.setSafe(i, Math.floorMod(n, 1000) / 4.0);
            } else {
                ((VarCharVector) table.getVector("amount")).setSafe(i, "many".getBytes(StandardCharsets.UTF_8));
            }
            ts.setSafe(i, START_MICROS + n * 1_000_000L);
        }
        table.setRowCount(rows);
        return table;
    }

    public interface Orders {
        @Asset(path = "orders.parquet", name = "orders")
        default Artifact orders(int batches, int rows, int failAt) {
            return Artifact.ofBatches(new OrderBatches(batches, rows, 0, failAt, 0));
        }

        @Asset(path = "odd.parquet", name = "odd")
        default Artifact odd(int batches) {
            return Artifact.ofBatches(new OrderBatches(batches, 100, 0, 0, 7));
        }

        /** Ids from negative to positive, which DuckDB reading JSON on its own would take for HUGEINT. */
        @Asset(path = "orders.json", name = "orders-json")
        default Artifact ordersJson(int batches, int rows) {
            return Artifact.ofBatches(new OrderBatches(batches, rows, -(long) batches * rows / 2, 0, 0));
        }

        @Asset(path = "mixed.jsonl", name = "mixed")
        default Artifact mixed() {
            return Artifact.ofBatches(Stream.of(table(ORDERS, 0, 3), List.of(Map.of("id", 100, "note", "by hand")),
                    table(ORDERS, 3, 2)));
        }

        @Asset(path = "one.parquet", name = "one")
        default Artifact one(VectorSchemaRoot table) {
            return Artifact.ofTable(table);
        }
    }

    @TempDir
    Path directory;
    Path root;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        LIVE_PEAK.set(0);
        BATCH_BYTES.set(0);
        failure = null;
        root = directory.resolve("artifacts");
    }

    @AfterEach
    void everyTableWasClosed() {
        assertThat(allocator.getAllocatedMemory()).as("Arrow memory left after the asset's tables were written").isZero();
        allocator.close();
    }

    private Rivulet rivulet(ArtifactRoot artifacts) {
        return Rivulet.builder().component(artifacts)
                .runHistory(RunHistoryOptions.newBuilder().directory(directory.resolve("runs")).build()).build();
    }

    private void assertNoFragmentsLeft() throws IOException {
        try (Stream<Path> staged = Files.walk(root.resolve("_artifacts/runs"))) {
            assertThat(staged.filter(Files::isRegularFile)).as("fragments are removed").isEmpty();
        }
    }

    @Test
    void manyTableBatchesBecomeOneZstdParquetFileInTheirOrderWithoutBeingHeldAtOnce() throws IOException {
        int batches = 300;
        int rows = 2_000;
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Artifact orders = rivulet.stub(Orders.class).orders(batches, rows, 0);

            long total = (long) batches * rows;
            assertThat(orders.record().rows()).isEqualTo(total);
            assertThat(orders.record().batches()).isEqualTo(batches);
            Map<String, Object> summary = orders.query("SELECT count(*) AS n, sum(id) AS ids, count(DISTINCT region) AS regions, "
                    + "max(ts) AS last FROM {asset}").rows().get(0);
            assertThat(summary).containsEntry("n", total).containsEntry("regions", 8L);
            assertThat(((Number) summary.get("ids")).longValue()).isEqualTo(total * (total - 1) / 2);
            String file = orders.path().toString().replace("'", "''");
            assertThat(artifacts.query("SELECT count(*) AS moved FROM read_parquet('" + file + "', file_row_number = true) "
                    + "WHERE id <> file_row_number").rows().get(0)).as("rows in the order of their batches").containsEntry("moved", 0L);
            assertThat(artifacts.query("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')").rows())
                    .extracting(row -> row.get("compression")).containsExactly("ZSTD");

            long batchBytes = BATCH_BYTES.get();
            assertThat(batchBytes).isPositive();
            assertThat(LIVE_PEAK.get()).as("Arrow memory alive while batches were pulled, against %d bytes a batch", batchBytes)
                    .isLessThanOrEqualTo(4 * batchBytes);
            assertNoFragmentsLeft();
        }
    }

    @Test
    void aTableBatchWithOtherColumnsFailsNamingTheBatchAndTheColumnAndPublishesNothing() throws IOException {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Orders orders = rivulet.stub(Orders.class);

            assertThatThrownBy(() -> orders.odd(20)).isInstanceOf(AssetException.class)
                    .hasMessageContaining("asset 'odd': table batch 7 gives column 'amount' as Utf8 where batch 1 gave FloatingPoint(DOUBLE)")
                    .hasMessageContaining("Convert the batch in the asset's body");
            assertThat(root.resolve("odd.parquet")).doesNotExist();
            assertThat(artifacts.latest("odd")).isEmpty();
            assertNoFragmentsLeft();
        }
    }

    @Test
    void anIteratorThatFailsMidwayFailsTheRunWithItsExceptionAndLeavesTheLastArtifact() throws IOException {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Orders orders = rivulet.stub(Orders.class);
            Artifact good = orders.orders(5, 100, 0);
            byte[] published = Files.readAllBytes(good.path());

            assertThatThrownBy(() -> orders.orders(40, 100, 25)).isInstanceOf(AssetException.class)
                    .hasMessageContaining("asset 'orders': its batches failed at batch 25")
                    .satisfies(thrown -> assertThat(thrown.getCause()).isSameAs(failure));
            assertThat(Files.readAllBytes(root.resolve("orders.parquet"))).as("the artifact before the failed run").isEqualTo(published);
            assertThat(artifacts.latest("orders").orElseThrow().record()).isEqualTo(good.record());
            assertThat(artifacts.latest("orders").orElseThrow().query("SELECT count(*) AS n FROM {asset}").rows().get(0))
                    .containsEntry("n", 500L);
            assertNoFragmentsLeft();
        }
    }

    @Test
    void tablesWrittenAsJsonRecordTheirColumnsSoTheyReadBackWithTheirTypes() throws IOException {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Artifact json = rivulet.stub(Orders.class).ordersJson(30, 100);

            assertThat(json.format()).isEqualTo(ArtifactFormat.JSON);
            assertThat(Files.readAllLines(json.path())).hasSize(3_000).first().asString().startsWith("{\"id\":-1500,");
            assertThat(catalogColumns("orders-json")).containsExactly(Map.entry("id", "BIGINT"), Map.entry("region", "VARCHAR"),
                    Map.entry("amount", "DOUBLE"), Map.entry("ts", "TIMESTAMP"));
            assertThat(json.query("SELECT typeof(id) AS id, typeof(ts) AS ts, min(id) AS low, max(ts) AS last FROM {asset} GROUP BY ALL")
                    .rows()).singleElement().satisfies(row -> assertThat(row).containsEntry("id", "BIGINT").containsEntry("ts", "TIMESTAMP")
                            .containsEntry("low", -1500L));
            String file = json.path().toString().replace("'", "''");
            assertThat(artifacts.query("SELECT typeof(id) AS guessed FROM read_json('" + file + "') LIMIT 1").rows().get(0))
                    .as("what DuckDB would guess without the recorded columns").containsEntry("guessed", "HUGEINT");
        }
    }

    @Test
    void tablesAndRecordsInOneJsonArtifactAreCombinedWithTheColumnsOfBoth() throws IOException {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Artifact mixed = rivulet.stub(Orders.class).mixed();

            assertThat(mixed.rows()).isEqualTo(6);
            assertThat(mixed.record().batches()).isEqualTo(3);
            assertThat(mixed.query("SELECT id, note FROM {asset} ORDER BY id").rows()).extracting(row -> row.get("id"))
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 100L);
            assertThat(catalogColumns("mixed")).containsEntry("ts", "TIMESTAMP").containsEntry("note", "VARCHAR").containsEntry("id", "BIGINT");
            assertNoFragmentsLeft();
        }
    }

    @Test
    void aSingleTableIsWrittenAndLeftToItsCaller() {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts);
             VectorSchemaRoot table = table(ORDERS, 10, 50)) {
            Artifact one = rivulet.stub(Orders.class).one(table);

            assertThat(one.query("SELECT count(*) AS n, min(id) AS low FROM {asset}").rows().get(0)).containsEntry("n", 50L)
                    .containsEntry("low", 10L);
            assertThat(table.getRowCount()).isEqualTo(50);
            assertThat(((BigIntVector) table.getVector("id")).get(49)).as("the caller's table is untouched").isEqualTo(59L);
        }
    }

    /** The columns the catalog entry of {@code asset} records for reading its JSON back. */
    private Map<String, String> catalogColumns(String asset) throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve("_artifacts/catalog"))) {
            Path entry = entries.filter(p -> p.getFileName().toString().startsWith(asset + "-") && p.toString().endsWith(".json"))
                    .findFirst().orElseThrow();
            JsonNode columns = JsonMapper.builder().build().readTree(entry.toFile()).get("columns");
            Map<String, String> types = new LinkedHashMap<>();
            columns.fields().forEachRemaining(field -> types.put(field.getKey(), field.getValue().asText()));
            return types;
        }
    }
}
