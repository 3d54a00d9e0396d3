package dev.rivulet.storage.s3.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3TestServerTest {

    static S3TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void listensOnLoopbackAndStoresWhatIsPut() {
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
        String bucket = server.createBucket();
        S3Client s3 = server.client();
        s3.putObject(b -> b.bucket(bucket).key("dir/hello.txt"), RequestBody.fromString("hello"));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/hello.txt")).asUtf8String()).isEqualTo("hello");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("dir/")).contents()).hasSize(1);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("missing"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void createsABucketOnceAndKeepsItsObjects() {
        String bucket = server.createBucket();
        server.client().putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromString("kept"));

        assertThat(server.createBucket(bucket)).isEqualTo(bucket);
        assertThat(server.client().getObjectAsBytes(b -> b.bucket(bucket).key("kept")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void refusesOtherCredentials() {
        String bucket = server.createBucket();
        try (S3Client stranger = server.clientBuilder()
                .credentialsProvider(() -> AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, "wrong"))
                .build()) {
            assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket(bucket)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}
