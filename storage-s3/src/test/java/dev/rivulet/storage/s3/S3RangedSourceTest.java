package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSources;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import dev.rivulet.testing.contract.RangedSourceContract;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** The {@code s3} provider, found through ServiceLoader, against the S3 test server. */
class S3RangedSourceTest extends RangedSourceContract {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    private final String prefix = "ranged/" + UUID.randomUUID() + "/";
    private S3RangedSources.Registration registration;

    @BeforeEach
    void register() {
        registration = S3RangedSources.register(s3.bucket(), TestServerOptions.forEndpoint(s3.server().endpoint()));
    }

    @AfterEach
    void unregister() {
        registration.close();
    }

    @Override
    protected URI locationOf(String name) {
        return URI.create("s3://" + s3.bucket() + "/" + prefix + name);
    }

    @Override
    protected void store(String name, byte[] content) {
        s3.server().client().putObject(b -> b.bucket(s3.bucket()).key(prefix + name), RequestBody.fromBytes(content));
    }

    @Test
    void anObjectReplacedAfterTheOpenFailsTheReadInsteadOfMixingVersions() throws Exception {
        try (RangedSource source = storeAndOpen("replaced.bin", bytes(1000, 1))) {
            source.read(0, 10);
            store("replaced.bin", bytes(1000, 2));
            assertThatThrownBy(() -> source.read(10, 10)).isInstanceOf(S3StorageException.class)
                    .hasMessageContaining("changed while it was downloaded").hasMessageContaining(prefix + "replaced.bin");
        }
    }

    @Test
    void anObjectDeletedAfterTheOpenIsNoSuchFile() throws Exception {
        try (RangedSource source = storeAndOpen("deleted.bin", bytes(1000, 1))) {
            s3.server().client().deleteObject(b -> b.bucket(s3.bucket()).key(prefix + "deleted.bin"));
            assertThatThrownBy(() -> source.read(10, 10)).isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining(source.name()).hasMessageContaining("deleted after it was opened");
        }
    }

    @Test
    void aMissingBucketIsNoSuchFileNamingTheUri() {
        URI uri = URI.create("s3://no-such-bucket-" + UUID.randomUUID() + "/x.parquet");
        try (S3RangedSources.Registration all = S3RangedSources.register(TestServerOptions.forEndpoint(s3.server().endpoint()))) {
            assertThatThrownBy(() -> RangedSources.open(uri)).isInstanceOf(NoSuchFileException.class).hasMessageContaining(uri.toString());
        }
    }

    @Test
    void aUriWithoutAKeySaysWhatAnS3UriIs() {
        for (String uri : new String[] {"s3://" + s3.bucket(), "s3://" + s3.bucket() + "/", "s3:///key", "s3://b/k?versionId=1"}) {
            assertThatThrownBy(() -> RangedSources.open(URI.create(uri))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(uri).hasMessageContaining("s3://bucket/key");
        }
    }

    @Test
    void keysArePercentDecoded() throws Exception {
        store("a b+c.bin", bytes(100, 3));
        try (RangedSource source = RangedSources.open("s3://" + s3.bucket() + "/" + prefix + "a%20b+c.bin")) {
            assertThat(source.size()).isEqualTo(100);
        }
    }

    @Test
    void theNewestRegistrationForTheBucketWinsUntilItIsClosed() throws Exception {
        store("chosen.bin", bytes(5000, 4));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(s3.server().endpoint())) {
            try (S3RangedSources.Registration viaProxy = S3RangedSources.register(s3.bucket(),
                    TestServerOptions.forEndpoint(proxy.endpoint()));
                    RangedSource source = RangedSources.open(locationOf("chosen.bin"))) {
                source.read(0, 100);
                assertThat(proxy.requests()).isEqualTo(2);
            }
            try (RangedSource source = RangedSources.open(locationOf("chosen.bin"))) {
                source.read(0, 100);
                assertThat(proxy.requests()).as("after the proxy's registration was closed").isEqualTo(2);
            }
        }
    }

    /** Options for the proxy with {@code maxAttempts} attempts and waits of milliseconds. */
    private static S3ClientOptions fastRetries(FaultInjectingProxy proxy, int maxAttempts) {
        return TestServerOptions.forEndpoint(proxy.endpoint()).toBuilder().maxAttempts(maxAttempts).baseDelay(Duration.ofMillis(5))
                .throttlingBaseDelay(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)).build();
    }

    @Test
    void brokenBodiesAndServerErrorsAreRetriedAndResumedByTheEngine() throws Exception {
        byte[] content = bytes(3 << 20, 5);
        store("flaky.bin", content);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(s3.server().endpoint());
                S3RangedSources.Registration viaProxy = S3RangedSources.register(s3.bucket(), fastRetries(proxy, 5));
                RangedSource source = RangedSources.open(locationOf("flaky.bin"))) {
            proxy.failNext(1, Fault.resetMidBody(), r -> r.method().equals("GET"));
            assertThat(source.read(1000, 2 << 20)).isEqualTo(ByteBuffer.wrap(content, 1000, 2 << 20));
            proxy.failNext(2, Fault.slowDown(),
                    r -> r.method().equals("GET"));
            assertThat(source.read(0, 10)).isEqualTo(ByteBuffer.wrap(content, 0, 10));
            assertThat(proxy.faultsInjected()).isEqualTo(3);
        }
    }

    @Test
    void aFailureThatOutlastsTheAttemptsNamesTheRequest() throws Exception {
        store("down.bin", bytes(100, 6));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(s3.server().endpoint());
                S3RangedSources.Registration viaProxy = S3RangedSources.register(s3.bucket(), fastRetries(proxy, 2));
                RangedSource source = RangedSources.open(locationOf("down.bin"))) {
            proxy.failAlways(Fault.internalError(),
                    r -> r.method().equals("GET"));
            assertThatThrownBy(() -> source.read(0, 10)).isInstanceOf(IOException.class)
                    .hasMessageContaining("GetObject s3://" + s3.bucket() + "/" + prefix + "down.bin [bytes 0-9]")
                    .hasMessageContaining("after 2 attempts").hasMessageContaining("InternalError (500)");
        }
    }
}
