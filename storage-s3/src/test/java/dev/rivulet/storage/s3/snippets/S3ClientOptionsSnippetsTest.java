package dev.rivulet.storage.s3.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The example in {@link S3ClientOptions}'s javadoc: an S3-compatible server on a local endpoint. */
class S3ClientOptionsSnippetsTest {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    // @start region=local-server
    static S3ClientOptions localServer(URI endpoint, String accessKey, String secretKey) {
        return S3ClientOptions.newBuilder()
                .endpoint(endpoint)   // such as http://127.0.0.1:9000
                .pathStyleAccess(true)
                .region(Region.US_EAST_1)
                .credentials(accessKey, secretKey)
                .build();
    }
    // @end

    @Test
    void aClientBuiltFromTheOptionsWritesAndReadsOnTheServer() {
        S3ClientOptions options = localServer(s3.server().endpoint(), S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY);

        try (S3Client client = options.buildClient()) {
            client.putObject(b -> b.bucket(s3.bucket()).key("day=2023-09-01/totals.csv"), RequestBody.fromString("42"));

            assertThat(client.getObjectAsBytes(b -> b.bucket(s3.bucket()).key("day=2023-09-01/totals.csv")).asUtf8String())
                    .isEqualTo("42");
        }
    }

    @Test
    void theServerRefusesOptionsWithTheWrongSecret() {
        S3ClientOptions options = localServer(s3.server().endpoint(), S3TestServer.ACCESS_KEY, "not-the-secret");

        try (S3Client client = options.buildClient()) {
            assertThatThrownBy(() -> client.listObjectsV2(b -> b.bucket(s3.bucket())))
                    .isInstanceOf(S3Exception.class)
                    .extracting(e -> ((S3Exception) e).statusCode())
                    .isEqualTo(403);
        }
    }
}
