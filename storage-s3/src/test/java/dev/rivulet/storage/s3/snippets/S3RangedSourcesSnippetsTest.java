package dev.rivulet.storage.s3.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSources;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.S3RangedSources;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** The example in {@link S3RangedSources}'s javadoc: reading s3:// URIs from an S3-compatible server. */
class S3RangedSourcesSnippetsTest {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    // @start region=register
    static String lastBytes(URI endpoint, String accessKey, String secretKey, String bucket) throws IOException {
        S3ClientOptions local = S3ClientOptions.newBuilder()
                .endpoint(endpoint)   // such as http://127.0.0.1:9000
                .pathStyleAccess(true)
                .region("us-east-1")
                .credentials(accessKey, secretKey)
                .build();
        try (S3RangedSources.Registration registration = S3RangedSources.register(bucket, local);
                RangedSource object = RangedSources.open("s3://" + bucket + "/day=2023-09-01/totals.csv")) {
            ByteBuffer last = object.read(object.size() - 2, 2);
            return StandardCharsets.US_ASCII.decode(last).toString();
        }
    }
    // @end

    @Test
    void theRegisteredClientReadsTheBucket() throws IOException {
        s3.server().client().putObject(b -> b.bucket(s3.bucket()).key("day=2023-09-01/totals.csv"), RequestBody.fromString("total\n42"));

        assertThat(lastBytes(s3.server().endpoint(), S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, s3.bucket())).isEqualTo("42");
    }
}
