package dev.rivulet.assets.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.assets.S3ArtifactRoot;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The example in {@link S3ArtifactRoot}'s javadoc, against the in-process S3 server. */
class S3ArtifactRootSnippetsTest {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    @TempDir
    Path cache;

    @Test
    void anAssetIsWrittenToS3AndQueriedFromTheCache() {
        String bucket = s3.bucket();
        S3ClientOptions options = S3ClientOptions.newBuilder()
                .endpoint(s3.server().endpoint()).pathStyleAccess(true)
                .region(S3TestServer.REGION).credentials(S3TestServer.credentials())
                .build();
        // @start region=root
        ArtifactRoot root = S3ArtifactRoot.builder()
                .bucket(bucket)                       // such as "analytics"
                .prefix("assets")
                .clientOptions(options)               // region, endpoint, credentials, retries
                .cacheDirectory(cache)                // local copies that queries read
                .cacheMaxBytes(4L << 30)
                .build();
        try (root; Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Artifact eu = rivulet.stub(AssetSnippetsTest.Orders.class).orders("eu");   // s3://<bucket>/assets/bronze/orders/eu.parquet
            long big = eu.query("WHERE amount > 10").rows().size();
            // @end
            assertThat(big).isEqualTo(1);
            assertThat(eu.location().toString()).isEqualTo("s3://" + bucket + "/assets/bronze/orders/eu.parquet");
        }
    }
}
