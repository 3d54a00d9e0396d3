package dev.rivulet.storage.s3;

import java.io.IOException;

/**
 * A request of {@link S3Bulk} failed for good: after all the attempts its {@linkplain
 * S3Bulk.Builder#maxAttempts(int) retry policy} allows, or at once for an error that retrying cannot
 * fix (a missing bucket or key, refused credentials, a range beyond the object, an object that
 * changed while it was downloaded). The message names the operation, the bucket, the key and range,
 * how many attempts were made and the last error; the cause is that last error.
 *
 * <pre>
 * GetObject s3://data/part-7.parquet [bytes 8388608-16777215] failed after 8 attempts: SlowDown (503): Please reduce your request rate; S3 kept throttling: ...
 * </pre>
 */
public class S3BulkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final String objectKey;
    private final String range;
    private final String errorCode;
    private final int statusCode;
    private final int attempts;

    public S3BulkException(String message, String bucket, String objectKey, String range, String errorCode, int statusCode,
            int attempts, Throwable cause) {
        super(message, cause);
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.range = range;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
        this.attempts = attempts;
    }

    /** The bucket of the request. */
    public String bucket() {
        return bucket;
    }

    /** The object key of the request; for a listing, its prefix; null for requests about the bucket. */
    public String objectKey() {
        return objectKey;
    }

    /** The byte range, as in {@code bytes 0-8388607}; null when the request was not for a range. */
    public String range() {
        return range;
    }

    /**
     * The S3 error code of the last attempt, such as {@code NoSuchKey}, {@code NoSuchBucket} or
     * {@code SlowDown}; null when the last attempt got no answer from S3 (a reset connection, a
     * timeout) or failed on this side (a short body, a checksum mismatch).
     */
    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status of the last answer; 0 when there was none. */
    public int statusCode() {
        return statusCode;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }
}
