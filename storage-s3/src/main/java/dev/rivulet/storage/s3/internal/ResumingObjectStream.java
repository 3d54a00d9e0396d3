package dev.rivulet.storage.s3.internal;

import dev.rivulet.storage.s3.S3StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a GetObject that survives a broken connection. The SDK retries a GET only until its
 * response starts; when the connection breaks in the middle of the body, this stream asks again for
 * the rest ({@code Range: bytes=<position>-}, {@code If-Match: <ETag>}) and carries on, after the
 * same backoff as the client's retries. It gives up after {@code maxAttempts} failures in a row
 * without a byte read between them, naming the object, the offset and the last error.
 *
 * <p>It checks only that the object ends where its length says; checksums are the caller's.
 */
public final class ResumingObjectStream extends InputStream {

    private final S3Client client;
    private final S3Errors errors;
    private final String bucket;
    private final String key;
    private final String eTag;
    private final long length;
    private final int maxAttempts;
    private final BackoffStrategy backoff;
    private ResponseInputStream<GetObjectResponse> body;
    private final byte[] one = new byte[1];
    private long position;
    private int failures;
    private boolean closed;

    /**
     * Reads {@code first}, the response of a GetObject of the whole of {@code key}, {@code length}
     * bytes with ETag {@code eTag}; {@code errors} describes failed requests.
     */
    public ResumingObjectStream(S3Client client, S3Errors errors, String bucket, String key, ResponseInputStream<GetObjectResponse> first,
            long length, String eTag, int maxAttempts, BackoffStrategy backoff) {
        this.client = client;
        this.errors = errors;
        this.bucket = bucket;
        this.key = key;
        this.body = first;
        this.length = length;
        this.eTag = eTag;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException("stream of s3://" + bucket + "/" + key + " is closed");
        }
        if (count == 0) {
            return 0;
        }
        while (true) {
            try {
                int n = body.read(bytes, offset, count);
                if (n < 0) {
                    if (position < length) {
                        throw new EOFException("the body ended after " + position + " of " + length + " bytes");
                    }
                    return -1;
                }
                position += n;
                failures = 0;
                return n;
            } catch (IOException | SdkException e) {
                if (position == length) {
                    // Every byte arrived before the connection broke.
                    return -1;
                }
                resume(e);
            }
        }
    }

    private void resume(Exception cause) throws IOException {
        if (Thread.currentThread().isInterrupted() || (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException))) {
            throw cause instanceof IOException io ? io : new InterruptedIOException("interrupted while reading s3://" + bucket + "/" + key);
        }
        failures++;
        body.abort();
        if (failures >= maxAttempts) {
            throw new IOException("reading s3://" + bucket + "/" + key + " failed at byte " + position + " of " + length + " after " + failures
                    + " attempts: " + cause, cause);
        }
        Duration delay = backoff.computeDelay(failures);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to resume s3://" + bucket + "/" + key);
        }
        try {
            body = errors.call("GetObject", bucket, key, () -> client.getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + position + "-").ifMatch(eTag)));
        } catch (S3StorageException e) {
            throw new S3StorageException("reading s3://" + bucket + "/" + key + " failed at byte " + position + " of " + length
                    + " and asking for the rest failed too: " + e.getMessage(), bucket, key, e.errorCode(), e.statusCode(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (position < length) {
            // Reading the rest only to keep the connection would cost more than a new connection.
            body.abort();
        }
        body.close();
    }
}
