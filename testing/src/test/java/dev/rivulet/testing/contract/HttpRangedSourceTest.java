package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSources;
import dev.rivulet.testing.http.LoopbackObjectServer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in {@code http} source against a server on loopback, and what it needs from the server. */
class HttpRangedSourceTest extends RangedSourceContract {

    private static LoopbackObjectServer server;
    private final String directory = "/" + UUID.randomUUID() + "/";

    @BeforeAll
    static void startServer() throws IOException {
        server = new LoopbackObjectServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected URI locationOf(String name) {
        return server.uri(directory + name);
    }

    @Override
    protected void store(String name, byte[] content) {
        server.put(directory + name, content);
    }

    @Test
    void aServerThatIgnoresRangeFailsTheOpenWithoutSendingTheObject() throws Exception {
        store("big.bin", bytes(64 << 20, 1));
        URI ignoring = server.uri("/ignoring-range" + directory + "big.bin");
        long sentBefore = server.bodyBytesSent();

        IOException e = assertThrows(IOException.class, () -> RangedSources.open(ignoring));

        assertTrue(e.getMessage().contains(ignoring.toString()) && e.getMessage().contains("206 Partial Content"), e.getMessage());
        // The client hangs up after the headers; the server fills the socket's buffers before it notices.
        long sent = server.bodyBytesSent() - sentBefore;
        assertTrue(sent < (16 << 20), "the server sent " + sent + " of 64 MiB");
    }

    @Test
    void anEmptyObjectFromAServerThatIgnoresRangeIsEmpty() throws Exception {
        store("empty-ignored.bin", new byte[0]);
        try (RangedSource source = RangedSources.open(server.uri("/ignoring-range" + directory + "empty-ignored.bin"))) {
            assertEquals(0, source.size());
        }
    }

    @Test
    void anErrorStatusIsNamedWithTheUri() {
        for (int status : new int[] {500, 503, 400}) {
            URI uri = server.uri("/status/" + status);
            IOException e = assertThrows(IOException.class, () -> RangedSources.open(uri));
            assertTrue(e.getMessage().contains("HTTP " + status) && e.getMessage().contains(uri.toString()), e.getMessage());
        }
        IOException refused = assertThrows(IOException.class, () -> RangedSources.open(server.uri("/status/403")));
        assertTrue(refused.getMessage().contains("HTTP 403") && refused.getMessage().contains("presigned"), refused.getMessage());
    }

    @Test
    void anObjectReplacedAfterTheOpenFailsTheReadInsteadOfMixingVersions() throws Exception {
        try (RangedSource source = storeAndOpen("replaced.bin", bytes(1000, 2))) {
            source.read(0, 10);
            store("replaced.bin", bytes(1000, 3));
            IOException e = assertThrows(IOException.class, () -> source.read(10, 10));
            assertTrue(e.getMessage().contains("HTTP 412") && e.getMessage().contains("changed"), e.getMessage());
        }
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        byte[] content = bytes(2000, 4);
        store("target.bin", content);
        try (RangedSource source = RangedSources.open(server.uri("/moved" + directory + "target.bin"))) {
            assertEquals(2000, source.size());
            assertEquals(ByteBuffer.wrap(content, 1500, 500), source.read(1500, 500));
        }
    }

    @Test
    void aNameIsItsUrl() throws Exception {
        try (RangedSource source = storeAndOpen("named.bin", bytes(10, 5))) {
            assertEquals(locationOf("named.bin").toString(), source.name());
            assertArrayEquals(bytes(10, 5), source.read(0, 10).array());
        }
    }
}
