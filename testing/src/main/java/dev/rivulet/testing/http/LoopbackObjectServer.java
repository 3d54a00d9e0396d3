package dev.rivulet.testing.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 that serves objects from memory as static file servers do: {@code
 * GET} with {@code Range: bytes=a-b} answers {@code 206} with {@code Content-Range}, a range past
 * the end {@code 416}, every answer carries a strong {@code ETag}, and {@code If-Match} with another
 * tag answers {@code 412}. {@code /ignoring-range/...} serves the same objects ignoring {@code
 * Range} (answers {@code 200} with everything), {@code /status/N} answers status {@code N}, and
 * {@code /moved/...} redirects to the object.
 *
 * <p>For tests of code that reads over HTTP: {@code https://} readers, downloads by range. Objects
 * live in memory; the server's threads stop on {@link #close()}.
 */
public final class LoopbackObjectServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private record StoredObject(byte[] content, String etag) {}

    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final AtomicInteger versions = new AtomicInteger();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final AtomicInteger answering = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /**
     * Starts the server on a free port of 127.0.0.1.
     *
     * @throws IOException if no port can be bound
     */
    public LoopbackObjectServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * The URI of the object at {@code path}.
     *
     * @param path the object's path, starting with {@code /}
     * @return {@code http://127.0.0.1:<port><path>}
     */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * Serves {@code content} at {@code path}, with a new entity tag, replacing what was there.
     *
     * @param path the object's path, starting with {@code /}
     * @param content the bytes, copied
     */
    public void put(String path, byte[] content) {
        objects.put(path, new StoredObject(content.clone(), "\"v" + versions.incrementAndGet() + "\""));
    }

    /**
     * How many body bytes the server has written, once it has stopped answering (waiting up to 10 s),
     * including what clients dropped unread.
     *
     * @return the bytes of every answer's body so far
     * @throws InterruptedException if interrupted while waiting
     */
    public long bodyBytesSent() throws InterruptedException {
        for (int i = 0; i < 1000 && answering.get() > 0; i++) {
            Thread.sleep(10);
        }
        return bodyBytesSent.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        answering.incrementAndGet();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/status/")) {
                exchange.sendResponseHeaders(Integer.parseInt(path.substring("/status/".length())), -1);
                return;
            }
            if (path.startsWith("/moved/")) {
                exchange.getResponseHeaders().add("Location", path.substring("/moved".length()));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            boolean ignoringRange = path.startsWith("/ignoring-range/");
            StoredObject object = objects.get(ignoringRange ? path.substring("/ignoring-range".length()) : path);
            if (object == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("ETag", object.etag());
            String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null && !ifMatch.equals(object.etag())) {
                exchange.sendResponseHeaders(412, -1);
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            byte[] content = object.content();
            if (range == null || ignoringRange) {
                send(exchange, 200, content, 0, content.length);
                return;
            }
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            long first = Long.parseLong(m.group(1));
            long last = Math.min(Long.parseLong(m.group(2)), content.length - 1L);
            if (first >= content.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
            send(exchange, 206, content, (int) first, (int) (last - first + 1));
        } finally {
            answering.decrementAndGet();
        }
    }

    private void send(HttpExchange exchange, int status, byte[] content, int offset, int length) throws IOException {
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int sent = 0; sent < length; sent += 8192) {
                int n = Math.min(8192, length - sent);
                out.write(content, offset + sent, n);
                bodyBytesSent.addAndGet(n);
            }
        }
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
