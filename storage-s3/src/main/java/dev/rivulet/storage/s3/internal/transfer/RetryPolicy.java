package dev.rivulet.storage.s3.internal.transfer;

import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.S3StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Which failures are worth another attempt, how many attempts a request gets, and how long to wait
 * between them. The SDK's own retries are off for every request of the engine, so this is the
 * whole story.
 *
 * <p>Retried: throttling (503 {@code SlowDown}, 429 and the throttling error codes), 500, 502, 503
 * and 504, S3's 400 {@code RequestTimeout}, 408, an error answer whose body (and so its error code)
 * was lost to a broken connection, and every I/O failure (a reset or refused connection, a timeout,
 * a body cut short, also when the SDK meets it while parsing an answer). Not retried: every other
 * answer from S3 (403, 404, 412, 416, other 4xx), failures to read or write local data, a request
 * that already failed for good, and anything else the SDK throws (such as missing credentials).
 *
 * <p>Before retry {@code n} (1 for the first) it waits a random time between zero and {@code
 * min(maxBackoff, base * 2^(n-1))}, where {@code base} is {@code throttlingBaseDelay} after
 * throttling and {@code baseDelay} otherwise: exponential backoff with full jitter, so that many
 * workers throttled together do not come back together.
 */
public final class RetryPolicy {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottled", "RequestThrottledException", "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException",
            "BandwidthLimitExceeded");
    private static final Set<String> RETRYABLE_CODES = Set.of("RequestTimeout", "RequestTimeoutException", "InternalError",
            "ServiceUnavailable");

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration throttlingBaseDelay;
    private final Duration maxBackoff;

    /**
     * A policy of {@code maxAttempts} attempts per request, the first included, with waits growing
     * from {@code baseDelay} ({@code throttlingBaseDelay} after throttling) up to {@code maxBackoff}.
     */
    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.throttlingBaseDelay = throttlingBaseDelay;
        this.maxBackoff = maxBackoff;
    }

    /** The policy of {@code options}: its attempts and backoff. */
    public static RetryPolicy of(S3ClientOptions options) {
        return new RetryPolicy(options.maxAttempts(), options.baseDelay(), options.throttlingBaseDelay(), options.maxBackoff());
    }

    /** How many times a request is tried in all. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether {@code request}, whose attempt threw {@code e}, is worth another attempt. */
    public boolean isRetryable(RequestLabel request, Throwable e) {
        if (Thread.currentThread().isInterrupted() || causedBy(e, LocalFileException.class)) {
            return false;
        }
        if (e instanceof TransferFailure failure) {
            return failure.isRetryable();
        }
        if (e instanceof S3StorageException) {
            return false;
        }
        if (e instanceof SdkServiceException service) {
            String code = errorCode(service);
            return RETRYABLE_STATUS.contains(service.statusCode()) || isThrottling(service)
                    || (code != null && RETRYABLE_CODES.contains(code))
                    || isErrorWithoutCode(request, service);
        }
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return true;
        }
        if (e instanceof SdkClientException) {
            return causedBy(e, IOException.class);
        }
        return e instanceof IOException || e instanceof UncheckedIOException;
    }

    /**
     * An error answer without an error code lost its body to a broken connection: S3 names the
     * error in the body of every answer that has one. A HEAD answer never has a body.
     */
    private static boolean isErrorWithoutCode(RequestLabel request, SdkServiceException e) {
        return e.getClass() == S3Exception.class && e.statusCode() >= 400 && errorCode(e) == null
                && !request.operation().equals("HeadObject");
    }

    /** Whether {@code e} says that S3 is throttling requests. */
    static boolean isThrottling(SdkServiceException e) {
        String code = errorCode(e);
        return e.statusCode() == 429 || (code != null && THROTTLING.contains(code)) || e.isThrottlingException();
    }

    /** A random wait before retry {@code retry} (1 for the first) after {@code failure}. */
    Duration backoff(int retry, Throwable failure) {
        SdkServiceException service = find(failure, SdkServiceException.class);
        Duration base = service != null && isThrottling(service) ? throttlingBaseDelay : baseDelay;
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling(base, retry).toNanos() + 1));
    }

    /** The most to wait before retry {@code retry} (1 for the first). */
    private Duration ceiling(Duration base, int retry) {
        int doublings = Math.min(retry - 1, 40);
        long nanos = base.toNanos();
        long cap = maxBackoff.toNanos();
        for (int i = 0; i < doublings && nanos < cap; i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, cap));
    }

    /** S3's error code of {@code e}; null when the answer had none. */
    static String errorCode(SdkServiceException e) {
        if (e instanceof AwsServiceException aws) {
            AwsErrorDetails details = aws.awsErrorDetails();
            if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
                return details.errorCode();
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    /** The first of {@code e} and its causes that is a {@code type}; null if none is. */
    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", throttlingBaseDelay=" + throttlingBaseDelay
                + ", maxBackoff=" + maxBackoff + "}";
    }
}
