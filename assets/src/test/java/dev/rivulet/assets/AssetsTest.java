package dev.rivulet.assets;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.TaskRunRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assets materialised from batches, reused by age, re-bound, snapshotted and queried, inside and outside flows. */
class AssetsTest {

    static final AtomicInteger BRONZE_BODIES = new AtomicInteger();

    public record Order(long id, String region, double amount) {}

    public interface Shop {
        /** Pages of JSON as an API gives them; from page 3 on, a column appears. */
        @Asset(path = "bronze/orders-{pages}.json", name = "bronze-orders", cacheExpiration = "1h")
        default Artifact bronze(int pages) {
            BRONZE_BODIES.incrementAndGet();
            return Artifact.ofBatches(IntStream.range(0, pages).mapToObj(page -> {
                StringBuilder json = new StringBuilder("[");
                for (int i = 0; i < 10; i++) {
                    long id = page * 10L + i;
                    json.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"region\":\"")
                            .append(id % 2 == 0 ? "eu" : "us").append("\",\"amount\":").append(page >= 3 ? id + 0.5 : id)
                            .append(page >= 3 ? ",\"coupon\":\"C" + id + "\"" : "").append('}');
                }
                return json.append(']').toString();
            }));
        }

        @Asset(path = "silver/orders.parquet", name = "silver-orders", snapshotArtifacts = true)
        default Artifact silver(Artifact bronze) {
            List<Order> orders = new ArrayList<>();
            for (Map<String, Object> row : bronze.query("SELECT DISTINCT id, region, amount FROM {asset} ORDER BY id").rows()) {
                orders.add(new Order((Long) row.get("id"), (String) row.get("region"), ((Number) row.get("amount")).doubleValue()));
            }
            return Artifact.ofRecords(orders);
        }

        @Asset(path = "gold/by-region.json")
        default Artifact gold(Artifact silver) {
            return Artifact.ofRecords(silver.query("SELECT region, count(*) AS orders, sum(amount) AS amount FROM {asset} GROUP BY 1 ORDER BY 1")
                    .rows());
        }

        @Flow
        default List<Map<String, Object>> pipeline(int pages) {
            TaskFuture<Artifact> bronze = submit(this::bronze, pages);
            Artifact silver = silver(bronze.get());
            return gold(silver).query().rows();
        }

        @Asset(path = "regions/{region}.jsonl")
        default Artifact region(String region) {
            return Artifact.ofValue(Map.of("region", region));
        }

        @Asset(path = "mixed.json")
        default Artifact mixed() {
            return Artifact.ofBatches(Stream.of(List.of(Map.of("n", 1)), List.of(Map.of("n", "one"))));
        }

        @Task(retries = 0)
        @Asset(path = "nothing.parquet")
        default Artifact nothing() {
            return Artifact.ofBatches(Stream.empty());
        }
    }

    public interface Misdefined {
        @Asset(path = "x.json")
        default String notAnArtifact() {
            return "";
        }
    }

    public interface Escaping {
        @Asset(path = "../outside.json")
        default Artifact out() {
            return Artifact.ofRecords(List.of());
        }
    }

    public interface Unknown {
        @Asset(path = "data/{name}")
        default Artifact any(String name) {
            return Artifact.ofRecords(List.of());
        }
    }

    @TempDir
    Path directory;
    Path root;

    @BeforeEach
    void reset() {
        BRONZE_BODIES.set(0);
        root = directory.resolve("artifacts");
    }

    private Rivulet rivulet(ArtifactRoot artifacts) {
        return Rivulet.builder().component(artifacts)
                .runHistory(RunHistoryOptions.newBuilder().directory(directory.resolve("runs")).build()).build();
    }

    @Test
    void aFlowMaterialisesBronzeSilverAndGoldAndRecordsEachArtifactInItsTaskRun() throws IOException {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            List<Map<String, Object>> gold = rivulet.stub(Shop.class).pipeline(5);

            assertThat(gold).hasSize(2);
            assertThat(gold.get(0)).containsEntry("region", "eu").containsEntry("orders", 25L);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(run.state()).isEqualTo(State.COMPLETED);
            assertThat(run.taskRuns()).extracting(TaskRun::name).containsExactly("bronze-orders-0", "silver-orders-0", "gold/by-region.json-0");
            assertThat(run.graph().render()).contains("<- bronze-orders-0").contains("<- silver-orders-0");

            TaskRunRecord bronze = rivulet.runHistory().find(run.id()).orElseThrow().taskRuns().get(0);
            assertThat(bronze.artifact().name()).isEqualTo("bronze-orders");
            assertThat(bronze.artifact().rows()).isEqualTo(50);
            assertThat(bronze.artifact().batches()).isEqualTo(5);
            assertThat(bronze.artifact().location()).isEqualTo(root.resolve("bronze/orders-5.json").toUri());
            assertThat(bronze.artifact().bytes()).isEqualTo(Files.size(root.resolve("bronze/orders-5.json")));

            Artifact bronzeArtifact = artifacts.latest("bronze-orders").orElseThrow();
            assertThat(bronzeArtifact.query("WHERE coupon IS NOT NULL").rows()).as("the column that appeared in page 3").hasSize(20);
            assertThat(bronzeArtifact.query("SELECT typeof(amount) AS t FROM {asset} LIMIT 1").rows().get(0))
                    .as("integers widened to doubles").containsEntry("t", "DOUBLE");
            try (Stream<Path> staged = Files.walk(root.resolve("_artifacts/runs"))) {
                assertThat(staged.filter(Files::isRegularFile)).as("fragments are removed").isEmpty();
            }
        }
    }

    @Test
    void anAssetWithinItsExpirationIsReusedUnlessItsFileChangedBehindItsBack() throws IOException {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Shop shop = rivulet.stub(Shop.class);
            Artifact first = shop.bronze(2);
            Artifact second = shop.bronze(2);

            assertThat(BRONZE_BODIES).hasValue(1);
            assertThat(second.record()).isEqualTo(first.record());

            Path file = root.resolve("bronze/orders-2.json");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(Files.size(file) / 2);
            }
            assertThatThrownBy(() -> first.query().rows()).isInstanceOf(AssetException.class)
                    .hasMessageContaining("asset 'bronze-orders'").hasMessageContaining("no longer matches what was written");

            Artifact third = shop.bronze(2);
            assertThat(BRONZE_BODIES).as("a truncated artifact is materialised again, not served").hasValue(2);
            assertThat(third.query().rows()).hasSize(20);
        }
    }

    @Test
    void aBoundAssetRunsWithOtherArgumentsAndOptions() {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Shop shop = rivulet.stub(Shop.class);
            AssetCall eu = AssetCall.of(shop::region, "eu");

            Artifact us = eu.withArguments("us").call();
            Artifact parquet = eu.withOptions(AssetOptions.newBuilder().path("regions/{region}.parquet").name("region-{region}").build()).call();

            assertThat(us.location()).isEqualTo(root.resolve("regions/us.jsonl").toUri());
            assertThat(us.query().rows()).containsExactly(Map.of("region", "us"));
            assertThat(parquet.format()).isEqualTo(ArtifactFormat.PARQUET);
            assertThat(parquet.name()).isEqualTo("region-eu");
            assertThat(artifacts.query("SELECT * FROM {asset:region-eu} UNION ALL SELECT * FROM {asset:regions/us.jsonl} ORDER BY 1").rows())
                    .extracting(row -> row.get("region")).containsExactly("eu", "us");
        }
    }

    @Test
    void snapshotsKeepEachMaterialisationAndCanBeQueried() {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            Shop shop = rivulet.stub(Shop.class);
            shop.silver(shop.bronze(1));
            Artifact latest = shop.silver(AssetCall.of(shop::bronze, 3).call());

            List<Artifact> snapshots = latest.snapshots();
            assertThat(snapshots).hasSize(2);
            assertThat(snapshots.get(0).rows()).isEqualTo(10);
            assertThat(snapshots.get(1).query("SELECT count(*) AS n FROM {asset}").rows().get(0)).containsEntry("n", 30L);
            assertThat(snapshots.get(0).location().getPath()).contains("/_snapshots/silver/orders.parquet/");
            assertThat(latest.record().snapshot()).isEqualTo(snapshots.get(1).location());
        }
    }

    @Test
    void queryResultsComeAsArrowBatches() throws IOException {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts);
             BufferAllocator allocator = new RootAllocator()) {
            Artifact bronze = rivulet.stub(Shop.class).bronze(4);
            long rows = 0;
            try (ArrowReader reader = bronze.readArrow(allocator)) {
                while (reader.loadNextBatch()) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
            }
            assertThat(rows).isEqualTo(40);
        }
    }

    @Test
    void badDefinitionsAndBadInputFailNamingTheAssetAndTheFix() {
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = rivulet(artifacts)) {
            assertThatThrownBy(() -> rivulet.stub(Misdefined.class)).isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("@Asset on Misdefined.notAnArtifact: an asset returns Artifact, not String");
            assertThatThrownBy(() -> rivulet.stub(Escaping.class)).isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("'../outside.json'").hasMessageContaining("stays under its artifacts root");

            Unknown unknown = rivulet.stub(Unknown.class);
            assertThatThrownBy(() -> unknown.any("../../etc/passwd.json")).isInstanceOf(AssetException.class)
                    .hasMessageContaining("resolves to 'data/../../etc/passwd.json', which is refused");
            assertThatThrownBy(() -> unknown.any("orders-*.json")).isInstanceOf(AssetException.class)
                    .hasMessageContaining("which DuckDB reads in file names as patterns");
            assertThatThrownBy(() -> unknown.any("table.csv")).isInstanceOf(AssetException.class)
                    .hasMessageContaining("the format of asset path 'data/table.csv' is not known");

            Shop shop = rivulet.stub(Shop.class);
            assertThatThrownBy(shop::mixed).isInstanceOf(AssetException.class)
                    .hasMessageContaining("asset 'mixed.json': batch 2 gives column 'n' as VARCHAR where earlier records gave BIGINT");
            assertThat(root.resolve("mixed.json")).doesNotExist();
            assertThatThrownBy(shop::nothing).isInstanceOf(AssetException.class)
                    .hasMessageContaining("asset 'nothing.parquet' gave no batches");

            assertThatThrownBy(() -> artifacts.query("SELECT * FROM {asset:never}"))
                    .isInstanceOf(AssetNotMaterializedException.class)
                    .hasMessageContaining("asset 'never' in the query of assets of").hasMessageContaining("was never materialised");
            Artifact regions = shop.region("eu");
            assertThatThrownBy(() -> regions.query("SELEKT 1").rows()).isInstanceOf(AssetException.class)
                    .hasMessageContaining("query of asset 'regions/eu.jsonl' failed").hasMessageContaining("syntax error");
            assertThatThrownBy(() -> Artifact.ofRecords(List.of()).query()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("return it from an @Asset method");
        }
    }

    @Test
    void withoutARootComponentAssetsGoToTheRootTheEnvironmentNames() {
        System.setProperty(ArtifactRoot.SYSTEM_PROPERTY, root.toString());
        try (Rivulet rivulet = Rivulet.create()) {
            Artifact region = rivulet.stub(Shop.class).region("apac");
            assertThat(region.location()).isEqualTo(root.resolve("regions/apac.jsonl").toUri());
        } finally {
            System.clearProperty(ArtifactRoot.SYSTEM_PROPERTY);
        }
    }
}
