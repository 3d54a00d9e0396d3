package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.rivulet.storage.s3.TestValues.record;

import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.StoredResult;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Request;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Values larger than a part: multipart uploads, their requests, and what a failure leaves. */
class S3MultipartTest {

    private static final int MIB = 1 << 20;
    private static final Predicate<Request> CREATE = r -> r.method().equals("POST") && r.hasQueryParameter("uploads");
    private static final Predicate<Request> PART = r -> r.method().equals("PUT") && r.hasQueryParameter("partNumber");
    private static final Predicate<Request> COMPLETE = r -> r.method().equals("POST") && r.hasQueryParameter("uploadId");

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    FaultInjectingProxy proxy;
    S3ResultStore store;
    String prefix;

    @BeforeEach
    void open() throws IOException {
        proxy = FaultInjectingProxy.start(s3.server().endpoint());
        prefix = "multipart/" + UUID.randomUUID();
        S3ClientOptions options = TestServerOptions.forEndpoint(proxy.endpoint()).toBuilder()
                .baseDelay(Duration.ofMillis(5)).throttlingBaseDelay(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50))
                .build();
        store = S3ResultStore.builder().bucket(s3.bucket()).prefix(prefix).clientOptions(options).build();
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        proxy.close();
    }

    /** Writes {@code size} seeded random bytes, a MiB at a time, and returns their SHA-256. */
    private static byte[] writeRandom(OutputStream out, long size, long seed) throws IOException {
        MessageDigest sha = sha256();
        Random random = new Random(seed);
        byte[] chunk = new byte[MIB];
        for (long left = size; left > 0; left -= chunk.length) {
            random.nextBytes(chunk);
            int n = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, n);
            sha.update(chunk, 0, n);
        }
        return sha.digest();
    }

    private static byte[] sha256(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            sha.update(buffer, 0, n);
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] writeValue(String key, long size, long seed) throws IOException {
        byte[][] digest = new byte[1][];
        ResultRecord written = store.write(record(key), out -> digest[0] = writeRandom(out, size, seed));
        assertThat(written.size()).isEqualTo(size);
        return digest[0];
    }

    private byte[] readDigest(String key) throws IOException {
        try (StoredResult stored = store.read(key).orElseThrow()) {
            return sha256(stored.data());
        }
    }

    private long count(Predicate<Request> which) {
        return proxy.requestsSeen().stream().filter(which).count();
    }

    private void assertNoUploadLeft() {
        assertThat(s3.server().client().listMultipartUploads(b -> b.bucket(s3.bucket()).prefix(prefix + "/")).uploads()).isEmpty();
    }

    private void assertNothingLeftBehind() {
        assertNoUploadLeft();
        assertThat(s3.server().client().listObjectsV2(b -> b.bucket(s3.bucket()).prefix(prefix + "/")).contents()).isEmpty();
    }

    @Test
    void aLargeValueGoesUpInPartsAndComesBackWhole() throws Exception {
        byte[] written = writeValue("large", 40L * MIB, 1);

        assertThat(count(CREATE)).isEqualTo(1);
        assertThat(count(PART)).isEqualTo(5);
        assertThat(count(COMPLETE)).isEqualTo(1);
        assertThat(readDigest("large")).isEqualTo(written);
    }

    @Test
    void aValueOfExactlyOnePartIsOnePut() throws Exception {
        byte[] written = writeValue("one-part", 8L * MIB, 2);

        assertThat(count(CREATE)).isZero();
        assertThat(count(r -> r.method().equals("PUT"))).isEqualTo(2);
        assertThat(readDigest("one-part")).isEqualTo(written);
    }

    @Test
    void aLargeWriteThatFailsLeavesNoUploadAndNoObject() {
        assertThatThrownBy(() -> store.write(record("broken"), out -> {
            writeRandom(out, 20L * MIB, 3);
            throw new IOException("serializer broke after 20 MiB");
        })).hasMessage("serializer broke after 20 MiB");

        assertThat(count(PART)).isEqualTo(2);
        assertNothingLeftBehind();
    }

    @Test
    void aPartThatFailsForGoodAbortsTheUpload() {
        proxy.failAlways(Fault.internalError(), PART.and(r -> r.target().contains("partNumber=2")));

        assertThatThrownBy(() -> writeValue("part-two", 20L * MIB, 4))
                .isInstanceOf(S3StorageException.class)
                .hasMessageContaining("UploadPart s3://" + s3.bucket() + "/" + prefix + "/part-two.")
                .hasMessageContaining("[bytes 8388608-16777215]")
                .hasMessageContaining("InternalError (500)")
                .hasMessageContaining("after 5 attempts");
        assertNothingLeftBehind();
    }

    @Test
    void aLostAnswerToCompleteIsRecognisedAsSuccess() throws Exception {
        proxy.failNext(1, Fault.resetMidBody(), COMPLETE);

        byte[] written = writeValue("lost-answer", 12L * MIB, 5);

        assertThat(count(COMPLETE)).isEqualTo(2);
        assertThat(readDigest("lost-answer")).isEqualTo(written);
        assertNoUploadLeft();
    }

    @Test
    void aRetriedCompleteThatFindsTheUploadGoneChecksTheObject() throws Exception {
        proxy.failNext(1, Fault.resetMidBody(), COMPLETE)
                .failNext(1, new FaultInjectingProxy.ErrorResponse(404, "Not Found", "NoSuchUpload", "The specified upload does not exist."), COMPLETE);

        byte[] written = writeValue("gone", 12L * MIB, 7);

        assertThat(count(r -> r.method().equals("HEAD"))).isEqualTo(1);
        assertThat(readDigest("gone")).isEqualTo(written);
    }

    @Test
    void aRetriedCreateLeavesNoStrayUpload() throws Exception {
        proxy.failNext(1, Fault.resetMidBody(), CREATE);

        byte[] written = writeValue("stray", 12L * MIB, 6);

        assertThat(count(CREATE)).isEqualTo(2);
        assertThat(readDigest("stray")).isEqualTo(written);
        assertNoUploadLeft();
    }
}
