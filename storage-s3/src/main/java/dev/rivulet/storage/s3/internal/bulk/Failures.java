package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.S3BulkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures are worth another attempt, and the message of the one that ends a request.
 *
 * <p>Retried: throttling (503 {@code SlowDown}, 429 and the throttling error codes), 500, 502, 503
 * and 504, S3's 400 {@code RequestTimeout}, 408, and every I/O failure (a reset or refused
 * connection, a timeout, a body cut short, also when the SDK meets it while parsing an answer).
 * Not retried: every other answer from S3 (403, 404, 412, 416, other 4xx), failures to read the
 * local data of an upload, and anything else the SDK throws (such as missing credentials).
 */
final class Failures {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
    private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottled", "RequestThrottledException", "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException",
            "BandwidthLimitExceeded", "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable");
    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottled", "RequestThrottledException", "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException",
            "BandwidthLimitExceeded");
    private static final Set<String> CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
            "InvalidToken", "TokenRefreshRequired");

    private Failures() {}

    static boolean isRetryable(Throwable e) {
        if (Thread.currentThread().isInterrupted() || causedBy(e, LocalFileException.class)) {
            return false;
        }
        if (e instanceof TransferFailure failure) {
            return failure.isRetryable();
        }
        if (e instanceof S3BulkException) {
            return false;
        }
        if (e instanceof SdkServiceException service) {
            String code = errorCode(service);
            return RETRYABLE_STATUS.contains(service.statusCode()) || (code != null && RETRYABLE_CODES.contains(code))
                    || service.isThrottlingException();
        }
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return true;
        }
        if (e instanceof SdkClientException) {
            return causedBy(e, IOException.class);
        }
        return e instanceof IOException || e instanceof UncheckedIOException;
    }

    /** The exception that ends {@code request} after {@code attempts} attempts, the last of which threw {@code e}. */
    static S3BulkException describe(RequestLabel request, Throwable e, int attempts) {
        if (e instanceof S3BulkException bulk) {
            return bulk;
        }
        String after = attempts > 1 ? " after " + attempts + " attempts" : "";
        SdkServiceException service = find(e, SdkServiceException.class);
        String code = service == null ? null : errorCode(service);
        int status = service == null ? 0 : service.statusCode();
        String message;
        if (e instanceof TransferFailure) {
            message = request + " failed" + after + ": " + e.getMessage();
        } else if (service != null) {
            String detail = service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && aws.awsErrorDetails().errorMessage() != null ? ": " + sentence(aws.awsErrorDetails().errorMessage()) : "";
            message = request + " failed" + after + ": " + (code == null ? "HTTP" : code) + " (" + status + ")" + detail
                    + advice(request, code, status);
        } else if (isRetryable(e)) {
            message = request + " failed" + after + " without an answer from S3: " + summary(e);
        } else {
            message = request + " failed" + after + ": " + summary(e);
        }
        return new S3BulkException(message, request.bucket(), request.key(), request.range(), code, status, attempts, e);
    }

    /** S3's error message without its closing full stop, so that advice can follow it. */
    private static String sentence(String message) {
        String trimmed = message.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** A one-line description of {@code e}, for logs. */
    static String summary(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            return cause != null && cause != e ? e.getClass().getSimpleName() + ": " + summary(cause) : e.getClass().getSimpleName();
        }
        return message;
    }

    private static String advice(RequestLabel request, String code, int status) {
        if ("NoSuchBucket".equals(code)) {
            return "; bucket '" + request.bucket() + "' does not exist: create it or fix the name";
        }
        if ("NoSuchKey".equals(code)) {
            return "; key '" + request.key() + "' does not exist in bucket '" + request.bucket()
                    + "' (GetManyOptions.returnMissing(true) marks such downloads missing instead of failing)";
        }
        if (code != null && CREDENTIALS.contains(code)) {
            return "; the credentials were refused: check the access key and secret the S3 client uses";
        }
        if (status == 403) {
            return "; check the credentials and that they may use bucket '" + request.bucket() + "'";
        }
        if ((code != null && THROTTLING.contains(code)) || status == 429) {
            return "; S3 kept throttling: lower the concurrency or allow more attempts (S3Bulk.Builder.maxAttempts)";
        }
        if (status >= 500) {
            return "; S3 kept failing on its side: try again later or allow more attempts (S3Bulk.Builder.maxAttempts)";
        }
        return "";
    }

    static String errorCode(SdkServiceException e) {
        if (e instanceof AwsServiceException aws) {
            AwsErrorDetails details = aws.awsErrorDetails();
            if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
                return details.errorCode();
            }
        }
        return null;
    }

    /** The HTTP status of {@code e} if it is an answer from S3, else 0. */
    static int status(Throwable e) {
        return e instanceof SdkServiceException service ? service.statusCode() : 0;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
