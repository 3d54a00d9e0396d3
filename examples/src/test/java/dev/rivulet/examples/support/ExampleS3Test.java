package dev.rivulet.examples.support;

import static dev.rivulet.examples.support.TestServerCredentials.withAwsProperties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which S3 an example uses, and what it says when the one configured cannot be used. */
class ExampleS3Test {

    @TempDir
    Path work;

    private static ExampleS3.Options options(String... args) {
        return options(Map.of(), args);
    }

    private static ExampleS3.Options options(Map<String, String> environment, String... args) {
        return CommandLines.parse(new ExampleS3.Options(environment), args);
    }

    @Test
    void aConfiguredEndpointOrAwsNeedsABucketNamed() {
        IllegalArgumentException endpoint = assertThrows(IllegalArgumentException.class,
                () -> ExampleS3.open(options("--s3-endpoint", "http://127.0.0.1:9"), work));
        assertTrue(endpoint.getMessage().startsWith("name the bucket to use with --bucket: an S3 endpoint is configured (http://127.0.0.1:9)"),
                endpoint.getMessage());
        IllegalArgumentException aws = assertThrows(IllegalArgumentException.class,
                () -> ExampleS3.open(options(Map.of("AWS_PROFILE", "data")), work));
        assertTrue(aws.getMessage().contains("AWS is configured (AWS_ACCESS_KEY_ID or AWS_PROFILE)"), aws.getMessage());
    }

    @Test
    void aMissingBucketAtAConfiguredEndpointIsNamedWithTheFix() throws Exception {
        try (S3TestServer server = S3TestServer.start()) {
            // a configured endpoint takes its credentials and region from the SDK's default chains: here, system properties
            withAwsProperties(() -> {
                IOException e = assertThrows(IOException.class, () -> ExampleS3.open(
                        options("--s3-endpoint", server.endpoint().toString(), "--bucket", "no-such-bucket"), work));
                assertEquals("bucket 'no-such-bucket' does not exist at S3-compatible server at " + server.endpoint()
                        + "; create it or name another with --bucket", e.getMessage());
            });
        }
    }

    @Test
    void withNothingConfiguredTheInProcessServerKeepsItsObjectsForTheNextRun() throws Exception {
        try (ExampleS3 first = ExampleS3.open(options(), work)) {
            assertTrue(first.isInProcess());
            assertEquals(ExampleS3.IN_PROCESS_BUCKET, first.bucket());
            first.client().putObject(b -> b.bucket(first.bucket()).key("kept"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        }
        try (ExampleS3 second = ExampleS3.open(options(), work)) {
            assertEquals("x", second.client().getObjectAsBytes(b -> b.bucket(second.bucket()).key("kept")).asUtf8String());
        }
    }
}
