package dev.rivulet.storage.s3.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.storage.s3.GetManyOptions;
import dev.rivulet.storage.s3.PutManyOptions;
import dev.rivulet.storage.s3.S3Bulk;
import dev.rivulet.storage.s3.S3BulkException;
import dev.rivulet.storage.s3.S3Download;
import dev.rivulet.storage.s3.S3Downloads;
import dev.rivulet.storage.s3.S3Get;
import dev.rivulet.storage.s3.S3ObjectInfo;
import dev.rivulet.storage.s3.S3Put;
import dev.rivulet.storage.s3.S3PutResult;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The examples in the javadoc of {@link S3Bulk}, {@link S3Get}, {@link S3Put}, {@link S3Downloads},
 * {@link GetManyOptions} and {@link PutManyOptions}, run against the S3 test server.
 */
class S3BulkSnippetsTest {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    @TempDir
    Path work;

    /** What the examples load: each file's key and size, in the order they were loaded. */
    final List<String> loaded = new CopyOnWriteArrayList<>();

    void load(Path file) throws IOException {
        loaded.add(file.getFileName() + ":" + Files.size(file));
    }

    void process(String key, Path file) throws IOException {
        loaded.add(key + ":" + Files.size(file));
    }

    // @start region=bulk
    void loadAll(String bucket) throws IOException {
        try (S3Client s3 = S3TestServer.clientBuilder(testServer()) // @replace substring="S3TestServer.clientBuilder(testServer())" replacement="S3Client.builder()"
                        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(S3Bulk.defaultConcurrency()))
                        .build();
                S3Bulk bulk = S3Bulk.newBuilder(s3).build()) {
            List<S3ObjectInfo> files = bulk.listRecursive(bucket, "data/2024/");
            try (S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(files.stream().map(S3ObjectInfo::key).toList()))) {
                for (S3Download d : downloads) {
                    load(d.path());
                }
            }
        }
    }
    // @end

    /** The examples run against the test server, where S3 would be. */
    static URI testServer() {
        return s3.server().endpoint();
    }

    // @start region=gets
    static List<S3Get> partsOfTwoFiles() {
        return List.of(
                S3Get.object("data/2024/part-0.parquet"),                     // the whole object
                S3Get.range("data/2024/part-1.parquet", 0, 4096),             // its first 4 KiB
                S3Get.range("data/2024/part-1.parquet", 4096, S3Get.TO_END)); // the rest
    }
    // @end

    // @start region=puts
    static List<S3Put> partAndMarker(Path out) {
        return List.of(
                S3Put.file("data/2024/part-0.parquet", out.resolve("part-0.parquet"))
                        .withContentType("application/vnd.apache.parquet")
                        .withMetadata(Map.of("rows", "1048576")),
                S3Put.bytes("data/2024/_SUCCESS", new byte[0]));
    }
    // @end

    // @start region=downloads
    void processAll(S3Bulk bulk, String bucket, List<String> keys) throws IOException {
        try (S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(keys))) {
            for (S3Download d : downloads) {
                process(d.key(), d.path());
            }
        }   // the files are gone here
    }
    // @end

    // @start region=get-many-options
    static GetManyOptions tolerant(ProgressBar bar) {
        return GetManyOptions.newBuilder()
                .returnMissing(true)                 // a missing key is a result, not a failure
                .progress(p -> bar.update(p.bytesDone(), p.bytesTotal()))
                .build();
    }
    // @end

    // @start region=put-many-options
    static PutManyOptions keepExisting() {
        return PutManyOptions.newBuilder().overwrite(false).build();  // skip keys that exist
    }
    // @end

    /** Stands for a progress display; remembers what it was told. */
    static final class ProgressBar {
        final List<long[]> updates = new CopyOnWriteArrayList<>();

        void update(long done, long total) {
            updates.add(new long[] {done, total});
        }
    }

    private S3Bulk bulk() {
        return S3Bulk.newBuilder(s3.server().client()).build();
    }

    private List<S3PutResult> upload(S3Bulk bulk, String bucket, PutManyOptions options) throws IOException {
        Path out = Files.createDirectories(work.resolve("out"));
        Files.write(out.resolve("part-0.parquet"), new byte[10_000]);
        return bulk.putMany(bucket, partAndMarker(out), options);
    }

    @Test
    void filesAndMarkerAreUploadedWithTheirContentTypeAndMetadata() throws IOException {
        String bucket = s3.server().createBucket();
        try (S3Bulk bulk = bulk()) {
            assertThat(upload(bulk, bucket, PutManyOptions.newBuilder().build()))
                    .extracting(S3PutResult::key, S3PutResult::size)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("data/2024/part-0.parquet", 10_000L),
                            org.assertj.core.groups.Tuple.tuple("data/2024/_SUCCESS", 0L));
        }
        var head = s3.server().client().headObject(b -> b.bucket(bucket).key("data/2024/part-0.parquet"));
        assertThat(head.contentType()).isEqualTo("application/vnd.apache.parquet");
        assertThat(head.metadata()).containsEntry("rows", "1048576");
    }

    @Test
    void keepingExistingObjectsSkipsThemOnASecondUpload() throws IOException {
        String bucket = s3.server().createBucket();
        try (S3Bulk bulk = bulk()) {
            upload(bulk, bucket, keepExisting());
            assertThat(upload(bulk, bucket, keepExisting())).allMatch(S3PutResult::skipped);
        }
    }

    @Test
    void everyObjectUnderThePrefixIsListedAndLoaded() throws IOException {
        String bucket = s3.server().createBucket();
        try (S3Bulk bulk = bulk()) {
            upload(bulk, bucket, PutManyOptions.newBuilder().build());
        }

        loadAll(bucket);

        assertThat(loaded).hasSize(2).anyMatch(l -> l.endsWith(":10000")).anyMatch(l -> l.endsWith(":0"));
    }

    @Test
    void rangesOfAnObjectAddUpToTheWholeObject() throws IOException {
        String bucket = s3.server().createBucket();
        byte[] part1 = new byte[10_000];
        new java.util.Random(3).nextBytes(part1);
        s3.server().client().putObject(b -> b.bucket(bucket).key("data/2024/part-0.parquet"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[123]));
        s3.server().client().putObject(b -> b.bucket(bucket).key("data/2024/part-1.parquet"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(part1));

        try (S3Bulk bulk = bulk(); S3Downloads downloads = bulk.getMany(bucket, partsOfTwoFiles())) {
            assertThat(downloads.get(0).size()).isEqualTo(123);
            byte[] joined = new byte[10_000];
            byte[] head = Files.readAllBytes(downloads.get(1).path());
            byte[] rest = Files.readAllBytes(downloads.get(2).path());
            assertThat(head).hasSize(4096);
            System.arraycopy(head, 0, joined, 0, head.length);
            System.arraycopy(rest, 0, joined, head.length, rest.length);
            assertThat(joined).isEqualTo(part1);
        }
    }

    @Test
    void downloadedFilesAreDeletedWhenTheDownloadsClose() throws IOException {
        String bucket = s3.server().createBucket();
        try (S3Bulk bulk = bulk()) {
            upload(bulk, bucket, PutManyOptions.newBuilder().build());
            List<Path> paths = new ArrayList<>();
            try (S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(List.of("data/2024/part-0.parquet")))) {
                downloads.forEach(d -> paths.add(d.path()));
            }
            processAll(bulk, bucket, List.of("data/2024/part-0.parquet", "data/2024/_SUCCESS"));

            assertThat(loaded).containsExactly("data/2024/part-0.parquet:10000", "data/2024/_SUCCESS:0");
            assertThat(paths).noneMatch(Files::exists);
        }
    }

    @Test
    void aMissingKeyIsAResultWithTolerantOptionsAndAFailureWithout() throws IOException {
        String bucket = s3.server().createBucket();
        ProgressBar bar = new ProgressBar();
        try (S3Bulk bulk = bulk()) {
            upload(bulk, bucket, PutManyOptions.newBuilder().build());
            List<S3Get> gets = S3Get.objects(List.of("data/2024/part-0.parquet", "data/2024/part-9.parquet"));

            try (S3Downloads downloads = bulk.getMany(bucket, gets, tolerant(bar))) {
                assertThat(downloads.missing()).extracting(S3Download::key).containsExactly("data/2024/part-9.parquet");
            }
            assertThat(bar.updates).isNotEmpty();
            long[] last = bar.updates.get(bar.updates.size() - 1);
            assertThat(last[0]).isEqualTo(last[1]);

            assertThatThrownBy(() -> bulk.getMany(bucket, gets).close())
                    .isInstanceOf(S3BulkException.class)
                    .hasMessageContaining("part-9.parquet");
        }
    }
}
