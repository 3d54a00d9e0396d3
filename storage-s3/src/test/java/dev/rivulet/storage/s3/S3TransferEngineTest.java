package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import static dev.rivulet.storage.s3.TestValues.bytes;
import static dev.rivulet.storage.s3.TestValues.readAll;
import static dev.rivulet.storage.s3.TestValues.record;

import dev.rivulet.result.StoredResult;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Request;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The result store and the bulk client on the one transfer engine: the same retry policy (with the
 * SDK's retries off underneath, counted at the proxy), the same resuming GET and the same error
 * messages.
 */
class S3TransferEngineTest {

    private static final int MAX_ATTEMPTS = 4;
    private static final Predicate<Request> DATA_PUT = r -> r.method().equals("PUT") && r.path().endsWith(".data");
    private static final Predicate<Request> DATA_GET = r -> r.method().equals("GET") && r.path().endsWith(".data");

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    FaultInjectingProxy proxy;
    String prefix;
    @TempDir
    Path temp;

    @BeforeEach
    void open() throws IOException {
        proxy = FaultInjectingProxy.start(s3.server().endpoint());
        prefix = "engine/" + UUID.randomUUID();
    }

    @AfterEach
    void close() throws IOException {
        proxy.close();
    }

    private S3ClientOptions options() {
        return TestServerOptions.forEndpoint(proxy.endpoint()).toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .baseDelay(Duration.ofMillis(5))
                .throttlingBaseDelay(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(50))
                .build();
    }

    private S3ResultStore store(String bucket) {
        return S3ResultStore.builder().bucket(bucket).prefix(prefix).clientOptions(options()).build();
    }

    /** The message of {@code e} with its object key replaced by {@code KEY}. */
    private static String withoutKey(S3StorageException e) {
        String object = "s3://" + e.bucket() + "/" + e.objectKey() + " ";
        assertThat(e.getMessage()).contains(object);
        return e.getMessage().replace(object, "s3://" + e.bucket() + "/KEY ");
    }

    private long count(Predicate<Request> which) {
        return proxy.requestsSeen().stream().filter(which).count();
    }

    @Test
    void theStoreRetriesA500OnPutByItsPolicyWithNoSdkRetriesUnderneath() throws Exception {
        try (S3ResultStore store = store(s3.bucket())) {
            proxy.failNext(MAX_ATTEMPTS - 1, Fault.internalError(), DATA_PUT);
            byte[] value = bytes(10_000, 1);
            store.write(record("flaky"), out -> out.write(value));
            assertThat(count(DATA_PUT)).as("three 500s, then the attempt that succeeds").isEqualTo(MAX_ATTEMPTS);
            assertThat(readAll(store.read("flaky").orElseThrow())).isEqualTo(value);

            proxy.passThrough().failAlways(Fault.slowDown(), DATA_PUT);
            long before = count(DATA_PUT);
            assertThatThrownBy(() -> store.write(record("throttled"), out -> out.write(value)))
                    .isInstanceOfSatisfying(S3StorageException.class, e -> assertThat(e.statusCode()).isEqualTo(503))
                    .hasMessageContaining("after " + MAX_ATTEMPTS + " attempts: SlowDown (503)");
            // The SDK's standard strategy would have tried each of ours three times: twelve in all.
            assertThat(count(DATA_PUT) - before).isEqualTo(MAX_ATTEMPTS);
        }
    }

    @Test
    void aClientTheUserSuppliesKeepsItsSettingsButItsRetriesDoNotMultiplyOurs() throws Exception {
        try (S3Client own = S3TestServer.clientBuilder(proxy.endpoint())
                        .overrideConfiguration(c -> c.retryStrategy(StandardRetryStrategy.builder().maxAttempts(3).build()))
                        .build();
                S3ResultStore store = S3ResultStore.builder().bucket(s3.bucket()).prefix(prefix).client(own).build()) {
            proxy.failAlways(Fault.internalError(), DATA_PUT);

            assertThatThrownBy(() -> store.write(record("users-client"), out -> out.write(bytes(100, 2))))
                    .isInstanceOf(S3StorageException.class)
                    .hasMessageContaining("after " + S3ClientOptions.defaults().maxAttempts() + " attempts: InternalError (500)");
            assertThat(count(DATA_PUT)).as("the store's attempts (S3ClientOptions.defaults()), each one request")
                    .isEqualTo(S3ClientOptions.defaults().maxAttempts());
        }
    }

    @Test
    void theBulkClientBuiltFromOptionsSendsEachAttemptOnce() throws IOException {
        s3.server().client().putObject(b -> b.bucket(s3.bucket()).key(prefix + "/doomed"), RequestBody.fromString("never read"));
        proxy.failAlways(Fault.internalError(), r -> r.method().equals("GET"));
        try (S3Bulk bulk = S3Bulk.newBuilder(options()).maxAttempts(3).baseDelay(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5))
                .tempDirectory(temp).build()) {
            assertThatThrownBy(() -> bulk.getMany(s3.bucket(), List.of(S3Get.object(prefix + "/doomed"))))
                    .isInstanceOfSatisfying(S3BulkException.class, e -> assertThat(e.attempts()).isEqualTo(3));
        }
        assertThat(proxy.requests()).isEqualTo(3);
    }

    @Test
    void theStoreResumesAReadBrokenMidBodyAndNoticesAReplacedObject() throws Exception {
        byte[] value = bytes(3_000_000, 3);
        try (S3ResultStore store = store(s3.bucket())) {
            store.write(record("resumed"), out -> out.write(value));
            proxy.failNext(2, Fault.resetMidBody(), DATA_GET);
            assertThat(readAll(store.read("resumed").orElseThrow())).isEqualTo(value);
            assertThat(count(DATA_GET)).as("two cut bodies, each resumed from the byte reached").isEqualTo(3);

            proxy.failNext(1, Fault.resetMidBody(), DATA_GET);
            StoredResult stored = store.read("resumed").orElseThrow();
            String dataObject = s3.server().client().listObjectsV2(b -> b.bucket(s3.bucket()).prefix(prefix + "/resumed.")).contents()
                    .stream().map(S3Object::key).filter(key -> key.endsWith(".data")).findFirst().orElseThrow();
            // Another writer replaces the bytes behind the store's back while the first answer is on its way.
            s3.server().client().putObject(b -> b.bucket(s3.bucket()).key(dataObject), RequestBody.fromBytes(bytes(3_000_000, 4)));

            S3StorageException e = catchThrowableOfType(S3StorageException.class, () -> readAll(stored));
            assertThat(e.statusCode()).isEqualTo(412);
            assertThat(e).hasMessageStartingWith("GetObject s3://" + s3.bucket() + "/" + dataObject + " [bytes 0-2999999] failed")
                    .hasMessageContaining("changed while it was downloaded");
        }
    }

    @Test
    void theStoreAndTheBulkClientMapErrorsTheSameWay() throws IOException {
        String missing = "no-such-bucket";
        S3StorageException fromStore;
        try (S3ResultStore store = store(missing)) {
            fromStore = catchThrowableOfType(S3StorageException.class, () -> store.write(record("k"), out -> out.write(1)));
        }
        S3BulkException fromBulk;
        try (S3Bulk bulk = S3Bulk.newBuilder(options()).tempDirectory(temp).build()) {
            fromBulk = catchThrowableOfType(S3BulkException.class, () -> bulk.putMany(missing, List.of(S3Put.bytes("some/key", new byte[1]))));
        }
        assertThat(fromStore.errorCode()).isEqualTo(fromBulk.errorCode()).isEqualTo("NoSuchBucket");
        assertThat(fromStore.statusCode()).isEqualTo(fromBulk.statusCode()).isEqualTo(404);
        assertThat(withoutKey(fromStore)).isEqualTo(withoutKey(fromBulk))
                .startsWith("PutObject s3://no-such-bucket/KEY failed: NoSuchBucket (404)")
                .endsWith("; bucket 'no-such-bucket' does not exist: create the bucket or fix the name");

        proxy.failAlways(Fault.slowDown(), r -> r.method().equals("PUT"));
        try (S3ResultStore store = store(s3.bucket());
                S3Bulk bulk = S3Bulk.newBuilder(options()).maxAttempts(MAX_ATTEMPTS).baseDelay(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).tempDirectory(temp).build()) {
            String storeMessage = catchThrowableOfType(S3StorageException.class,
                    () -> store.write(record("slow"), out -> out.write(1))).getMessage();
            String bulkMessage = catchThrowableOfType(S3BulkException.class,
                    () -> bulk.putMany(s3.bucket(), List.of(S3Put.bytes(prefix + "/slow", new byte[1])))).getMessage();
            String throttled = " failed after " + MAX_ATTEMPTS + " attempts: SlowDown (503): Please reduce your request rate; S3 kept"
                    + " throttling: send fewer requests at once or allow more attempts (";
            assertThat(storeMessage).contains(throttled).endsWith("(S3ClientOptions.maxAttempts)");
            assertThat(bulkMessage).contains(throttled).endsWith("(S3Bulk.Builder.maxAttempts)");
        }
    }
}
