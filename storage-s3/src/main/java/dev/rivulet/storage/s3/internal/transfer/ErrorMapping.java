package dev.rivulet.storage.s3.internal.transfer;

import dev.rivulet.storage.s3.S3BulkException;
import dev.rivulet.storage.s3.S3StorageException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns the failure that ends a request into the exception its caller sees: an {@link
 * S3StorageException} (an {@link S3BulkException} for the bulk client) whose message names the
 * operation, the bucket, the key and range, the attempts, S3's error code and status, and what to
 * do about it:
 *
 * <pre>
 * PutObject s3://analytics/results/k.data failed after 5 attempts: SlowDown (503): Please reduce your request rate; S3 kept throttling: ...
 * </pre>
 *
 * <p>One per client of the engine, shared by its requests: it remembers whether S3 has answered any
 * of them, so that a request left without an answer suspects the endpoint only while none has been
 * answered. Thread-safe.
 */
public final class ErrorMapping {

    private static final Set<String> CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
            "InvalidToken", "TokenRefreshRequired", "InvalidSecurity");
    private static final Set<String> REGION = Set.of("AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException");

    private final String attemptsOption;
    private final String missingKeyHint;
    private final boolean bulk;
    private volatile boolean answered;

    private ErrorMapping(String attemptsOption, String missingKeyHint, boolean bulk) {
        this.attemptsOption = attemptsOption;
        this.missingKeyHint = missingKeyHint;
        this.bulk = bulk;
    }

    /** For the result store: {@link S3StorageException}s, pointing at {@code S3ClientOptions.maxAttempts} for more attempts. */
    public static ErrorMapping forResultStore() {
        return new ErrorMapping("S3ClientOptions.maxAttempts", "", false);
    }

    /** For the bulk client: {@link S3BulkException}s, pointing at its builder's settings. */
    public static ErrorMapping forBulkClient() {
        return new ErrorMapping("S3Bulk.Builder.maxAttempts", " (GetManyOptions.returnMissing(true) marks such downloads missing instead of failing)",
                true);
    }

    /** Notes that S3 answered a request: from now on, a request without an answer does not blame the endpoint. */
    void answered() {
        answered = true;
    }

    /** The exception that ends {@code request} after {@code attempts} attempts, the last of which threw {@code e}. */
    public S3StorageException map(RequestLabel request, Throwable e, int attempts) {
        return map(request, e, attempts, "");
    }

    /**
     * As {@link #map(RequestLabel, Throwable, int)}, with {@code where} (such as {@code " at byte
     * 100 of 200"}) said after {@code failed}.
     */
    public S3StorageException map(RequestLabel request, Throwable e, int attempts, String where) {
        if (e instanceof S3StorageException done) {
            return done;
        }
        String failed = request + " failed" + where + (attempts > 1 ? " after " + attempts + " attempts" : "");
        SdkServiceException service = RetryPolicy.find(e, SdkServiceException.class);
        String code = service == null ? null : RetryPolicy.errorCode(service);
        int status = service == null ? 0 : service.statusCode();
        String message;
        if (e instanceof TransferFailure || e instanceof LocalFileException) {
            message = failed + ": " + e.getMessage();
        } else if (service != null) {
            answered = true;
            String detail = service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && aws.awsErrorDetails().errorMessage() != null ? ": " + sentence(aws.awsErrorDetails().errorMessage()) : "";
            message = failed + ": " + (code == null ? "HTTP" : code) + " (" + status + ")" + detail + advice(request, service, code, status);
        } else if (e instanceof SdkException || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            String detail = summary(e);
            message = failed + " without an answer from S3: " + detail + noAnswerAdvice(detail);
        } else {
            message = failed + ": " + summary(e);
        }
        return bulk
                ? new S3BulkException(message, request.bucket(), request.key(), request.range(), code, status, attempts, e)
                : new S3StorageException(message, request.bucket(), request.key(), code, status, e);
    }

    /** S3's error message without its closing full stop, so that advice can follow it. */
    private static String sentence(String message) {
        String trimmed = message.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** A one-line description of {@code e}, for messages and logs. */
    public static String summary(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            return cause != null && cause != e ? e.getClass().getSimpleName() + ": " + summary(cause) : e.getClass().getSimpleName();
        }
        return message;
    }

    private String advice(RequestLabel request, SdkServiceException e, String code, int status) {
        if ("NoSuchBucket".equals(code)) {
            return "; bucket '" + request.bucket() + "' does not exist: create the bucket or fix the name";
        }
        if ("NoSuchKey".equals(code)) {
            return "; key '" + request.key() + "' does not exist in bucket '" + request.bucket() + "'" + missingKeyHint;
        }
        if (code != null && CREDENTIALS.contains(code)) {
            return "; the credentials were refused: check the access key and secret the S3 client uses";
        }
        if (code != null && REGION.contains(code)) {
            return "; check the region the client signs for and the endpoint";
        }
        if (status == 403) {
            return "; check the credentials and that they may use bucket '" + request.bucket() + "'";
        }
        if (RetryPolicy.isThrottling(e)) {
            return "; S3 kept throttling: send fewer requests at once or allow more attempts (" + attemptsOption + ")";
        }
        if (status >= 500) {
            return "; S3 kept failing on its side: try again later or allow more attempts (" + attemptsOption + ")";
        }
        return "";
    }

    private String noAnswerAdvice(String detail) {
        if (detail.contains("credentials")) {
            return "; configure credentials (S3ClientOptions.credentials, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials)";
        }
        if (detail.contains("region")) {
            return "; set a region (S3ClientOptions.region, AWS_REGION, or ~/.aws/config)";
        }
        if (answered) {
            return "; S3 answered earlier requests at this endpoint, so the network or S3 failed for a while: try again later or allow more"
                    + " attempts (" + attemptsOption + ")";
        }
        return "; check that the endpoint is right and reachable";
    }
}
