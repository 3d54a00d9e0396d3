package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.TaskRunRecord;
import dev.rivulet.assets.internal.storage.S3TestSupport;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Artifact roots in S3, against the in-process S3 server on loopback. */
class S3ArtifactRootTest {

    static final AtomicInteger BODIES = new AtomicInteger();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST_RUNNING = new AtomicInteger();

    public interface Warehouse {
        @Asset(path = "raw/events-{days}.json", name = "raw-events", cacheExpiration = "1h")
        default Artifact events(int days) {
            BODIES.incrementAndGet();
            return Artifact.ofBatches(IntStream.range(0, days).mapToObj(day -> IntStream.range(0, 10)
                    .mapToObj(i -> Map.<String, Object>of("day", day, "n", i)).toList()));
        }

        @Asset(path = "slow/totals.parquet")
        default Artifact slowly(int writer) throws InterruptedException {
            int running = RUNNING.incrementAndGet();
            MOST_RUNNING.accumulateAndGet(running, Math::max);
            try {
                Thread.sleep(300);
                return Artifact.ofRecords(IntStream.range(0, 1000).mapToObj(i -> Map.of("writer", writer, "i", i)).toList());
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    @TempDir
    Path directory;
    String bucket;
    FaultInjectingProxy proxy;

    @BeforeEach
    void start() throws IOException {
        BODIES.set(0);
        RUNNING.set(0);
        MOST_RUNNING.set(0);
        bucket = s3.server().createBucket();
        proxy = FaultInjectingProxy.start(s3.server().endpoint());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
    }

    private ArtifactRoot root(String bucket, Path cache) {
        return S3ArtifactRoot.builder().bucket(bucket).prefix("team/assets").cacheDirectory(cache)
                .clientOptions(S3TestSupport.options(proxy)).build();
    }

    private Rivulet rivulet(ArtifactRoot artifacts) {
        return Rivulet.builder().component(artifacts)
                .runHistory(RunHistoryOptions.newBuilder().directory(directory.resolve("runs")).build()).build();
    }

    /** The GETs of the object at {@code path} under the root's prefix that reached the server. */
    private long gets(String path) {
        return S3TestSupport.gets(proxy, bucket, "team/assets/" + path);
    }

    private String etag(String path) {
        return s3.server().client().headObject(b -> b.bucket(bucket).key("team/assets/" + path)).eTag().replace("\"", "");
    }

    @Test
    void aFlowIsMaterialisedInS3AndQueriedFromACacheFilledOnce() throws IOException {
        Path cache = directory.resolve("cache");
        try (ArtifactRoot artifacts = root(bucket, cache); Rivulet rivulet = rivulet(artifacts)) {
            List<Map<String, Object>> gold = rivulet.stub(AssetsTest.Shop.class).pipeline(5);

            assertThat(gold).hasSize(2);
            assertThat(gold.get(0)).containsEntry("region", "eu").containsEntry("orders", 25L);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(run.state()).isEqualTo(State.COMPLETED);
            TaskRunRecord bronze = rivulet.runHistory().find(run.id()).orElseThrow().taskRuns().get(0);
            assertThat(bronze.artifact().location()).isEqualTo(URI.create("s3://" + bucket + "/team/assets/bronze/orders-5.json"));
            assertThat(bronze.artifact().checksum()).as("the ETag, so that a replaced object is told apart")
                    .isEqualTo(etag("bronze/orders-5.json"));
            assertThat(bronze.artifact().bytes()).isEqualTo(s3.server().client()
                    .headObject(b -> b.bucket(bucket).key("team/assets/bronze/orders-5.json")).contentLength());
            assertThat(s3.server().client().listObjectsV2(b -> b.bucket(bucket).prefix("team/assets/")).contents())
                    .extracting(S3Object::key)
                    .contains("team/assets/bronze/orders-5.json", "team/assets/silver/orders.parquet", "team/assets/gold/by-region.json")
                    .anyMatch(key -> key.startsWith("team/assets/_artifacts/catalog/silver-orders"))
                    .anyMatch(key -> key.startsWith("team/assets/_snapshots/silver/orders.parquet/"));
            assertThat(gets("bronze/orders-5.json") + gets("silver/orders.parquet"))
                    .as("what was just written is read from the copy it was uploaded from").isZero();
            try (Stream<Path> staged = Files.walk(cache.resolve("roots"))) {
                assertThat(staged.filter(Files::isRegularFile).filter(f -> f.toString().contains("/runs/")))
                        .as("fragments are removed").isEmpty();
            }
        }

        try (ArtifactRoot elsewhere = root(bucket, directory.resolve("other-cache"))) {
            Artifact silver = elsewhere.latest("silver-orders").orElseThrow();
            assertThat(silver.query("SELECT count(*) AS n FROM {asset}").rows().get(0)).containsEntry("n", 50L);
            assertThat(elsewhere.query("SELECT sum(amount) AS total FROM {asset:silver-orders}").rows()).hasSize(1);
            assertThat(gets("silver/orders.parquet")).as("one download for two queries").isEqualTo(1);
            assertThat(elsewhere.snapshots("silver-orders")).singleElement()
                    .satisfies(snapshot -> assertThat(snapshot.query().rows()).hasSize(50));
        }
    }

    @Test
    void anAssetWithinItsExpirationIsReusedUntilItsObjectIsReplacedBehindItsBack() {
        try (ArtifactRoot artifacts = root(bucket, directory.resolve("cache")); Rivulet rivulet = rivulet(artifacts)) {
            Warehouse warehouse = rivulet.stub(Warehouse.class);
            Artifact first = warehouse.events(3);
            Artifact second = warehouse.events(3);
            assertThat(BODIES).hasValue(1);
            assertThat(second.record()).isEqualTo(first.record());
            assertThat(first.query().rows()).hasSize(30);

            s3.server().client().putObject(b -> b.bucket(bucket).key("team/assets/raw/events-3.json"),
                    RequestBody.fromString("{\"day\":0,\"n\":99}\n"));
            assertThatThrownBy(() -> first.query().rows()).as("even though the cache holds the version written")
                    .isInstanceOf(AssetException.class)
                    .hasMessageContaining("asset 'raw-events'").hasMessageContaining("no longer matches what was written")
                    .hasMessageContaining("entity tag");

            Artifact third = warehouse.events(3);
            assertThat(BODIES).as("a replaced object is materialised again, not reused").hasValue(2);
            assertThat(third.query().rows()).hasSize(30);
            assertThat(third.record().checksum()).isEqualTo(etag("raw/events-3.json"));
        }
    }

    @Test
    void twoThreadsMaterialisingOnePathTakeTurnsAndOneWholeObjectWins() throws Exception {
        try (ArtifactRoot artifacts = root(bucket, directory.resolve("cache")); Rivulet rivulet = rivulet(artifacts)) {
            Warehouse warehouse = rivulet.stub(Warehouse.class);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Artifact> one = threads.submit(() -> warehouse.slowly(1));
                Future<Artifact> two = threads.submit(() -> warehouse.slowly(2));
                assertThat(one.get().rows()).isEqualTo(1000);
                assertThat(two.get().rows()).isEqualTo(1000);
            } finally {
                threads.shutdownNow();
            }
            assertThat(MOST_RUNNING).as("the second waited for the first").hasValue(1);
            Artifact last = artifacts.latest("slow/totals.parquet").orElseThrow();
            List<Map<String, Object>> writers = last.query("SELECT writer, count(*) AS n FROM {asset} GROUP BY 1").rows();
            assertThat(writers).as("one writer's whole object").singleElement().satisfies(row -> assertThat(row).containsEntry("n", 1000L));
            assertThat(last.record().checksum()).isEqualTo(etag("slow/totals.parquet"));
        }
    }

    @Test
    void throttlingAndBrokenConnectionsAreRetriedByTheS3Client() {
        S3ClientOptions quickRetries = S3TestSupport.options(proxy).toBuilder().maxAttempts(8).baseDelay(Duration.ofMillis(5))
                .throttlingBaseDelay(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50)).build();
        proxy.failRandomly(0.2, 42, Fault.slowDown(), Fault.internalError(), Fault.resetMidBody());
        try (ArtifactRoot artifacts = S3ArtifactRoot.builder().bucket(bucket).prefix("flaky").clientOptions(quickRetries)
                .cacheDirectory(directory.resolve("cache")).build(); Rivulet rivulet = rivulet(artifacts)) {
            List<Map<String, Object>> gold = rivulet.stub(AssetsTest.Shop.class).pipeline(4);
            assertThat(gold).extracting(row -> row.get("orders")).containsExactly(20L, 20L);
        }
        try (ArtifactRoot elsewhere = S3ArtifactRoot.builder().bucket(bucket).prefix("flaky").clientOptions(quickRetries)
                .cacheDirectory(directory.resolve("other-cache")).build()) {
            assertThat(elsewhere.query("SELECT count(*) AS n FROM {asset:bronze-orders}").rows().get(0)).containsEntry("n", 40L);
        }
        assertThat(proxy.faultsInjected()).as("faults were met and ridden out").isPositive();
    }

    @Test
    void s3ErrorsNameTheAssetTheBucketAndTheFix() {
        String missing = "no-such-bucket-" + System.nanoTime();
        try (ArtifactRoot artifacts = root(missing, directory.resolve("cache")); Rivulet rivulet = rivulet(artifacts)) {
            assertThatThrownBy(() -> rivulet.stub(AssetsTest.Shop.class).region("eu")).isInstanceOf(AssetException.class)
                    .hasMessageContaining("asset 'regions/eu.jsonl' cannot be materialised under s3://" + missing + "/team/assets/")
                    .hasMessageContaining("s3://" + missing + "/team/assets/regions/eu.jsonl")
                    .hasMessageContaining("NoSuchBucket")
                    .hasMessageContaining("create the bucket or fix the name");
            assertThatThrownBy(() -> artifacts.latest("anything")).isInstanceOf(AssetException.class)
                    .hasMessageContaining("cannot read the catalog of s3://" + missing).hasMessageContaining("NoSuchBucket");
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> S3ArtifactRoot.builder().prefix("team/../other")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix 'team/../other' is refused: it has an empty, '.' or '..' segment");
        assertThatThrownBy(() -> S3ArtifactRoot.builder().bucket("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket must be a bucket name without '/', was 'a/b'");
        assertThatThrownBy(() -> S3ArtifactRoot.builder().cacheMaxBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cacheMaxBytes must not be negative, was -1");
        assertThatThrownBy(() -> S3ArtifactRoot.builder().prefix("/team/").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bucket must be set");
    }

    @Test
    void theEnvironmentNamesARootInS3() {
        System.setProperty(ArtifactRoot.SYSTEM_PROPERTY, "s3://some-bucket/team/assets");
        System.setProperty(S3ArtifactRoot.CACHE_SYSTEM_PROPERTY, directory.resolve("env-cache").toString());
        System.setProperty(S3ArtifactRoot.CACHE_MAX_BYTES_SYSTEM_PROPERTY, "512MiB");
        try (ArtifactRoot root = ArtifactRoot.fromEnvironment()) {
            assertThat(root.toString()).isEqualTo("ArtifactRoot[s3://some-bucket/team/assets/]");
            assertThat(S3ArtifactRoot.bytes("512MiB")).isEqualTo(512L << 20);
            assertThat(S3ArtifactRoot.bytes("2GiB")).isEqualTo(2L << 30);

            System.setProperty(S3ArtifactRoot.CACHE_MAX_BYTES_SYSTEM_PROPERTY, "a lot");
            assertThatThrownBy(ArtifactRoot::fromEnvironment).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("artifact cache size 'a lot' is not a size such as 536870912, 512MiB or 2GiB");
            System.setProperty(ArtifactRoot.SYSTEM_PROPERTY, "s3:///team/assets");
            assertThatThrownBy(ArtifactRoot::fromEnvironment).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not of the form s3://bucket/prefix");
        } finally {
            System.clearProperty(ArtifactRoot.SYSTEM_PROPERTY);
            System.clearProperty(S3ArtifactRoot.CACHE_SYSTEM_PROPERTY);
            System.clearProperty(S3ArtifactRoot.CACHE_MAX_BYTES_SYSTEM_PROPERTY);
        }
    }
}
