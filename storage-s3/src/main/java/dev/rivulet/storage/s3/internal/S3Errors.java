package dev.rivulet.storage.s3.internal;

import dev.rivulet.storage.s3.S3StorageException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's unchecked exceptions into {@link S3StorageException}s that say which request on
 * which object failed, with which S3 error, after how many attempts, and what to do about it.
 *
 * <p>One per store, shared by its requests: it remembers whether S3 has answered any of them, so
 * that a request left without an answer suspects the endpoint only while none has been answered.
 * Thread-safe.
 */
public final class S3Errors {

    private static final Set<String> CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
            "InvalidToken", "TokenRefreshRequired", "InvalidSecurity");
    private static final Set<String> REGION = Set.of("AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException");
    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequests", "TooManyRequestsException");

    private volatile boolean answered;

    /** An S3 call that may throw the SDK's unchecked exceptions. */
    @FunctionalInterface
    public interface Call<T> {
        T run();
    }

    /**
     * Runs {@code call}, a request {@code operation} (such as {@code PutObject}) on {@code
     * objectKey} in {@code bucket}, and translates what the SDK throws.
     */
    public <T> T call(String operation, String bucket, String objectKey, Call<T> call) throws S3StorageException {
        T result;
        try {
            result = call.run();
        } catch (SdkException e) {
            throw translate(e, operation, bucket, objectKey);
        }
        answered = true;
        return result;
    }

    /** {@code e}, thrown by request {@code operation} on {@code objectKey} in {@code bucket}, as an {@link S3StorageException}. */
    public S3StorageException translate(SdkException e, String operation, String bucket, String objectKey) {
        String where = "s3://" + bucket + "/" + (objectKey == null ? "" : objectKey);
        Integer attempts = e.numAttempts();
        String after = attempts != null && attempts > 1 ? " after " + attempts + " attempts" : "";
        if (e instanceof AwsServiceException service) {
            answered = true;
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String detail = details == null || details.errorMessage() == null ? "" : " " + details.errorMessage();
            String message = operation + " " + where + " failed" + after + ": " + (code == null ? "HTTP" : code) + " (" + service.statusCode() + ")"
                    + detail + advice(code, service.statusCode(), bucket);
            return new S3StorageException(message, bucket, objectKey, code, service.statusCode(), e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String message = operation + " " + where + " failed" + after + " without an answer from S3: " + detail + clientAdvice(detail);
        return new S3StorageException(message, bucket, objectKey, null, 0, e);
    }

    private static String advice(String code, int status, String bucket) {
        if ("NoSuchBucket".equals(code)) {
            return "; bucket '" + bucket + "' does not exist: create the bucket or fix the name";
        }
        if ("AccessDenied".equals(code) || "AllAccessDisabled".equals(code)) {
            return "; check the credentials and that they may use bucket '" + bucket + "'";
        }
        if (code != null && CREDENTIALS.contains(code)) {
            return "; the credentials were refused: check the access key and secret";
        }
        if (code != null && REGION.contains(code)) {
            return "; check the region the client signs for and the endpoint";
        }
        if ((code != null && THROTTLING.contains(code)) || status == 429) {
            return "; S3 is throttling requests: spread them out or allow more attempts (S3ClientOptions.maxAttempts)";
        }
        if (status >= 500) {
            return "; S3 failed on its side: try again later or allow more attempts (S3ClientOptions.maxAttempts)";
        }
        return "";
    }

    private String clientAdvice(String detail) {
        if (detail.contains("credentials")) {
            return "; configure credentials (S3ClientOptions.credentials, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials)";
        }
        if (detail.contains("region")) {
            return "; set a region (S3ClientOptions.region, AWS_REGION, or ~/.aws/config)";
        }
        if (answered) {
            return "; S3 answered earlier requests at this endpoint, so the network or S3 failed for a while: try again later or allow more"
                    + " attempts (S3ClientOptions.maxAttempts)";
        }
        return "; check that the endpoint is right and reachable";
    }
}
