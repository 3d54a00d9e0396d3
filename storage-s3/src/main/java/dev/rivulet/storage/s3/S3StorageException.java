package dev.rivulet.storage.s3;

import java.io.IOException;

/**
 * An S3 request failed for good: after the retries the error allowed, or at once for errors that
 * retrying cannot fix (a missing bucket, refused credentials). The message names the operation, the
 * object, the S3 error code and what to do about it.
 */
public class S3StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The bucket of the request. */
    private final String bucket;
    /** The object key of the request; null for requests about the bucket. */
    private final String objectKey;
    /** The S3 error code; null when S3 did not answer. */
    private final String errorCode;
    /** The HTTP status; 0 when S3 did not answer. */
    private final int statusCode;

    /**
     * A failed request.
     *
     * @param message what failed: the operation, bucket, key and error
     * @param bucket the bucket of the request
     * @param objectKey the object key of the request; null for requests about the bucket
     * @param errorCode the S3 error code, such as {@code SlowDown}; null when S3 did not answer
     * @param statusCode the HTTP status; 0 when S3 did not answer
     * @param cause the last error, such as the SDK's exception
     */
    public S3StorageException(String message, String bucket, String objectKey, String errorCode, int statusCode, Throwable cause) {
        super(message, cause);
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
    }

    /** {@return the bucket of the request} */
    public String bucket() {
        return bucket;
    }

    /** {@return the object key of the request; null for requests about the bucket} */
    public String objectKey() {
        return objectKey;
    }

    /** {@return the S3 error code, such as {@code NoSuchBucket} or {@code SlowDown}; null when S3 did not answer} */
    public String errorCode() {
        return errorCode;
    }

    /** {@return the HTTP status of S3's answer; 0 when it did not answer} */
    public int statusCode() {
        return statusCode;
    }
}
