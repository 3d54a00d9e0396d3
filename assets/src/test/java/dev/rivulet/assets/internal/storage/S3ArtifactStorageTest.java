package dev.rivulet.assets.internal.storage;

import dev.rivulet.assets.internal.write.Materialization;
import dev.rivulet.assets.internal.storage.ArtifactCache;
import dev.rivulet.assets.internal.storage.ArtifactStorage;
import dev.rivulet.assets.internal.storage.S3ArtifactStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The S3 storage's cache: its bound, its eviction, and fillers that share it. */
class S3ArtifactStorageTest {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    @TempDir
    Path directory;
    String bucket;
    FaultInjectingProxy proxy;
    final List<S3ArtifactStorage> opened = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        bucket = s3.server().createBucket();
        proxy = FaultInjectingProxy.start(s3.server().endpoint());
    }

    @AfterEach
    void stop() throws IOException {
        for (S3ArtifactStorage storage : opened) {
            storage.close();
        }
        proxy.close();
    }

    private S3ArtifactStorage storage(Path cache, long maxBytes, Duration keepRecent) {
        S3ArtifactStorage storage = new S3ArtifactStorage(S3TestSupport.options(proxy), bucket, "root", new ArtifactCache(cache, maxBytes, keepRecent));
        opened.add(storage);
        return storage;
    }

    /** Publishes {@code bytes} bytes of {@code fill} at {@code path}, as a materialisation does from its staging directory. */
    private static ArtifactStorage.StoredFile publish(S3ArtifactStorage storage, String path, int bytes, char fill) throws IOException {
        byte[] content = new byte[bytes];
        Arrays.fill(content, (byte) fill);
        Path staged = Files.createDirectories(storage.staging()).resolve(fill + ".json");
        Files.write(staged, content);
        return storage.publish(staged, path, Materialization.sha256(staged));
    }

    private long gets(String path) {
        return S3TestSupport.gets(proxy, bucket, "root/" + path);
    }

    private static List<String> cached(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("objects"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theCacheEvictsTheCopiesLeastRecentlyUsedBeyondItsBound() throws Exception {
        Path cache = directory.resolve("cache");
        S3ArtifactStorage storage = storage(cache, 2500, Duration.ZERO);
        ArtifactStorage.StoredFile a = publish(storage, "a.json", 1000, 'a');
        Thread.sleep(20);
        publish(storage, "b.json", 1000, 'b');
        Thread.sleep(20);
        publish(storage, "c.json", 1000, 'c');

        assertThat(cached(cache)).as("a, the least recently used, went").hasSize(2)
                .noneMatch(name -> name.startsWith("s3___" + bucket + "_root_a.json"));
        Thread.sleep(20);
        Path copy = storage.localFile("a.json", a);
        assertThat(gets("a.json")).as("an evicted copy is downloaded again").isEqualTo(1);
        assertThat(Files.readAllBytes(copy)).hasSize(1000).containsOnly((byte) 'a');
        assertThat(cached(cache)).hasSize(2).anyMatch(name -> name.contains("_a.json")).anyMatch(name -> name.contains("_c.json"));
    }

    @Test
    void copiesInRecentUseAreKeptEvenAboveTheBound() throws IOException {
        Path cache = directory.resolve("cache");
        S3ArtifactStorage storage = storage(cache, 1500, Duration.ofMinutes(10));
        publish(storage, "a.json", 1000, 'a');
        publish(storage, "b.json", 1000, 'b');
        publish(storage, "c.json", 1000, 'c');

        assertThat(cached(cache)).as("a query may be about to open any of them").hasSize(3);
    }

    @Test
    void twoCachesOverOneDirectoryDownloadAKeyOnce() throws Exception {
        ArtifactStorage.StoredFile written = publish(storage(directory.resolve("writer"), 1 << 30, Duration.ZERO), "big.json",
                3 << 20, 'x');
        Path shared = directory.resolve("shared");
        List<S3ArtifactStorage> readers = List.of(storage(shared, 1 << 30, Duration.ZERO), storage(shared, 1 << 30, Duration.ZERO));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Path>> copies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                S3ArtifactStorage reader = readers.get(i % 2);
                copies.add(threads.submit((Callable<Path>) () -> {
                    go.await();
                    return reader.localFile("big.json", written);
                }));
            }
            go.countDown();
            for (Future<Path> copy : copies) {
                assertThat(copy.get()).hasSize(3 << 20);
            }
            assertThat(copies.stream().map(f -> f.resultNow()).distinct()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(gets("big.json")).as("one filler downloads, the others wait and find its copy").isEqualTo(1);
        try (Stream<Path> downloads = Files.list(shared.resolve("downloads"))) {
            assertThat(downloads).as("no download left behind").isEmpty();
        }
    }

    @Test
    void twoJvmsFillingOneKeyDownloadItOnce() throws Exception {
        ArtifactStorage.StoredFile written = publish(storage(directory.resolve("writer"), 1 << 30, Duration.ZERO), "big.json",
                3 << 20, 'x');
        Path shared = directory.resolve("shared");
        Path go = directory.resolve("go");
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Path output = directory.resolve("child-" + i + ".out");
                outputs.add(output);
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                children.add(new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                        CacheFillingProcess.class.getName(), proxy.endpoint().toString(), bucket, "root", shared.toString(),
                        "big.json", written.checksum(), Long.toString(written.bytes()), go.toString())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start());
            }
            for (int i = 0; i < 2; i++) {
                awaitLine(outputs.get(i), "READY", children.get(i));
            }
            Files.createFile(go);
            List<String> copies = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                assertThat(children.get(i).waitFor(60, TimeUnit.SECONDS)).as("child %d ended", i).isTrue();
                String printed = Files.readString(outputs.get(i));
                assertThat(children.get(i).exitValue()).as(printed).isZero();
                copies.add(printed.lines().filter(line -> line.startsWith("COPY ")).findFirst().orElseThrow());
            }
            assertThat(copies).as("both read the same copy").containsOnly(copies.get(0));
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertThat(gets("big.json")).as("one process downloads, the other waits on its lock file and finds its copy").isEqualTo(1);
    }

    private static void awaitLine(Path output, String line, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(output) || !Files.readAllLines(output).contains(line)) {
            assertThat(process.isAlive()).as("the child JVM runs: %s", Files.exists(output) ? Files.readString(output) : "").isTrue();
            assertThat(System.nanoTime()).as("waiting for %s in %s", line, output).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void anObjectReplacedOrDeletedBehindTheCatalogsBackIsRefused() throws IOException {
        S3ArtifactStorage storage = storage(directory.resolve("cache"), 1 << 20, Duration.ZERO);
        ArtifactStorage.StoredFile written = publish(storage, "a.json", 100, 'a');
        assertThat(storage.stat("a.json")).contains(written);

        s3.server().client().putObject(b -> b.bucket(bucket).key("root/a.json"), RequestBody.fromString("{}\n"));
        assertThatThrownBy(() -> storage.localFile("a.json", written)).isInstanceOf(ArtifactStorage.ContentChangedException.class)
                .hasMessageContaining("its entity tag is now").hasMessageContaining(written.checksum() + " was written");

        s3.server().client().deleteObject(b -> b.bucket(bucket).key("root/a.json"));
        assertThatThrownBy(() -> storage.localFile("a.json", written)).isInstanceOf(NoSuchFileException.class);
        assertThat(storage.stat("a.json")).isEmpty();
    }
}
