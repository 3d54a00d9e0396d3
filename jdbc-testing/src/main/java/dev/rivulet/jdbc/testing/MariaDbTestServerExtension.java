package dev.rivulet.jdbc.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link MariaDbTestServer} for a test class: started before the first test, stopped (and its
 * data deleted) after the last. Without MariaDB installed, the class's tests are skipped loudly, or
 * fail under {@code CI=true}: see {@link MariaDbTestServer#assumeInstalled}.
 *
 * <p>In a test class:
 *
 * {@snippet file="dev/rivulet/jdbc/testing/snippets/MariaDbTestServerExtensionSnippetsTest.java" region="test"}
 */
public final class MariaDbTestServerExtension implements BeforeAllCallback, AfterAllCallback {

    private MariaDbTestServer server;

    /** An extension whose server starts before the test class's first test. */
    public MariaDbTestServerExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        MariaDbTestServer.assumeInstalled("the tests of " + context.getDisplayName());
        server = MariaDbTestServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** {@return the running server} */
    public MariaDbTestServer server() {
        if (server == null) {
            throw new IllegalStateException("the MariaDB test server runs only between beforeAll and afterAll; register the extension on a static field");
        }
        return server;
    }
}
