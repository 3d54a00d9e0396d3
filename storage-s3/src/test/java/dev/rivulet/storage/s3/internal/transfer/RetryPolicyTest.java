package dev.rivulet.storage.s3.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.storage.s3.S3StorageException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetryPolicyTest {

    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(3));
    private static final RequestLabel GET = RequestLabel.of("GetObject", "b", "k");
    private static final RequestLabel HEAD = RequestLabel.of("HeadObject", "b", "k");

    private static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void retriesWhatAnotherAttemptMayFixAndNothingElse() {
        assertThat(POLICY.isRetryable(GET, answer(503, "SlowDown"))).isTrue();
        assertThat(POLICY.isRetryable(GET, answer(500, "InternalError"))).isTrue();
        assertThat(POLICY.isRetryable(GET, answer(400, "RequestTimeout"))).isTrue();
        assertThat(POLICY.isRetryable(GET, answer(429, null))).isTrue();
        assertThat(POLICY.isRetryable(GET, SdkClientException.create("reset", new IOException("Connection reset")))).isTrue();
        assertThat(POLICY.isRetryable(GET, SdkClientException.create("timeout", new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(POLICY.isRetryable(GET, TransferFailure.retryable("the answer ended 5 bytes early"))).isTrue();
        assertThat(POLICY.isRetryable(GET, answer(404, null))).as("an error whose body was lost").isTrue();

        assertThat(POLICY.isRetryable(HEAD, answer(403, null))).as("a HEAD answer has no body to lose").isFalse();
        assertThat(POLICY.isRetryable(GET, answer(403, "AccessDenied"))).isFalse();
        assertThat(POLICY.isRetryable(GET, answer(412, "PreconditionFailed"))).isFalse();
        assertThat(POLICY.isRetryable(GET, NoSuchKeyException.builder().statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").build()).build())).isFalse();
        assertThat(POLICY.isRetryable(GET, SdkClientException.create("Unable to load credentials"))).isFalse();
        assertThat(POLICY.isRetryable(GET, new LocalFileException("disk full", new IOException("No space left")))).isFalse();
        assertThat(POLICY.isRetryable(GET, TransferFailure.permanent("the range goes beyond the end", null))).isFalse();
        assertThat(POLICY.isRetryable(GET, new S3StorageException("failed for good", "b", "k", null, 0, null))).isFalse();
    }

    @Test
    void waitsAreJitteredBelowAnExponentialCeilingWithTheThrottlingBaseAfterThrottling() {
        for (int i = 0; i < 200; i++) {
            assertThat(POLICY.backoff(1, answer(500, "InternalError"))).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(POLICY.backoff(3, answer(500, "InternalError"))).isBetween(Duration.ZERO, Duration.ofMillis(400));
            assertThat(POLICY.backoff(1, answer(503, "SlowDown"))).isBetween(Duration.ZERO, Duration.ofSeconds(1));
            assertThat(POLICY.backoff(10, answer(503, "SlowDown"))).isBetween(Duration.ZERO, Duration.ofSeconds(3));
        }
        long distinct = IntStream.range(0, 50).mapToObj(i -> POLICY.backoff(4, answer(500, "InternalError"))).distinct().count();
        assertThat(distinct).as("full jitter, not a fixed wait").isGreaterThan(40);
    }
}
