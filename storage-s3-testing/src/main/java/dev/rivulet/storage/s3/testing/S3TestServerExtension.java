package dev.rivulet.storage.s3.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link S3TestServer} for a test class, with a bucket made for it: started before the first
 * test, stopped after the last.
 *
 * <p>In a test class:
 *
 * {@snippet file="dev/rivulet/storage/s3/testing/snippets/S3TestServerExtensionSnippetsTest.java" region="test"}
 */
public final class S3TestServerExtension implements BeforeAllCallback, AfterAllCallback {

    private S3TestServer server;
    private String bucket;

    /** An extension whose server starts before the test class's first test. */
    public S3TestServerExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = S3TestServer.start();
        bucket = server.createBucket();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** {@return the running server} */
    public S3TestServer server() {
        if (server == null) {
            throw new IllegalStateException("the S3 test server runs only between beforeAll and afterAll; register the extension on a static field");
        }
        return server;
    }

    /** {@return the bucket made for this test class} */
    public String bucket() {
        server();
        return bucket;
    }
}
