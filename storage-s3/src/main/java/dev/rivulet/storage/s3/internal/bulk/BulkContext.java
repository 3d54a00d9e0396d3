package dev.rivulet.storage.s3.internal.bulk;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every bulk call works with: the client, the threads, the retry policy and the sizes.
 *
 * @param s3 the client; its own retries are turned off for each request ({@link #SINGLE_ATTEMPT}),
 *     so that {@code retry} alone decides how often a request is tried
 * @param pool the threads that run requests
 * @param retry how requests are retried
 * @param partSize the size of a part of a ranged download or multipart upload
 * @param multipartThreshold the largest object uploaded, or fetched by its first request, whole
 * @param verifyChecksums whether objects fetched whole have their MD5 checked
 */
public record BulkContext(S3Client s3, TransferPool pool, RetryPolicy retry, long partSize, long multipartThreshold,
        boolean verifyChecksums) {

    /** Turns the client's own retries off for one request: each attempt of ours is one HTTP request. */
    static final AwsRequestOverrideConfiguration SINGLE_ATTEMPT = AwsRequestOverrideConfiguration.builder()
            .addPlugin(singleAttempt())
            .build();

    private static SdkPlugin singleAttempt() {
        return configuration -> configuration.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
}
