package dev.rivulet.storage.s3.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 that sits in front of an S3 server and breaks requests on
 * purpose: it answers {@code 503 SlowDown} or {@code 500 InternalError} itself, cuts the connection
 * in the middle of a response body, drops a response the server gave, or holds a response back. Point a client at {@link #endpoint()}
 * (for example with {@link S3TestServer#clientBuilder(URI)}) and choose the faults:
 *
 * {@snippet file="dev/rivulet/storage/s3/testing/snippets/S3TestServerSnippetsTest.java" region="faults"}
 *
 * <p>Requests it does not fail pass through unchanged on a connection of their own to the server,
 * one per client connection, and connections are kept alive as the client asks. It understands just
 * enough HTTP to find where each message ends: {@code Content-Length} and chunked bodies, {@code
 * Expect: 100-continue}, and responses without a body. Which requests fail is decided in the order
 * requests arrive, by a {@link Random} with the given seed, so a single-threaded client sees the
 * same faults on every run.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** What the proxy does to a request instead of passing it through unharmed. */
    public sealed interface Fault {

        /**
         * Answers {@code 503 Slow Down} with an S3 {@code SlowDown} error, as S3 does when throttling.
         *
         * @return an {@link ErrorResponse} of status 503
         */
        static Fault slowDown() {
            return new ErrorResponse(503, "Slow Down", "SlowDown", "Please reduce your request rate.");
        }

        /**
         * Answers {@code 500 Internal Server Error} with an S3 {@code InternalError} error.
         *
         * @return an {@link ErrorResponse} of status 500
         */
        static Fault internalError() {
            return new ErrorResponse(500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again.");
        }

        /**
         * Passes the request to the server, relays half of the response body and resets the
         * connection (half of the response head when there is no body).
         *
         * @return a {@link ResetMidBody}
         */
        static Fault resetMidBody() {
            return new ResetMidBody();
        }

        /**
         * Passes the request to the server, which carries it out, reads the whole response and
         * resets the connection without relaying any of it: the client cannot know that the
         * request succeeded.
         *
         * @return a {@link DropResponse}
         */
        static Fault dropResponse() {
            return new DropResponse();
        }

        /**
         * Passes the request to the server and holds its response back for {@code duration}.
         *
         * @param duration how long to hold the response, such as longer than a client's timeout
         * @return a {@link Delay}
         */
        static Fault delay(Duration duration) {
            return new Delay(duration);
        }
    }

    /**
     * An error the proxy answers itself; the server never sees the request.
     *
     * @param status the HTTP status, such as 503
     * @param reason the status line's reason phrase, such as {@code Slow Down}
     * @param code the S3 error code in the XML body, such as {@code SlowDown}
     * @param message the message in the XML body
     */
    public record ErrorResponse(int status, String reason, String code, String message) implements Fault {}

    /** A connection reset in the middle of the response body. */
    public record ResetMidBody() implements Fault {}

    /** A response the server gave that never reaches the client. */
    public record DropResponse() implements Fault {}

    /**
     * A response held back.
     *
     * @param duration how long the response is held
     */
    public record Delay(Duration duration) implements Fault {
        /**
         * Checks the duration.
         *
         * @throws NullPointerException if {@code duration} is null
         */
        public Delay {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * A request as the proxy saw it.
     *
     * @param method such as {@code GET}
     * @param target the request target, such as {@code /bucket/key?uploadId=1}
     */
    public record Request(String method, String target) {

        /** {@return the target without its query} */
        public String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /**
         * {@return whether the query has parameter {@code name}, as in {@code ?uploads} or {@code ?partNumber=2}}
         *
         * @param name the parameter's name
         */
        public boolean hasQueryParameter(String name) {
            int query = target.indexOf('?');
            if (query < 0) {
                return false;
            }
            for (String parameter : target.substring(query + 1).split("&")) {
                if (parameter.equals(name) || parameter.startsWith(name + "=")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    private record Rule(Predicate<Request> which, Fault fault, long[] remaining) {}

    private static final int MAX_HEAD = 64 * 1024;
    private static final Duration RESET_AFTER = Duration.ofMillis(20);
    /** CR LF CR LF as the last four bytes read. */
    private static final int END_OF_HEAD = 0x0D0A0D0A;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Rule> next = new ArrayList<>();
    private final List<Request> seen = new ArrayList<>();
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private double probability;
    private List<Fault> randomFaults = List.of();
    private Random random = new Random(0);
    private volatile boolean closed;

    private FaultInjectingProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
        this.acceptor = Thread.ofPlatform().daemon().name("fault-proxy-accept-" + server.getLocalPort()).start(this::accept);
    }

    /**
     * Starts a proxy on 127.0.0.1 and an ephemeral port in front of {@code upstream}.
     *
     * @param upstream the server's endpoint, {@code http://host:port}, such as {@link S3TestServer#endpoint()}
     * @return the running proxy, passing every request through until faults are chosen; close it to stop it
     * @throws IOException if no port can be opened on 127.0.0.1
     * @throws IllegalArgumentException if {@code upstream} is not {@code http://host:port}
     */
    public static FaultInjectingProxy start(URI upstream) throws IOException {
        if (!"http".equals(upstream.getScheme()) || upstream.getPort() < 0) {
            throw new IllegalArgumentException("upstream must be http://host:port, was " + upstream);
        }
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        return new FaultInjectingProxy(server, new InetSocketAddress(upstream.getHost(), upstream.getPort()));
    }

    /** {@return where clients reach the proxy: {@code http://127.0.0.1:<port>}} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * Fails the next {@code count} requests with {@code fault}, before any random faults.
     *
     * @param count how many requests, from now on
     * @param fault what to do to each of them
     * @return this proxy, to chain calls
     */
    public FaultInjectingProxy failNext(int count, Fault fault) {
        return failNext(count, fault, request -> true);
    }

    /**
     * Fails the next {@code count} requests that {@code which} accepts with {@code fault}; rules
     * added earlier are used up first.
     *
     * @param count how many of the matching requests, from now on
     * @param fault what to do to each of them
     * @param which the requests to fail, such as {@code r -> r.hasQueryParameter("partNumber")}
     * @return this proxy, to chain calls
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public FaultInjectingProxy failNext(int count, Fault fault, Predicate<Request> which) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        return addRule(count, fault, which);
    }

    /**
     * Fails every request that {@code which} accepts with {@code fault}, until {@link #passThrough()}.
     *
     * @param fault what to do to each matching request
     * @param which the requests to fail
     * @return this proxy, to chain calls
     */
    public FaultInjectingProxy failAlways(Fault fault, Predicate<Request> which) {
        return addRule(Long.MAX_VALUE, fault, which);
    }

    private synchronized FaultInjectingProxy addRule(long count, Fault fault, Predicate<Request> which) {
        next.add(new Rule(Objects.requireNonNull(which, "which"), Objects.requireNonNull(fault, "fault"), new long[] {count}));
        return this;
    }

    /**
     * Fails each request with probability {@code probability} with one of {@code faults}, chosen
     * evenly; replaces earlier random faults. {@code seed} makes the choices repeatable.
     *
     * @param probability from 0 (never) to 1 (every request)
     * @param seed the seed of the random choices: the same seed fails the same requests of the same sequence
     * @param faults the faults to choose from
     * @return this proxy, to chain calls
     * @throws IllegalArgumentException if {@code probability} is outside 0 to 1, or positive with no faults
     */
    public synchronized FaultInjectingProxy failRandomly(double probability, long seed, Fault... faults) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1, was " + probability);
        }
        if (faults.length == 0 && probability > 0) {
            throw new IllegalArgumentException("failRandomly needs at least one fault");
        }
        this.probability = probability;
        this.randomFaults = List.of(faults);
        this.random = new Random(seed);
        return this;
    }

    /**
     * Removes every fault: requests pass through from now on.
     *
     * @return this proxy, to chain calls
     */
    public synchronized FaultInjectingProxy passThrough() {
        next.clear();
        probability = 0;
        randomFaults = List.of();
        return this;
    }

    /** {@return how many requests the proxy has received} */
    public synchronized int requests() {
        return seen.size();
    }

    /** {@return the requests the proxy has received, in order} */
    public synchronized List<Request> requestsSeen() {
        return List.copyOf(seen);
    }

    /** {@return how many connections clients have opened to the proxy} */
    public long connectionsAccepted() {
        return connections.get();
    }

    /** {@return how many faults the proxy has injected} */
    public long faultsInjected() {
        return faults.get();
    }

    private synchronized Fault choose(Request request) {
        seen.add(request);
        for (Rule rule : next) {
            if (rule.remaining()[0] > 0 && rule.which().test(request)) {
                rule.remaining()[0]--;
                faults.incrementAndGet();
                return rule.fault();
            }
        }
        if (probability > 0 && random.nextDouble() < probability) {
            faults.incrementAndGet();
            return randomFaults.get(random.nextInt(randomFaults.size()));
        }
        return null;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                connections.incrementAndGet();
                Thread.ofPlatform().daemon().name("fault-proxy-" + client.getPort()).start(() -> {
                    try {
                        serve(client);
                    } finally {
                        closeQuietly(client);
                        open.remove(client);
                    }
                });
            } catch (IOException e) {
                // Closed, or one connection failed to arrive: the loop condition tells which.
            }
        }
    }

    /** Serves one client connection: request after request until either side closes. */
    private void serve(Socket client) {
        Socket server = null;
        try {
            client.setTcpNoDelay(true);
            InputStream fromClient = new BufferedInputStream(client.getInputStream(), 1 << 16);
            OutputStream toClient = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
            InputStream fromServer = null;
            OutputStream toServer = null;
            while (true) {
                Message request = Message.read(fromClient);
                if (request == null) {
                    return;
                }
                Request seenRequest = request.request();
                Fault fault = choose(seenRequest);
                boolean expectContinue = "100-continue".equalsIgnoreCase(request.header("Expect"));
                if (fault instanceof ErrorResponse error) {
                    if (expectContinue) {
                        toClient.write(CONTINUE);
                        toClient.flush();
                    }
                    request.copyBody(fromClient, OutputStream.nullOutputStream(), true);
                    writeError(toClient, error, seenRequest);
                    continue;
                }
                if (server == null) {
                    server = new Socket();
                    open.add(server);
                    server.connect(upstream, 5_000);
                    server.setTcpNoDelay(true);
                    fromServer = new BufferedInputStream(server.getInputStream(), 1 << 16);
                    toServer = new BufferedOutputStream(server.getOutputStream(), 1 << 16);
                }
                toServer.write(request.head());
                toServer.flush();
                Message response;
                if (expectContinue) {
                    response = Message.read(fromServer);
                    if (response == null) {
                        return;
                    }
                    if (response.status() != 100) {
                        // The server answered without wanting the body: relay the answer and start over.
                        toClient.write(response.head());
                        response.copyBody(fromServer, toClient, !seenRequest.method().equals("HEAD"));
                        toClient.flush();
                        return;
                    }
                    toClient.write(response.head());
                    toClient.flush();
                }
                request.copyBody(fromClient, toServer, true);
                toServer.flush();
                response = readFinalResponse(fromServer);
                if (response == null) {
                    return;
                }
                boolean hasBody = !seenRequest.method().equals("HEAD") && response.status() != 204 && response.status() != 304;
                if (fault instanceof Delay delay) {
                    Thread.sleep(delay.duration());
                } else if (fault instanceof ResetMidBody) {
                    relayHalfAndReset(client, toClient, response, fromServer, hasBody);
                    return;
                } else if (fault instanceof DropResponse) {
                    response.copyBody(fromServer, OutputStream.nullOutputStream(), hasBody);
                    reset(client);
                    return;
                }
                toClient.write(response.head());
                boolean delimitedByClose = response.copyBody(fromServer, toClient, hasBody);
                toClient.flush();
                if (delimitedByClose || "close".equalsIgnoreCase(response.header("Connection"))
                        || "close".equalsIgnoreCase(request.header("Connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // One side went away or broke the protocol: drop this connection, as a real proxy would.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (server != null) {
                closeQuietly(server);
                open.remove(server);
            }
        }
    }

    private static Message readFinalResponse(InputStream fromServer) throws IOException {
        Message response = Message.read(fromServer);
        while (response != null && response.status() >= 100 && response.status() < 200) {
            response = Message.read(fromServer);
        }
        return response;
    }

    /**
     * Relays the head and half of the body (half of the head when there is no body), reads the rest
     * of the response from the server, which has then finished the request, and resets the client.
     */
    private static void relayHalfAndReset(Socket client, OutputStream toClient, Message response, InputStream fromServer,
            boolean hasBody) throws IOException, InterruptedException {
        OutputStream discard = OutputStream.nullOutputStream();
        long length = response.contentLength();
        if (hasBody && length >= 2) {
            toClient.write(response.head());
            Message.copy(fromServer, toClient, length / 2);
            toClient.flush();
            Message.copy(fromServer, discard, length - length / 2);
        } else if (hasBody && response.chunked()) {
            toClient.write(response.head());
            byte[] sizeLine = Message.readLine(fromServer);
            long chunk = Message.chunkSize(sizeLine);
            toClient.write(sizeLine);
            Message.copy(fromServer, toClient, chunk / 2);
            toClient.flush();
            Message.copy(fromServer, discard, chunk - chunk / 2);
            if (chunk > 0) {
                Message.readLine(fromServer);
                Message.copyChunked(fromServer, discard);
            } else {
                Message.copyTrailers(fromServer, discard);
            }
        } else {
            response.copyBody(fromServer, discard, hasBody);
            byte[] head = response.head();
            toClient.write(Arrays.copyOf(head, head.length / 2));
            toClient.flush();
        }
        // A reset discards what the client has not read yet: give it a moment to read what was sent.
        Thread.sleep(RESET_AFTER);
        reset(client);
    }

    /** Closes the connection with a reset (RST) rather than an orderly close (FIN). */
    private static void reset(Socket client) throws IOException {
        client.setSoLinger(true, 0);
        client.close();
    }

    private void writeError(OutputStream toClient, ErrorResponse error, Request request) throws IOException {
        String requestId = "fault-" + faults.get();
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + error.code() + "</Code><Message>" + error.message()
                + "</Message><Resource>" + request.path() + "</Resource><RequestId>" + requestId + "</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + error.status() + " " + error.reason() + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-amz-request-id: " + requestId + "\r\n"
                + "\r\n";
        toClient.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!request.method().equals("HEAD")) {
            toClient.write(body);
        }
        toClient.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the proxy");
        }
    }

    @Override
    public String toString() {
        return "FaultInjectingProxy(" + endpoint() + " -> " + upstream + ")";
    }

    /** The head of an HTTP/1.1 message (start line and headers, as received) and how its body is framed. */
    private record Message(byte[] head, String startLine, List<String> headerLines) {

        static Message read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(512);
            int last4 = 0;
            while (last4 != END_OF_HEAD) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new EOFException("connection closed in the middle of a message head");
                }
                head.write(b);
                if (head.size() > MAX_HEAD) {
                    throw new IOException("message head longer than " + MAX_HEAD + " bytes");
                }
                last4 = last4 << 8 | b;
            }
            byte[] bytes = head.toByteArray();
            String[] lines = new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1).split("\r\n");
            return new Message(bytes, lines[0], List.of(lines).subList(1, lines.length));
        }

        String header(String name) {
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        Request request() throws IOException {
            String[] parts = startLine.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x request: " + startLine);
            }
            return new Request(parts[0], parts[1]);
        }

        int status() throws IOException {
            String[] parts = startLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response: " + startLine);
            }
            return Integer.parseInt(parts[1]);
        }

        boolean chunked() {
            String encoding = header("Transfer-Encoding");
            return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        }

        long contentLength() {
            String length = header("Content-Length");
            return length == null ? -1 : Long.parseLong(length);
        }

        /**
         * Copies this message's body from {@code in} to {@code out}; a request without a length has
         * none, a response without one lasts until the connection closes. Returns whether it did.
         */
        boolean copyBody(InputStream in, OutputStream out, boolean hasBody) throws IOException {
            if (!hasBody) {
                return false;
            }
            if (chunked()) {
                copyChunked(in, out);
                return false;
            }
            long length = contentLength();
            if (length >= 0) {
                copy(in, out, length);
                return false;
            }
            if (startLine.startsWith("HTTP/")) {
                in.transferTo(out);
                return true;
            }
            return false;
        }

        static void copyChunked(InputStream in, OutputStream out) throws IOException {
            while (true) {
                byte[] sizeLine = readLine(in);
                out.write(sizeLine);
                long size = chunkSize(sizeLine);
                if (size == 0) {
                    copyTrailers(in, out);
                    return;
                }
                copy(in, out, size);
                out.write(readLine(in));
            }
        }

        /** Copies the trailer fields after the last chunk, up to and with the empty line. */
        static void copyTrailers(InputStream in, OutputStream out) throws IOException {
            byte[] line;
            do {
                line = readLine(in);
                out.write(line);
            } while (line.length > 2);
        }

        static long chunkSize(byte[] sizeLine) throws IOException {
            try {
                return Long.parseLong(new String(sizeLine, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk size line: " + new String(sizeLine, StandardCharsets.ISO_8859_1).trim());
            }
        }

        static byte[] readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(32);
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed in the middle of a chunked body");
                }
                line.write(b);
                if (previous == '\r' && b == '\n') {
                    return line.toByteArray();
                }
                if (line.size() > MAX_HEAD) {
                    throw new IOException("chunk line longer than " + MAX_HEAD + " bytes");
                }
                previous = b;
            }
        }

        static void copy(InputStream in, OutputStream out, long length) throws IOException {
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("connection closed with " + left + " of " + length + " body bytes to come");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
