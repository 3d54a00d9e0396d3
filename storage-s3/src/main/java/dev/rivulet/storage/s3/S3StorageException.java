package dev.rivulet.storage.s3;

import java.io.IOException;

/**
 * An S3 request failed for good: after the retries the error allowed, or at once for errors that
 * retrying cannot fix (a missing bucket, refused credentials). The message names the operation, the
 * object, the S3 error code and what to do about it.
 */
public class S3StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final String objectKey;
    private final String errorCode;
    private final int statusCode;

    public S3StorageException(String message, String bucket, String objectKey, String errorCode, int statusCode, Throwable cause) {
        super(message, cause);
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
    }

    /** The bucket of the request. */
    public String bucket() {
        return bucket;
    }

    /** The object key of the request; null for requests about the bucket. */
    public String objectKey() {
        return objectKey;
    }

    /** The S3 error code, such as {@code NoSuchBucket} or {@code SlowDown}; null when S3 did not answer. */
    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status of S3's answer; 0 when it did not answer. */
    public int statusCode() {
        return statusCode;
    }
}
