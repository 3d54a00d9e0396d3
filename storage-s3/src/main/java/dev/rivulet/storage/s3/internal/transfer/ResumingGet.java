package dev.rivulet.storage.s3.internal.transfer;

import static dev.rivulet.storage.s3.internal.transfer.S3Transfers.SINGLE_ATTEMPT;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bytes {@code [start, end)} of one version of an object, as a stream that survives broken
 * connections. When a body breaks off (a reset, a timeout, an answer shorter than announced), it
 * asks for the rest ({@code Range: bytes=<position>-<end - 1>}) with {@code If-Match: <ETag>}, so
 * that an object replaced in between is reported ({@code 412}: "changed while it was downloaded")
 * instead of mixed, and checks that each answer covers exactly the bytes asked for.
 *
 * <p>Attempts follow the engine's {@link RetryPolicy}: it gives up after {@code maxAttempts}
 * failures in a row without a byte received between them (a body that keeps arriving in pieces
 * keeps going), throwing the engine's mapped exception, which names the byte reached. Bytes come
 * out once each, in order: a resumed read never repeats any.
 *
 * <p>It checks lengths and versions; checksums are the caller's. One reader at a time; {@link
 * #abort()} may come from any thread.
 */
public final class ResumingGet extends InputStream {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final S3Transfers transfers;
    private final Pacing pacing;
    private final String bucket;
    private final String key;
    private final String etag;
    private final long start;
    private final long end;
    private final RequestLabel label;
    private volatile ResponseInputStream<GetObjectResponse> body;
    private final byte[] one = new byte[1];
    private long position;
    private int failures;
    private volatile boolean closed;

    ResumingGet(S3Transfers transfers, Pacing pacing, String bucket, String key, String etag, long start, long end,
            ResponseInputStream<GetObjectResponse> first) {
        this.transfers = transfers;
        this.pacing = pacing;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
        this.start = start;
        this.end = end;
        this.position = start;
        this.body = first;
        this.label = new RequestLabel("GetObject", bucket, key, RequestLabel.bytes(start, end));
    }

    /** How far the bytes have been read: the offset in the object of the next one. */
    public long position() {
        return position;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException("the stream of s3://" + bucket + "/" + key + " is closed");
        }
        if (count == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(count, end - position);
        while (true) {
            pacing.checkNotCancelled();
            if (body == null) {
                body = request();
            }
            Exception failure;
            try {
                int n = body.read(bytes, offset, wanted);
                if (n > 0) {
                    position += n;
                    failures = 0;
                    return n;
                }
                failure = TransferFailure.retryable("the answer ended " + (end - position) + " bytes early");
            } catch (IOException | SdkException e) {
                failure = e;
            }
            if (pacing.isCancelled()) {
                throw new Pacing.Cancelled();
            }
            body.abort();
            body = null;
            failed(failure);
        }
    }

    /** Counts a failed attempt: throws when it is the last or not worth another, else waits before the next. */
    private void failed(Exception failure) throws IOException {
        if (Thread.currentThread().isInterrupted()
                || (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException))) {
            throw failure instanceof InterruptedIOException interrupted ? interrupted
                    : new InterruptedIOException("interrupted while reading s3://" + bucket + "/" + key);
        }
        failures++;
        if (failures >= transfers.retry().maxAttempts() || !transfers.retry().isRetryable(label, failure)) {
            String where = position > start ? " at byte " + position + " of " + end : "";
            throw transfers.errors().map(label, failure, failures, where);
        }
        transfers.waitBeforeRetry(pacing, label, failures, failure);
    }

    /** Asks for the bytes from {@code position} on; a request that fails counts as a failed attempt. */
    private ResponseInputStream<GetObjectResponse> request() throws IOException {
        while (true) {
            ResponseInputStream<GetObjectResponse> in = null;
            try {
                in = transfers.client().getObject(b -> b.bucket(bucket).key(key)
                        .range("bytes=" + position + "-" + (end - 1))
                        .ifMatch(etag)
                        .overrideConfiguration(SINGLE_ATTEMPT));
                checkCovers(in.response());
                transfers.errors().answered();
                return in;
            } catch (S3Exception e) {
                failed(e.statusCode() == 412
                        ? TransferFailure.permanent("the object changed while it was downloaded (its entity tag is no longer " + etag
                                + "); download it again", e)
                        : e);
            } catch (IOException | SdkException e) {
                if (in != null) {
                    in.abort();
                }
                failed(e);
            }
        }
    }

    /** Checks that a ranged answer covers exactly the bytes asked for. */
    private void checkCovers(GetObjectResponse response) throws TransferFailure {
        long[] answered = response.sdkHttpResponse().statusCode() == 206 ? contentRange(response) : null;
        if (answered == null || answered[0] != position || answered[1] != end - 1) {
            throw TransferFailure.permanent("S3 answered " + (answered == null ? "the whole object" : response.contentRange())
                    + " to a request for bytes=" + position + "-" + (end - 1), null);
        }
    }

    /** First byte, last byte and total size from the {@code Content-Range} of a 206 answer; the total is -1 if unknown. */
    public static long[] contentRange(GetObjectResponse response) throws TransferFailure {
        String header = response.contentRange();
        Matcher m = header == null ? null : CONTENT_RANGE.matcher(header.trim());
        if (m == null || !m.matches()) {
            throw TransferFailure.permanent("S3 answered a range request without a usable Content-Range (" + header + ")", null);
        }
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), total};
    }

    /** Drops the response being read, from any thread: a read under way fails, and the stream asks again or gives up. */
    public void abort() {
        ResponseInputStream<GetObjectResponse> current = body;
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ResponseInputStream<GetObjectResponse> current = body;
        if (current != null) {
            if (position < end) {
                // Reading the rest only to keep the connection would cost more than a new connection.
                current.abort();
            }
            current.close();
        }
    }
}
