package dev.rivulet.internal.io;

import dev.rivulet.io.ByteRange;
import dev.rivulet.io.RangedSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object behind an HTTP(S) URL, read with {@code GET} requests that carry a {@code Range}
 * header, on one {@link HttpClient} that every source shares (its connection pool serves many
 * threads at once).
 *
 * <p>Opening asks for {@code bytes=0-0}: the answer's {@code Content-Range} gives the size and shows
 * that the server answers ranges. A server that ignores {@code Range} answers {@code 200} with the
 * whole object; each range would then cost a download of everything, so that fails the open,
 * without reading the body (an empty object is the exception: there is nothing to read by range).
 * A strong {@code ETag} in the answer goes with every read as {@code If-Match}, so that an object
 * replaced meanwhile fails with {@code 412} instead of mixing two versions. Redirects are followed,
 * and reads go straight to where the first answer came from.
 *
 * <p>No retries here beyond the client's own (a request on a pooled connection that the server had
 * closed is sent again): a task that reads retries as its options say.
 */
final class HttpRangedSource extends RangedSource {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a request may wait for the answer's headers. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    /** The client every HTTP source shares; made when the first is opened. */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private final URI uri;
    private final URI target;
    private final String etag;

    private HttpRangedSource(URI uri, URI target, long size, String etag) {
        super(uri.toString(), size);
        this.uri = uri;
        this.target = target;
        this.etag = etag;
    }

    static HttpRangedSource open(URI uri) throws IOException {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' names no host; write " + uri.getScheme() + "://host/path");
        }
        HttpResponse<InputStream> answer = send(uri, uri, "bytes=0-0", null);
        try (InputStream body = answer.body()) {
            String etag = answer.headers().firstValue("ETag").filter(tag -> !tag.startsWith("W/")).orElse(null);
            long size = switch (answer.statusCode()) {
                case 206 -> {
                    long[] range = contentRange(uri, answer);
                    if (range[0] != 0 || range[1] != 0) {
                        throw otherBytes(uri, "bytes 0-0", answer);
                    }
                    if (range[2] < 0) {
                        throw new IOException("GET " + uri + " [bytes 0-0] answered without the object's size (Content-Range: "
                                + answer.headers().firstValue("Content-Range").orElse("") + "); ranged reads need it");
                    }
                    readExactly(uri, body, ByteBuffer.allocate(1), "bytes 0-0");
                    yield range[2];
                }
                case 200 -> {
                    if (answer.headers().firstValueAsLong("Content-Length").orElse(-1) != 0) {
                        throw ignoresRange(uri);
                    }
                    yield 0;
                }
                case 416 -> emptyObjectSize(uri, answer);
                default -> throw statusError(uri, answer, "bytes 0-0");
            };
            return new HttpRangedSource(uri, answer.uri(), size, etag);
        }
    }

    @Override
    protected void readFully(long offset, ByteBuffer into) throws IOException {
        ByteRange range = new ByteRange(offset, into.remaining());
        HttpResponse<InputStream> answer = send(uri, target, "bytes=" + offset + "-" + (range.end() - 1), etag);
        try (InputStream body = answer.body()) {
            switch (answer.statusCode()) {
                case 206 -> {
                    long[] answered = contentRange(target, answer);
                    if (answered[0] != offset || answered[1] != range.end() - 1) {
                        throw otherBytes(uri, range.toString(), answer);
                    }
                    readExactly(uri, body, into, range.toString());
                }
                case 200 -> throw ignoresRange(uri);
                case 412 -> throw new IOException("GET " + name() + " [" + range + "]: HTTP 412: the object changed after it was opened"
                        + " (its ETag is no longer " + etag + "); open it again");
                default -> throw statusError(uri, answer, range.toString());
            }
        }
    }

    /** Round trips overlap: 8 ranges at once. */
    @Override
    protected int rangesInFlight() {
        return 8;
    }

    @Override
    protected void release() {
        // Nothing of its own: the shared client's connections serve other sources.
    }

    private static HttpResponse<InputStream> send(URI uri, URI target, String range, String ifMatch) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).GET().timeout(ANSWER_TIMEOUT).header("Range", range);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return Shared.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while reading " + uri + " [" + range + "]");
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            throw new IOException("GET " + uri + " [" + range + "] failed without an answer: " + e, e);
        }
    }

    /** Reads the body into {@code into} to its limit, then checks that the body ends there. */
    private static void readExactly(URI uri, InputStream body, ByteBuffer into, String range) throws IOException {
        ReadableByteChannel channel = Channels.newChannel(body);
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new IOException("GET " + uri + " [" + range + "]: the answer ended " + into.remaining() + " bytes early");
            }
        }
        // Reading the end lets the connection go back to the pool.
        if (body.read() >= 0) {
            throw new IOException("GET " + uri + " [" + range + "]: the answer holds more bytes than its Content-Range says");
        }
    }

    /** First byte, last byte and total size (-1 if unknown) from the {@code Content-Range} of a 206 answer. */
    private static long[] contentRange(URI uri, HttpResponse<?> answer) throws IOException {
        String header = answer.headers().firstValue("Content-Range").orElse(null);
        Matcher m = header == null ? null : CONTENT_RANGE.matcher(header.trim());
        if (m == null || !m.matches()) {
            throw new IOException("GET " + uri + " answered 206 without a usable Content-Range (" + header + ")");
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3))};
    }

    /** The size from a 416 answer to {@code bytes=0-0}: only an empty object has no byte 0. */
    private static long emptyObjectSize(URI uri, HttpResponse<?> answer) throws IOException {
        String header = answer.headers().firstValue("Content-Range").orElse(null);
        Matcher m = header == null ? null : UNSATISFIED_RANGE.matcher(header.trim());
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) != 0) {
            throw statusError(uri, answer, "bytes 0-0");
        }
        return 0;
    }

    private static IOException otherBytes(URI uri, String range, HttpResponse<?> answer) {
        return new IOException("GET " + uri + " [" + range + "] was answered with other bytes (Content-Range: "
                + answer.headers().firstValue("Content-Range").orElse("") + ")");
    }

    private static IOException ignoresRange(URI uri) {
        return new IOException(uri + " is served without ranges: the server answered a Range request with 200 and the whole object."
                + " Ranged reads need a server that answers Range with 206 Partial Content (most static file servers, S3 and object"
                + " stores do); download the file and open it as a local file instead");
    }

    private static IOException statusError(URI uri, HttpResponse<?> answer, String range) {
        int status = answer.statusCode();
        String message = "GET " + uri + " [" + range + "]: HTTP " + status;
        if (status == 404 || status == 410) {
            return new NoSuchFileException(uri.toString(), null, "no such object (HTTP " + status + ")");
        }
        if (status == 401 || status == 403) {
            return new IOException(message + ": access refused; the HTTP provider sends no credentials, so the URL must be readable"
                    + " as it is (a public or presigned URL)");
        }
        return new IOException(message);
    }
}
