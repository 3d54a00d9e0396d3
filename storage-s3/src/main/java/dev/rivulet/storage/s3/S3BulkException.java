package dev.rivulet.storage.s3;

/**
 * A request of {@link S3Bulk} failed for good: after all the attempts its {@linkplain
 * S3Bulk.Builder#maxAttempts(int) retry policy} allows, or at once for an error that retrying cannot
 * fix (a missing bucket or key, refused credentials, a range beyond the object, an object that
 * changed while it was downloaded). The message names the operation, the bucket, the key and range,
 * how many attempts were made and the last error; the cause is that last error.
 *
 * <p>It is an {@link S3StorageException}, so one handler covers the result store and the bulk
 * client; the object key is a listing's prefix for a failed listing.
 *
 * <pre>
 * GetObject s3://data/part-7.parquet [bytes 8388608-16777215] failed after 8 attempts: SlowDown (503): Please reduce your request rate; S3 kept throttling: ...
 * </pre>
 */
public class S3BulkException extends S3StorageException {
    private static final long serialVersionUID = 1L;

    /** The byte range of the request; null when it was not for a range. */
    private final String range;
    /** How many attempts were made. */
    private final int attempts;

    /**
     * A request of the bulk client that failed for good.
     *
     * @param message what failed: the operation, bucket, key, range, attempts and last error
     * @param bucket the bucket of the request
     * @param objectKey the object key of the request, or the prefix of a listing
     * @param range the byte range, as in {@code bytes 0-8388607}; null when not for a range
     * @param errorCode the S3 error code of the last attempt; null when S3 did not answer
     * @param statusCode the HTTP status of the last attempt; 0 when S3 did not answer
     * @param attempts how many attempts were made
     * @param cause the last error
     */
    public S3BulkException(String message, String bucket, String objectKey, String range, String errorCode, int statusCode,
            int attempts, Throwable cause) {
        super(message, bucket, objectKey, errorCode, statusCode, cause);
        this.range = range;
        this.attempts = attempts;
    }

    /** {@return the byte range, as in {@code bytes 0-8388607}; null when the request was not for a range} */
    public String range() {
        return range;
    }

    /** {@return how many attempts were made} */
    public int attempts() {
        return attempts;
    }
}
