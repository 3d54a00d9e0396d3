package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import static dev.rivulet.storage.s3.TestValues.bytes;
import static dev.rivulet.storage.s3.TestValues.readAll;
import static dev.rivulet.storage.s3.TestValues.record;

import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.StoredResult;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Request;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The store through a proxy that throttles, fails, cuts and delays requests; and requests that cannot succeed. */
class S3FaultsTest {

    private static final int MAX_ATTEMPTS = 6;
    private static final Predicate<Request> DATA_GET = r -> r.method().equals("GET") && r.path().endsWith(".data");
    private static final Predicate<Request> RECORD_PUT = r -> r.method().equals("PUT") && r.path().endsWith(".record.json");
    private static final Predicate<Request> RECORD_GET = r -> r.method().equals("GET") && r.path().endsWith(".record.json");

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    FaultInjectingProxy proxy;
    String prefix;

    @BeforeEach
    void open() throws IOException {
        proxy = FaultInjectingProxy.start(s3.server().endpoint());
        prefix = "faults/" + UUID.randomUUID();
    }

    @AfterEach
    void close() throws IOException {
        proxy.close();
    }

    /** Fast retries, so that a test of many faults takes seconds. */
    private S3ClientOptions.Builder options() {
        return TestServerOptions.forEndpoint(proxy.endpoint()).toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .baseDelay(Duration.ofMillis(5))
                .throttlingBaseDelay(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(100))
                .socketTimeout(Duration.ofSeconds(2));
    }

    private S3ResultStore store(S3ClientOptions options) {
        return store(s3.bucket(), options);
    }

    private S3ResultStore store(String bucket, S3ClientOptions options) {
        return S3ResultStore.builder().bucket(bucket).prefix(prefix).partSize(S3ResultStore.MIN_PART_SIZE).clientOptions(options).build();
    }

    /** The keys of the store's objects, straight from the server. */
    private List<String> objects() {
        return s3.server().client().listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix + "/")).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    /** Reads {@code key} whole, checked against its record, and expects one of {@code values} (each of its own size). */
    private static void assertReadsAsOneOf(S3ResultStore store, String key, byte[]... values) throws IOException {
        ResultRecord record = store.record(key).orElseThrow();
        byte[] data = readAll(store.read(key).orElseThrow());
        assertThat(data).as("%s, whose record says %s bytes", key, record.size()).isIn((Object[]) values);
        assertThat(record.size()).isEqualTo(data.length);
    }

    @Test
    void throughOneFaultInTenNothingIsLostOrCorrupt() throws Exception {
        proxy.failRandomly(0.10, 20261123, Fault.slowDown(), Fault.internalError(), Fault.resetMidBody(), Fault.delay(Duration.ofMillis(20)));
        Random random = new Random(7);
        Map<String, byte[]> expected = new HashMap<>();
        try (S3ResultStore store = store(options().build())) {
            for (int i = 0; i < 240; i++) {
                String key = "small/" + random.nextInt(200);
                byte[] value = bytes(random.nextInt(20_000), i);
                store.write(record(key), out -> out.write(value));
                expected.put(key, value);
            }
            for (int i = 0; i < 2; i++) {
                byte[] value = bytes(12 << 20, 1000 + i);
                store.write(record("large/" + i), out -> out.write(value));
                expected.put("large/" + i, value);
            }
            for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
                assertThat(readAll(store.read(entry.getKey()).orElseThrow())).as(entry.getKey()).isEqualTo(entry.getValue());
                assertThat(store.record(entry.getKey()).orElseThrow().size()).isEqualTo(entry.getValue().length);
            }
        }
        assertThat(proxy.faultsInjected()).isGreaterThan(80);
        proxy.passThrough();
        assertThat(s3.server().client().listMultipartUploads(b -> b.bucket(s3.bucket()).prefix(prefix + "/")).uploads()).isEmpty();
        assertThat(objects()).as("a record and one data object per entry").hasSize(2 * expected.size());
    }

    @Test
    void aPersistentFaultFailsWithTheKeyAndTheLastError() throws Exception {
        try (S3ResultStore store = store(options().build())) {
            proxy.failAlways(Fault.slowDown(), r -> true);
            assertThatThrownBy(() -> store.write(record("etl/persistent"), out -> out.write(bytes(100, 1))))
                    .isInstanceOfSatisfying(S3StorageException.class, e -> assertThat(e.errorCode()).isEqualTo("SlowDown"))
                    .hasMessageContaining(prefix + "/etl/persistent.")
                    .hasMessageContaining("after " + MAX_ATTEMPTS + " attempts")
                    .hasMessageContaining("SlowDown (503)")
                    .hasMessageContaining("allow more attempts");
            assertThat(proxy.requestsSeen()).filteredOn(r -> r.method().equals("PUT")).hasSize(MAX_ATTEMPTS);

            proxy.passThrough().failAlways(Fault.internalError(), r -> true);
            assertThatThrownBy(() -> store.read("etl/persistent"))
                    .isInstanceOf(S3StorageException.class)
                    .hasMessageContaining(prefix + "/etl/persistent.record.json")
                    .hasMessageContaining("InternalError (500)");
        }
    }

    @Test
    void anOverwriteWhoseRecordAnswersAreLostIsCommittedWhole() throws Exception {
        byte[] before = bytes(5_000, 10);
        byte[] after = bytes(7_000, 11);
        try (S3ResultStore store = store(options().build())) {
            store.write(record("lost"), out -> out.write(before));
            proxy.failAlways(Fault.dropResponse(), RECORD_PUT);

            ResultRecord[] written = new ResultRecord[1];
            Throwable failure = catchThrowable(() -> written[0] = store.write(record("lost"), out -> out.write(after)));

            assertThat(proxy.requestsSeen()).filteredOn(RECORD_PUT).hasSize(1 + MAX_ATTEMPTS);
            assertReadsAsOneOf(store, "lost", before, after);
            assertThat(failure).as("the record read back names the new data: the write happened").isNull();
            assertThat(store.record("lost")).contains(written[0]);
            assertThat(readAll(store.read("lost").orElseThrow())).isEqualTo(after);
        }
        proxy.passThrough();
        assertThat(objects()).as("the new record and data; the replaced data deleted").hasSize(2);
    }

    @Test
    void aRefusedRecordPutKeepsTheOldEntryAndDeletesTheNewData() throws Exception {
        byte[] before = bytes(5_000, 12);
        try (S3ResultStore store = store(options().build())) {
            store.write(record("refused"), out -> out.write(before));
            List<String> objectsBefore = objects();
            proxy.failAlways(Fault.internalError(), RECORD_PUT);

            assertThatThrownBy(() -> store.write(record("refused"), out -> out.write(bytes(7_000, 13))))
                    .isInstanceOf(S3StorageException.class)
                    .hasMessageContaining(prefix + "/refused.record.json")
                    .hasMessageContaining("InternalError (500)")
                    .hasMessageContaining("the record was not written");
            assertReadsAsOneOf(store, "refused", before);
            proxy.passThrough();
            assertThat(objects()).as("the new data deleted").isEqualTo(objectsBefore);
        }
    }

    @Test
    void aWriteWhoseOutcomeCannotBeReadBackKeepsItsData() throws Exception {
        byte[] before = bytes(5_000, 14);
        byte[] after = bytes(7_000, 15);
        try (S3ResultStore store = store(options().build())) {
            store.write(record("unknown"), out -> out.write(before));
            // The record is read before the put and passes; from the put on, every answer about it is lost.
            AtomicBoolean put = new AtomicBoolean();
            proxy.failAlways(Fault.dropResponse(), r -> {
                put.compareAndSet(false, RECORD_PUT.test(r));
                return put.get() && (RECORD_PUT.test(r) || RECORD_GET.test(r));
            });

            assertThatThrownBy(() -> store.write(record("unknown"), out -> out.write(after)))
                    .isInstanceOf(S3StorageException.class)
                    .hasMessageContaining(prefix + "/unknown.record.json")
                    .hasMessageContaining("without an answer from S3")
                    .hasMessageContaining("left in place")
                    .hasMessageNotContaining("check that the endpoint");

            proxy.passThrough();
            assertReadsAsOneOf(store, "unknown", before, after);
        }
        assertThat(objects()).as("the new record and data, and the replaced data, which nothing deleted").hasSize(3);
    }

    @Test
    void aLostAnswerAfterTheEndpointAnsweredDoesNotBlameTheEndpoint() throws Exception {
        try (S3ResultStore store = store(options().build())) {
            store.write(record("answered"), out -> out.write(bytes(10, 16)));
            proxy.failAlways(Fault.dropResponse(), r -> true);

            assertThatThrownBy(() -> store.record("answered"))
                    .isInstanceOf(S3StorageException.class)
                    .hasMessageContaining("after " + MAX_ATTEMPTS + " attempts without an answer from S3")
                    .hasMessageContaining("answered earlier requests")
                    .hasMessageNotContaining("check that the endpoint");
        }
    }

    @Test
    void aBodyCutShortIsResumedFromWhereItBroke() throws Exception {
        byte[] value = bytes(3_000_000, 2);
        try (S3ResultStore store = store(options().build())) {
            store.write(record("cut"), out -> out.write(value));
            proxy.failNext(3, Fault.resetMidBody(), DATA_GET);

            assertThat(readAll(store.read("cut").orElseThrow())).isEqualTo(value);
        }
        assertThat(proxy.requestsSeen().stream().filter(DATA_GET).count()).isEqualTo(4);
    }

    @Test
    void aBodyThatKeepsBreakingFailsWithTheOffsetReached() throws Exception {
        try (S3ResultStore store = store(options().build())) {
            store.write(record("broken"), out -> out.write(bytes(1_000_000, 3)));
            proxy.failAlways(Fault.resetMidBody(), DATA_GET);

            StoredResult stored = store.read("broken").orElseThrow();
            assertThatThrownBy(() -> readAll(stored))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(prefix + "/broken.")
                    .hasMessageContaining("failed at byte")
                    .hasMessageContaining("after " + MAX_ATTEMPTS + " attempts");
        }
    }

    @Test
    void aSlowAnswerTimesOutAndIsAskedAgain() throws Exception {
        try (S3ResultStore store = store(options().socketTimeout(Duration.ofMillis(300)).build())) {
            store.write(record("slow"), out -> out.write(bytes(10, 4)));
            proxy.failNext(1, Fault.delay(Duration.ofSeconds(1)), r -> r.method().equals("GET"));
            int before = proxy.requests();

            assertThat(store.record("slow")).isPresent();
            assertThat(proxy.requests() - before).isEqualTo(2);
        }
    }

    @Test
    void aMissingBucketFailsAtOnceSayingWhatToDo() {
        try (S3ResultStore store = store("no-such-bucket", options().build())) {
            assertThatThrownBy(() -> store.write(record("k"), out -> out.write(1)))
                    .isInstanceOfSatisfying(S3StorageException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("NoSuchBucket");
                        assertThat(e.bucket()).isEqualTo("no-such-bucket");
                    })
                    .hasMessageContaining("s3://no-such-bucket/" + prefix + "/k.")
                    .hasMessageContaining("create the bucket or fix the name");
            assertThatThrownBy(() -> store.read("k")).isInstanceOf(S3StorageException.class).hasMessageContaining("NoSuchBucket");
        }
        // The PUT and the GET are answered 404 and sent once. So is the DELETE of the half-written
        // data, but the server may close the connection the failed PUT used, and a DELETE sent on it
        // then goes again on a new connection: a retry of a connection error, never of the 404.
        List<String> methods = proxy.requestsSeen().stream().map(FaultInjectingProxy.Request::method).toList();
        assertThat(methods).as("no retries of a 4xx: " + proxy.requestsSeen()).containsOnlyOnce("PUT", "GET");
        assertThat(methods.stream().filter("DELETE"::equals).count()).as("DELETEs in " + methods).isBetween(1L, 2L);
        assertThat(methods).hasSizeLessThan(MAX_ATTEMPTS);
    }

    @Test
    void refusedCredentialsFailAtOnceSayingWhatToDo() {
        try (S3ResultStore store = store(options().credentials(S3TestServer.ACCESS_KEY, "not-the-secret").build())) {
            assertThatThrownBy(() -> store.record("k"))
                    .isInstanceOfSatisfying(S3StorageException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
                    .hasMessageContaining(prefix + "/k.record.json")
                    .hasMessageContaining("credentials");
        }
        assertThat(proxy.requests()).as("no retries of a 4xx").isEqualTo(1);
    }

    @Test
    void aMissingKeyIsEmptyNotAnError() throws Exception {
        try (S3ResultStore store = store(options().build())) {
            assertThat(store.record("missing")).isEmpty();
            assertThat(store.read("missing")).isEmpty();
            assertThat(store.delete("missing")).isFalse();
        }
    }

    @Test
    void anUnreachableEndpointSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3ClientOptions options = TestServerOptions.forEndpoint(URI.create("http://127.0.0.1:" + closedPort)).toBuilder()
                .maxAttempts(2).baseDelay(Duration.ofMillis(5)).throttlingBaseDelay(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(10)).build();
        try (S3ResultStore store = store(options)) {
            assertThatThrownBy(() -> store.record("k"))
                    .isInstanceOf(S3StorageException.class)
                    .hasMessageContaining("after 2 attempts without an answer from S3")
                    .hasMessageContaining("check that the endpoint is right and reachable");
        }
    }
}
