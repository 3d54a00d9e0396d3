package dev.rivulet.storage.s3.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FaultInjectingProxyTest {

    @RegisterExtension
    static final S3TestServerExtension server = new S3TestServerExtension();

    String bucket;
    FaultInjectingProxy proxy;
    S3Client s3;

    @BeforeEach
    void open() throws IOException {
        bucket = server.bucket();
        proxy = FaultInjectingProxy.start(server.server().endpoint());
        s3 = S3TestServer.clientBuilder(proxy.endpoint())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    @AfterEach
    void close() throws IOException {
        s3.close();
        proxy.close();
    }

    @Test
    void passesRequestsThroughOnKeptAliveConnections() {
        byte[] data = new byte[3_000_000];
        new Random(1).nextBytes(data);
        for (int i = 0; i < 5; i++) {
            String key = "through/" + i;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(data);
        }
        assertThat(proxy.requests()).isEqualTo(10);
        assertThat(proxy.connectionsAccepted()).isLessThan(10);
        assertThat(proxy.faultsInjected()).isZero();
    }

    @Test
    void aSlowDownIsRetriedByTheSdk() {
        s3.putObject(b -> b.bucket(bucket).key("slow"), RequestBody.fromString("value"));
        proxy.failNext(2, Fault.slowDown());

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("slow")).asUtf8String()).isEqualTo("value");
        assertThat(proxy.faultsInjected()).isEqualTo(2);
        assertThat(proxy.requests()).isEqualTo(4);
    }

    @Test
    void aPersistentFaultReachesTheCallerWithItsS3Code() {
        proxy.failAlways(Fault.internalError(), request -> true);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("never"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
                });
        assertThat(proxy.requests()).isEqualTo(3);
    }

    @Test
    void aResetCutsTheBodyShort() throws IOException {
        byte[] data = new byte[1_000_000];
        s3.putObject(b -> b.bucket(bucket).key("cut"), RequestBody.fromBytes(data));
        proxy.failNext(1, Fault.resetMidBody(), request -> request.method().equals("GET"));

        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key("cut"))) {
            assertThatThrownBy(() -> drain(in)).isInstanceOf(IOException.class);
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cut")).asByteArray()).isEqualTo(data);
    }

    @Test
    void aDroppedResponseLeavesTheRequestDone() {
        proxy.failAlways(Fault.dropResponse(), request -> request.method().equals("PUT"));

        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("done"), RequestBody.fromString("done")))
                .isInstanceOf(SdkClientException.class);
        assertThat(proxy.requests()).isEqualTo(3);
        assertThat(server.server().client().getObjectAsBytes(b -> b.bucket(bucket).key("done")).asUtf8String()).isEqualTo("done");
    }

    @Test
    void aDelayHoldsTheResponseBack() {
        s3.putObject(b -> b.bucket(bucket).key("late"), RequestBody.fromString("late"));
        proxy.failNext(1, Fault.delay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("late")).asUtf8String()).isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void randomFaultsFollowTheSeed() {
        assertThat(decisions(7)).isEqualTo(decisions(7)).contains(true, false);
    }

    private List<Boolean> decisions(long seed) {
        proxy.failRandomly(0.3, seed, Fault.internalError());
        long before = proxy.faultsInjected();
        List<Boolean> faulted = new ArrayList<>();
        try (S3Client once = S3TestServer.clientBuilder(proxy.endpoint()).overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(1))).build()) {
            for (int i = 0; i < 20; i++) {
                try {
                    once.headBucket(b -> b.bucket(bucket));
                } catch (S3Exception e) {
                    // Counted below.
                }
                faulted.add(proxy.faultsInjected() > before);
                before = proxy.faultsInjected();
            }
        }
        return faulted;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            // Reading to the end.
        }
    }
}
