package dev.rivulet.examples.support;

import dev.rivulet.storage.s3.testing.S3TestServer;
import java.util.List;

/**
 * The test server's credentials and region where an example's configured endpoint looks for them:
 * the AWS SDK's default chains, through system properties.
 */
public final class TestServerCredentials {

    private static final List<String> NAMES = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.region");

    private TestServerCredentials() {}

    /** Runs {@code body} with the properties set, and clears them afterwards. */
    public static void withAwsProperties(PrintedOutput.Body body) throws Exception {
        List<String> values = List.of(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, S3TestServer.REGION.id());
        for (int i = 0; i < NAMES.size(); i++) {
            System.setProperty(NAMES.get(i), values.get(i));
        }
        try {
            body.run();
        } finally {
            NAMES.forEach(System::clearProperty);
        }
    }
}
