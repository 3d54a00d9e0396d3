package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The bulk client behind a proxy that throttles, fails and cuts connections. */
class S3BulkFaultTest extends BulkTestSupport {

    @Override
    S3Bulk.Builder bulk() {
        return S3Bulk.newBuilder(s3).concurrency(8).tempDirectory(temp)
                .partSize(5 * MiB).multipartThreshold(5 * MiB)
                .maxAttempts(12).baseDelay(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(50));
    }

    @Test
    void aThousandObjectsGoUpAndComeBackWholeThroughTenPercentFaults() throws IOException {
        Random random = new Random(2024);
        List<S3Put> puts = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] data = new byte[1000 + random.nextInt(7000)];
            random.nextBytes(data);
            contents.add(data);
            puts.add(S3Put.bytes(String.format("faults/%02d/%04d.bin", i % 10, i), data));
        }
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[11 * MiB + random.nextInt(MiB)];
            random.nextBytes(data);
            contents.add(data);
            puts.add(S3Put.bytes("faults/large/" + i, data));
        }
        proxy.failRandomly(0.1, 7, Fault.slowDown(), Fault.internalError(), Fault.resetMidBody());

        try (S3Bulk bulk = bulk().build()) {
            List<S3PutResult> uploaded = bulk.putMany(bucket, puts);
            assertThat(uploaded).extracting(S3PutResult::skipped).containsOnly(false);

            List<S3ObjectInfo> listed = bulk.listRecursive(bucket, "faults/");
            assertThat(listed).hasSize(1003);
            List<String> keys = puts.stream().map(S3Put::key).toList();
            assertThat(listed).extracting(S3ObjectInfo::key).containsExactlyElementsOf(keys.stream().sorted().toList());

            try (S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(keys))) {
                for (int i = 0; i < keys.size(); i++) {
                    S3Download download = downloads.get(i);
                    assertThat(download.key()).isEqualTo(keys.get(i));
                    assertThat(download.bytes()).as(keys.get(i)).isEqualTo(contents.get(i));
                    assertThat(download.etag()).isEqualTo(uploaded.get(i).etag());
                }
            }
        }
        // Some 2,100 requests in all, one in ten of them failed.
        assertThat(proxy.faultsInjected()).isGreaterThan(150);
        assertThat(md5(server.client().getObjectAsBytes(b -> b.bucket(bucket).key("faults/large/2")).asByteArray()))
                .isEqualTo(md5(contents.get(1002)));
    }

    @Test
    void aPersistentFaultFailsTheDownloadNamingTheKeyAndTheLastErrorAfterMaxAttempts() throws IOException {
        server.client().putObject(b -> b.bucket(bucket).key("doomed/object"), RequestBody.fromString("never read"));
        proxy.failAlways(Fault.internalError(), request -> request.method().equals("GET"));
        try (S3Bulk bulk = bulk().maxAttempts(4).build()) {
            assertThatThrownBy(() -> bulk.getMany(bucket, List.of(S3Get.object("doomed/object"))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> {
                        assertThat(e.bucket()).isEqualTo(bucket);
                        assertThat(e.objectKey()).isEqualTo("doomed/object");
                        assertThat(e.errorCode()).isEqualTo("InternalError");
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.attempts()).isEqualTo(4);
                    })
                    .hasMessageStartingWith("GetObject s3://" + bucket + "/doomed/object failed after 4 attempts: InternalError (500)");
        }
        assertThat(proxy.requests()).isEqualTo(4);
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void persistentThrottlingFailsTheUploadAndSaysWhatToDo() throws IOException {
        proxy.failAlways(Fault.slowDown(), request -> request.method().equals("PUT"));
        try (S3Bulk bulk = bulk().maxAttempts(3).build()) {
            assertThatThrownBy(() -> bulk.putMany(bucket, List.of(S3Put.bytes("throttled", new byte[10]))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> assertThat(e.errorCode()).isEqualTo("SlowDown"))
                    .hasMessageStartingWith("PutObject s3://" + bucket + "/throttled failed after 3 attempts: SlowDown (503)")
                    .hasMessageContaining("maxAttempts");
        }
        assertThat(proxy.requests()).isEqualTo(3);
    }

    @Test
    void aFailedMultipartUploadIsAborted() throws IOException {
        proxy.failAlways(Fault.internalError(), request -> request.hasQueryParameter("partNumber"));
        try (S3Bulk bulk = bulk().maxAttempts(2).build()) {
            assertThatThrownBy(() -> bulk.putMany(bucket, List.of(S3Put.bytes("parts", new byte[11 * MiB]))))
                    .isInstanceOf(S3BulkException.class)
                    .hasMessageContaining("UploadPart s3://" + bucket + "/parts [bytes ");
        }
        assertThat(proxy.requestsSeen()).last().satisfies(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.hasQueryParameter("uploadId")).isTrue();
        });
        assertThat(server.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void aBodyCutShortIsResumedAndTheBytesAreRight() throws IOException {
        byte[] data = new byte[12 * MiB];
        new Random(5).nextBytes(data);
        server.client().putObject(b -> b.bucket(bucket).key("cut"), RequestBody.fromBytes(data));
        proxy.failNext(3, Fault.resetMidBody(), request -> request.method().equals("GET"));
        try (S3Bulk bulk = bulk().build();
                S3Downloads downloads = bulk.getMany(bucket, List.of(S3Get.object("cut")), GetManyOptions.newBuilder().inMemory(true).build())) {
            assertThat(downloads.get(0).bytes()).isEqualTo(data);
        }
        // Three parts, three of them cut and resumed.
        assertThat(proxy.requestsSeen()).filteredOn(r -> r.method().equals("GET")).hasSize(6);
    }
}
