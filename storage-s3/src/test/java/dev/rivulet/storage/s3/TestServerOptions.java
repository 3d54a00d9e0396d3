package dev.rivulet.storage.s3;

import dev.rivulet.storage.s3.testing.S3TestServer;
import java.net.URI;

/** Client options for the S3 test server, or a fault-injecting proxy in front of it. */
final class TestServerOptions {

    private TestServerOptions() {}

    /** Options that send to {@code endpoint}, path-style, signed with the test server's region and credentials. */
    static S3ClientOptions forEndpoint(URI endpoint) {
        return S3ClientOptions.newBuilder()
                .endpoint(endpoint)
                .pathStyleAccess(true)
                .region(S3TestServer.REGION)
                .credentials(S3TestServer.credentials())
                .build();
    }
}
