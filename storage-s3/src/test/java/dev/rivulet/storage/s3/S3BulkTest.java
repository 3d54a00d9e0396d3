package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3BulkTest extends BulkTestSupport {

    @Override
    S3Bulk.Builder bulk() {
        return S3Bulk.newBuilder(s3).concurrency(4).tempDirectory(temp).baseDelay(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(20));
    }

    long gets() {
        return proxy.requestsSeen().stream().filter(r -> r.method().equals("GET")).count();
    }

    @Test
    void aBulkClientBuiltFromOptionsReachesTheirEndpoint() throws IOException {
        put("k", "value".getBytes());
        int before = proxy.requests();
        try (S3Bulk bulk = S3Bulk.newBuilder(TestServerOptions.forEndpoint(proxy.endpoint())).concurrency(70).tempDirectory(temp).build();
                S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(List.of("k")), GetManyOptions.newBuilder().inMemory(true).build())) {
            assertThat(new String(downloads.get(0).bytes())).isEqualTo("value");
        }
        assertThat(proxy.requests() - before).as("through the options' endpoint").isEqualTo(1);
    }

    @Test
    void listsEachKeyUnderThePrefixesOnceSortedWithSizeEtagAndTime() throws IOException {
        for (String key : List.of("a/1", "a/b/2", "a/b/3", "ab/4", "c/5", "d/6")) {
            put(key, key.getBytes());
        }
        try (S3Bulk bulk = bulk().build()) {
            List<S3ObjectInfo> listed = bulk.listRecursive(bucket, "c/", "a/b/", "a/");

            assertThat(listed).extracting(S3ObjectInfo::key).containsExactly("a/1", "a/b/2", "a/b/3", "c/5");
            assertThat(listed.get(0).size()).isEqualTo(3);
            assertThat(listed.get(0).etag()).isEqualTo(md5("a/1".getBytes()));
            assertThat(listed.get(0).lastModified()).isNotNull();
            assertThat(bulk.listRecursive(bucket, "")).hasSize(6);
            assertThat(bulk.listRecursive(bucket, "a")).extracting(S3ObjectInfo::key).containsExactly("a/1", "a/b/2", "a/b/3", "ab/4");
            assertThat(bulk.listRecursive(bucket, "nothing/")).isEmpty();
        }
    }

    @Test
    void downloadsWholeObjectsIntoFilesWithTheirTypeAndMetadataAndCloseDeletesThem() throws IOException {
        byte[] small = random(10_000, 1);
        server.client().putObject(b -> b.bucket(bucket).key("dir/small.csv").contentType("text/csv").metadata(Map.of("rows", "12")),
                RequestBody.fromBytes(small));
        put("dir/empty", new byte[0]);
        byte[] medium = random(3 * MiB + 17, 2);
        put("medium.bin", medium);
        Path directory;
        try (S3Bulk bulk = bulk().build();
                S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(List.of("dir/small.csv", "dir/empty", "medium.bin")))) {
            assertThat(downloads.size()).isEqualTo(3);
            S3Download first = downloads.get(0);
            assertThat(first.key()).isEqualTo("dir/small.csv");
            assertThat(first.path()).hasBinaryContent(small).hasFileName("0-small.csv");
            assertThat(first.size()).isEqualTo(10_000);
            assertThat(first.etag()).isEqualTo(md5(small));
            assertThat(first.contentType()).isEqualTo("text/csv");
            assertThat(first.metadata()).containsEntry("rows", "12");
            assertThat(first.lastModified()).isNotNull();
            assertThat(first.isMissing()).isFalse();
            assertThat(downloads.get(1).path()).isEmptyFile();
            assertThat(downloads.get(1).etag()).isEqualTo(md5(new byte[0]));
            assertThat(downloads.get(2).bytes()).isEqualTo(medium);
            assertThat(downloads.totalBytes()).isEqualTo(10_000 + medium.length);
            directory = downloads.directory().orElseThrow();
            assertThat(directory.getParent()).isEqualTo(temp);
            try (Stream<Path> files = Files.list(directory)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("0-small.csv", "1-empty", "2-medium.bin");
            }
        }
        assertThat(directory).doesNotExist();
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void downloadsIntoMemoryWithoutADirectory() throws IOException {
        byte[] data = random(100_000, 3);
        put("in/memory", data);
        try (S3Bulk bulk = bulk().build();
                S3Downloads downloads = bulk.getMany(bucket, List.of(S3Get.object("in/memory"), S3Get.range("in/memory", 10, 20)),
                        GetManyOptions.newBuilder().inMemory(true).build())) {
            assertThat(downloads.directory()).isEmpty();
            assertThat(downloads.get(0).isInMemory()).isTrue();
            assertThat(downloads.get(0).bytes()).isEqualTo(data);
            assertThat(downloads.get(1).bytes()).isEqualTo(Arrays.copyOfRange(data, 10, 30));
            assertThatThrownBy(() -> downloads.get(0).path()).isInstanceOf(IllegalStateException.class).hasMessageContaining("in/memory");
        }
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void splitsALargeObjectIntoRangedRequestsOfPartSize() throws IOException {
        byte[] large = random(12 * MiB + 5, 4);
        put("large", large);
        try (S3Bulk bulk = bulk().partSize(5 * MiB).multipartThreshold(5 * MiB).build()) {
            for (boolean inMemory : new boolean[] {false, true}) {
                long before = gets();
                try (S3Downloads downloads = bulk.getMany(bucket, List.of(S3Get.object("large")),
                        GetManyOptions.newBuilder().inMemory(inMemory).build())) {
                    assertThat(downloads.get(0).bytes()).isEqualTo(large);
                    assertThat(downloads.get(0).size()).isEqualTo(large.length);
                }
                assertThat(gets() - before).isEqualTo(3);
            }
        }
    }

    @Test
    void downloadsRangesWithinAndAcrossParts() throws IOException {
        byte[] large = random(12 * MiB, 5);
        put("ranges", large);
        List<S3Get> gets = List.of(
                S3Get.range("ranges", 0, 1),
                S3Get.range("ranges", MiB, 9 * MiB),
                S3Get.range("ranges", 12 * MiB - 100, S3Get.TO_END),
                S3Get.range("ranges", 3, 12 * MiB - 3),
                S3Get.object("ranges"));
        try (S3Bulk bulk = bulk().partSize(5 * MiB).multipartThreshold(5 * MiB).build();
                S3Downloads downloads = bulk.getMany(bucket, gets)) {
            assertThat(downloads.get(0).bytes()).containsExactly(large[0]);
            assertThat(downloads.get(1).bytes()).isEqualTo(Arrays.copyOfRange(large, MiB, 10 * MiB));
            assertThat(downloads.get(2).bytes()).isEqualTo(Arrays.copyOfRange(large, 12 * MiB - 100, 12 * MiB));
            assertThat(downloads.get(3).bytes()).isEqualTo(Arrays.copyOfRange(large, 3, 12 * MiB));
            assertThat(downloads.get(4).bytes()).isEqualTo(large);
            assertThat(downloads.get(1).request()).isEqualTo(gets.get(1));
            assertThat(downloads.get(1).size()).isEqualTo(9 * MiB);
        }
    }

    @Test
    void aRangeBeyondTheObjectFailsWithTheObjectsSize() throws IOException {
        put("short", random(1000, 6));
        try (S3Bulk bulk = bulk().build()) {
            assertThatThrownBy(() -> bulk.getMany(bucket, List.of(S3Get.range("short", 900, 200))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> {
                        assertThat(e.objectKey()).isEqualTo("short");
                        assertThat(e.range()).isEqualTo("bytes 900-1099");
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessage("GetObject s3://" + bucket + "/short [bytes 900-1099] failed: the range goes beyond the end of the object,"
                            + " which has 1000 bytes");
            assertThatThrownBy(() -> bulk.getMany(bucket, List.of(S3Get.range("short", 5000, S3Get.TO_END))))
                    .isInstanceOf(S3BulkException.class)
                    .hasMessageContaining("[bytes 5000-]")
                    .hasMessageContaining("beyond the end of the object, which has 1000 bytes");
        }
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aMissingKeyIsMarkedMissingWithReturnMissing() throws IOException {
        byte[] data = random(500, 7);
        put("here", data);
        try (S3Bulk bulk = bulk().build();
                S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(List.of("here", "not/here")),
                        GetManyOptions.newBuilder().returnMissing(true).build())) {
            assertThat(downloads.get(0).bytes()).isEqualTo(data);
            S3Download missing = downloads.get(1);
            assertThat(missing.isMissing()).isTrue();
            assertThat(missing.size()).isZero();
            assertThat(missing.key()).isEqualTo("not/here");
            assertThat(downloads.missing()).containsExactly(missing);
            assertThatThrownBy(missing::path).isInstanceOf(IllegalStateException.class).hasMessageContaining("not/here");
        }
    }

    @Test
    void aMissingKeyFailsTheCallNamingTheKeyWithoutReturnMissing() throws IOException {
        put("here", random(500, 8));
        try (S3Bulk bulk = bulk().build()) {
            assertThatThrownBy(() -> bulk.getMany(bucket, S3Get.objects(List.of("here", "not/here"))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("NoSuchKey");
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.objectKey()).isEqualTo("not/here");
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageStartingWith("GetObject s3://" + bucket + "/not/here failed: NoSuchKey (404)")
                    .hasMessageContaining("returnMissing(true)");
        }
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aMissingBucketFailsEveryCallNamingTheBucket() throws IOException {
        try (S3Bulk bulk = bulk().build()) {
            assertThatThrownBy(() -> bulk.listRecursive("no-such-bucket", "x/"))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchBucket"))
                    .hasMessageContaining("bucket 'no-such-bucket' does not exist");
            assertThatThrownBy(() -> bulk.getMany("no-such-bucket", List.of(S3Get.object("k")),
                            GetManyOptions.newBuilder().returnMissing(true).build()))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchBucket"))
                    .hasMessageContaining("s3://no-such-bucket/k");
            assertThatThrownBy(() -> bulk.putMany("no-such-bucket", List.of(S3Put.bytes("k", new byte[1]))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchBucket"))
                    .hasMessageContaining("PutObject s3://no-such-bucket/k");
        }
    }

    @Test
    void refusedCredentialsFailAtOnceWithoutRetries() throws IOException {
        put("secret", random(10, 9));
        try (S3Client stranger = S3TestServer.clientBuilder(proxy.endpoint())
                        .credentialsProvider(() -> AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, "wrong"))
                        .build();
                S3Bulk bulk = S3Bulk.newBuilder(stranger).tempDirectory(temp).build()) {
            int before = proxy.requests();
            assertThatThrownBy(() -> bulk.getMany(bucket, List.of(S3Get.object("secret"))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.attempts()).isEqualTo(1);
                    })
                    .hasMessageContaining("s3://" + bucket + "/secret")
                    .hasMessageContaining("credentials");
            assertThat(proxy.requests() - before).isEqualTo(1);
        }
    }

    @Test
    void uploadsSmallAndMultipartObjectsWithContentTypeAndMetadata(@TempDir Path sources) throws IOException {
        byte[] small = random(70_000, 10);
        byte[] large = random(11 * MiB, 11);
        Path largeFile = Files.write(sources.resolve("large.bin"), large);
        List<S3Put> puts = List.of(
                S3Put.bytes("up/small.json", small).withContentType("application/json").withMetadata(Map.of("origin", "test")),
                S3Put.file("up/large.bin", largeFile).withMetadata(Map.of("parts", "3")),
                S3Put.bytes("up/empty", new byte[0]));
        try (S3Bulk bulk = bulk().partSize(5 * MiB).multipartThreshold(5 * MiB).build()) {
            List<S3PutResult> results = bulk.putMany(bucket, puts);

            assertThat(results).extracting(S3PutResult::key).containsExactly("up/small.json", "up/large.bin", "up/empty");
            assertThat(results).extracting(S3PutResult::skipped).containsOnly(false);
            assertThat(results.get(0).etag()).isEqualTo(md5(small));
            assertThat(results.get(1).etag()).endsWith("-3");
            assertThat(results.get(1).size()).isEqualTo(large.length);
            // Three parts; a part the client sent again (a connection the server dropped) is still one of them.
            assertThat(proxy.requestsSeen()).filteredOn(r -> r.hasQueryParameter("partNumber"))
                    .extracting(r -> r.target().replaceAll(".*[?&]partNumber=(\\d+).*", "$1"))
                    .containsOnly("1", "2", "3").contains("1", "2", "3");

            try (S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(List.of("up/small.json", "up/large.bin", "up/empty")))) {
                assertThat(downloads.get(0).bytes()).isEqualTo(small);
                assertThat(downloads.get(0).contentType()).isEqualTo("application/json");
                assertThat(downloads.get(0).metadata()).containsEntry("origin", "test");
                assertThat(downloads.get(1).bytes()).isEqualTo(large);
                assertThat(downloads.get(1).contentType()).isEqualTo(S3Put.DEFAULT_CONTENT_TYPE);
                assertThat(downloads.get(1).metadata()).containsEntry("parts", "3");
                assertThat(downloads.get(1).etag()).isEqualTo(results.get(1).etag());
                assertThat(downloads.get(2).size()).isZero();
            }
        }
    }

    @Test
    void withoutOverwriteExistingKeysAreSkipped() throws IOException {
        byte[] old = random(100, 12);
        put("keep/old", old);
        try (S3Bulk bulk = bulk().build()) {
            List<S3PutResult> results = bulk.putMany(bucket,
                    List.of(S3Put.bytes("keep/old", random(200, 13)), S3Put.bytes("keep/new", random(300, 14))),
                    PutManyOptions.newBuilder().overwrite(false).build());

            assertThat(results.get(0)).isEqualTo(new S3PutResult("keep/old", 200, md5(old), true));
            assertThat(results.get(1).skipped()).isFalse();
            assertThat(server.client().getObjectAsBytes(b -> b.bucket(bucket).key("keep/old")).asByteArray()).isEqualTo(old);
            assertThat(server.client().getObjectAsBytes(b -> b.bucket(bucket).key("keep/new")).asByteArray()).hasSize(300);

            bulk.putMany(bucket, List.of(S3Put.bytes("keep/old", random(200, 13))));
            assertThat(server.client().getObjectAsBytes(b -> b.bucket(bucket).key("keep/old")).asByteArray()).hasSize(200);
        }
    }

    @Test
    void progressCountsUpToTheTotalsAndNeverBack() throws IOException {
        List<S3Put> puts = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 20; i++) {
            byte[] data = random(1000 * (i + 1), 100 + i);
            puts.add(S3Put.bytes("progress/" + i, data));
            total += data.length;
        }
        puts.add(S3Put.bytes("progress/large", random(6 * MiB, 99)));
        total += 6 * MiB;
        List<S3Progress> seen = new ArrayList<>();
        S3Progress.Listener listener = seen::add;
        try (S3Bulk bulk = bulk().partSize(5 * MiB).multipartThreshold(5 * MiB).build()) {
            bulk.putMany(bucket, puts, PutManyOptions.newBuilder().progress(listener).build());
            assertThat(seen.get(seen.size() - 1)).isEqualTo(new S3Progress(21, 21, total, total));
            assertIncreasing(seen);

            seen.clear();
            try (S3Downloads ignored = bulk.getMany(bucket, S3Get.objects(puts.stream().map(S3Put::key).toList()),
                    GetManyOptions.newBuilder().progress(listener).build())) {
                assertThat(seen.get(seen.size() - 1)).isEqualTo(new S3Progress(21, 21, total, total));
                assertThat(seen.get(seen.size() - 1).isComplete()).isTrue();
                assertIncreasing(seen);
            }
        }
    }

    private static void assertIncreasing(List<S3Progress> seen) {
        for (int i = 1; i < seen.size(); i++) {
            S3Progress before = seen.get(i - 1);
            S3Progress now = seen.get(i);
            assertThat(now.objectsDone()).isGreaterThanOrEqualTo(before.objectsDone());
            assertThat(now.bytesDone()).isGreaterThanOrEqualTo(before.bytesDone());
            assertThat(now.bytesTotal()).isGreaterThanOrEqualTo(before.bytesTotal());
        }
    }

    @Test
    void anObjectOverwrittenWhileItIsDownloadedFailsTheCallAndAppearsNowhere() throws IOException {
        put("moving", random(11 * MiB, 15));
        AtomicInteger getsOfMoving = new AtomicInteger();
        List<String> visibleWhileDownloading = new ArrayList<>();
        // When the second part is asked for, the object changes under it (and the files are looked at).
        proxy.failAlways(FaultInjectingProxy.Fault.internalError(), request -> {
            if (request.method().equals("GET") && request.path().endsWith("/moving") && getsOfMoving.incrementAndGet() == 2) {
                put("moving", random(11 * MiB, 16));
                try (Stream<Path> files = Files.walk(temp)) {
                    files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).forEach(visibleWhileDownloading::add);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }
            return false;
        });
        try (S3Bulk bulk = bulk().concurrency(1).partSize(5 * MiB).multipartThreshold(5 * MiB).build()) {
            assertThatThrownBy(() -> bulk.getMany(bucket, List.of(S3Get.object("moving"))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(412);
                        assertThat(e.range()).isEqualTo("bytes 5242880-10485759");
                    })
                    .hasMessageContaining("s3://" + bucket + "/moving")
                    .hasMessageContaining("changed while it was downloaded");
        }
        assertThat(visibleWhileDownloading).singleElement().asString().matches("\\.0-moving\\.[0-9a-f]{16}\\.tmp");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aBodyThatDoesNotMatchItsMd5IsRetriedThenFailsUnlessChecksumsAreOff() throws IOException {
        byte[] data = random(50_000, 17);
        put("rotten", data);
        // Damage the stored bytes behind the server's back; it keeps serving the old entity tag.
        Path stored = server.directory().resolve(bucket).resolve("rotten");
        byte[] damaged = data.clone();
        damaged[12_345] ^= 1;
        Files.write(stored, damaged);
        try (S3Bulk bulk = bulk().maxAttempts(3).build()) {
            assertThatThrownBy(() -> bulk.getMany(bucket, List.of(S3Get.object("rotten"))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> assertThat(e.attempts()).isEqualTo(3))
                    .hasMessage("GetObject s3://" + bucket + "/rotten failed after 3 attempts: the MD5 of the bytes received is "
                            + md5(damaged) + " but S3's entity tag says " + md5(data));
        }
        try (S3Bulk bulk = bulk().verifyChecksums(false).build();
                S3Downloads downloads = bulk.getMany(bucket, List.of(S3Get.object("rotten")))) {
            assertThat(downloads.get(0).bytes()).isEqualTo(damaged);
        }
    }

    @Test
    void closingTheClientFailsACallThatIsRunningInsteadOfLeavingItWaiting() throws Exception {
        for (int i = 0; i < 20; i++) {
            put("closing/" + i, random(1000, i));
        }
        proxy.failAlways(FaultInjectingProxy.Fault.delay(Duration.ofMillis(200)), request -> true);
        S3Bulk bulk = bulk().concurrency(1).build();
        CompletableFuture<S3Downloads> call = CompletableFuture.supplyAsync(() -> {
            try {
                return bulk.getMany(bucket, S3Get.objects(IntStream.range(0, 20).mapToObj(i -> "closing/" + i).toList()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        bulk.close();
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theBuilderRefusesSizesS3DoesNotAllow() {
        assertThatThrownBy(() -> S3Bulk.newBuilder(s3).partSize(1024))
                .hasMessage("partSize must be between 5242880 (5 MiB) and 5368709120 (5 GiB), was 1024");
        assertThatThrownBy(() -> S3Bulk.newBuilder(s3).partSize(8 * MiB).multipartThreshold(6 * MiB).build())
                .hasMessage("multipartThreshold 6291456 must not be smaller than partSize 8388608");
        assertThatThrownBy(() -> S3Bulk.newBuilder(s3).concurrency(0)).hasMessage("concurrency must be between 1 and 1024, was 0");
        assertThatThrownBy(() -> S3Put.bytes("k", new byte[0]).withMetadata(Map.of(" ", "v"))).hasMessageContaining("'k'");
        assertThatThrownBy(() -> S3Get.range("k", 5, 0)).hasMessage("length must be positive or S3Get.TO_END, was 0 for key 'k'");
    }

    @Test
    void theDefaultsSuitTheMachine() {
        try (S3Bulk bulk = S3Bulk.newBuilder(s3).build()) {
            int cores = Runtime.getRuntime().availableProcessors();
            assertThat(bulk.concurrency()).isEqualTo(Math.max(8, Math.min(64, 2 * cores)));
            assertThat(bulk.partSize()).isEqualTo(8 * MiB);
            assertThat(bulk.multipartThreshold()).isEqualTo(8 * MiB);
            assertThat(bulk.maxAttempts()).isEqualTo(8);
        }
    }
}
