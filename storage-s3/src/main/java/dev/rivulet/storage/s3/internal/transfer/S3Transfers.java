package dev.rivulet.storage.s3.internal.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The transfer engine of storage-s3: one client, one {@link RetryPolicy} and one {@link
 * ErrorMapping}, through which every request of the result store and the bulk client goes.
 *
 * <p>Each request is sent with the SDK's retries turned off ({@link #SINGLE_ATTEMPT}), also on a
 * client the user built with a retry strategy of their own: each attempt here is one HTTP request,
 * so attempts do not multiply (five of ours over three of the SDK's would be fifteen requests), and
 * the engine, which knows what a request is for, decides what a retry means: resuming a body where
 * it broke, checking whether a write whose answer was lost was carried out. The client's other
 * settings (timeouts, connection pool, credentials, endpoint, interceptors) apply as set.
 *
 * <p>Thread-safe.
 */
public final class S3Transfers {

    private static final Logger LOG = LoggerFactory.getLogger(S3Transfers.class);

    /** Turns the client's own retries off for one request: each attempt of ours is one HTTP request. */
    public static final AwsRequestOverrideConfiguration SINGLE_ATTEMPT = AwsRequestOverrideConfiguration.builder()
            .addPlugin(singleAttempt())
            .build();

    private static SdkPlugin singleAttempt() {
        return configuration -> configuration.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /** One attempt of a request; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws Exception;
    }

    /** What a write did: the entity tag of the object under the key, and whether it was there before (so not written). */
    public record Written(String etag, boolean existed) {}

    private final S3Client client;
    private final RetryPolicy retry;
    private final ErrorMapping errors;

    public S3Transfers(S3Client client, RetryPolicy retry, ErrorMapping errors) {
        this.client = client;
        this.retry = retry;
        this.errors = errors;
    }

    public S3Client client() {
        return client;
    }

    public RetryPolicy retry() {
        return retry;
    }

    public ErrorMapping errors() {
        return errors;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good (thrown as mapped by {@link
     * ErrorMapping}), runs out of attempts or {@code pacing} is cancelled ({@link
     * Pacing.Cancelled}). Each attempt must send its requests with {@link #SINGLE_ATTEMPT}.
     */
    public <T> T call(Pacing pacing, RequestLabel request, Attempt<T> attempt) throws IOException {
        for (int n = 1; ; n++) {
            pacing.checkNotCancelled();
            try {
                T result = attempt.run(n);
                errors.answered();
                return result;
            } catch (Pacing.Cancelled e) {
                throw e;
            } catch (Exception e) {
                if (pacing.isCancelled()) {
                    throw new Pacing.Cancelled();
                }
                if (n >= retry.maxAttempts() || !retry.isRetryable(request, e)) {
                    throw errors.map(request, e, n);
                }
                waitBeforeRetry(pacing, request, n, e);
            }
        }
    }

    /** Waits before retry {@code retry} of {@code request}, whose last attempt threw {@code failure}. */
    void waitBeforeRetry(Pacing pacing, RequestLabel request, int retryNumber, Throwable failure) throws InterruptedIOException {
        Duration wait = retry.backoff(retryNumber, failure);
        LOG.debug("{} failed (attempt {} of {}), retrying in {} ms: {}", request, retryNumber, retry.maxAttempts(), wait.toMillis(),
                ErrorMapping.summary(failure));
        try {
            if (!pacing.pause(wait)) {
                throw new Pacing.Cancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + request);
        }
    }

    /** The object under {@code key}, if there is one. */
    public Optional<HeadObjectResponse> head(Pacing pacing, String bucket, String key) throws IOException {
        return call(pacing, RequestLabel.of("HeadObject", bucket, key), attempt -> {
            try {
                return Optional.of(client.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(SINGLE_ATTEMPT)));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    /** The whole of the object under {@code key}, if there is one. */
    public Optional<byte[]> getBytes(Pacing pacing, String bucket, String key) throws IOException {
        return call(pacing, RequestLabel.of("GetObject", bucket, key), attempt -> {
            try {
                return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key).overrideConfiguration(SINGLE_ATTEMPT))
                        .asByteArrayUnsafe());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Opens the whole of the object under {@code key}, if there is one: the first response, whose
     * body {@link #resume} reads on.
     */
    public Optional<ResponseInputStream<GetObjectResponse>> open(Pacing pacing, String bucket, String key) throws IOException {
        return call(pacing, RequestLabel.of("GetObject", bucket, key), attempt -> {
            try {
                return Optional.of(client.getObject(b -> b.bucket(bucket).key(key).overrideConfiguration(SINGLE_ATTEMPT)));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Bytes {@code [start, end)} of the version {@code etag} of {@code key}, read from {@code first}
     * (a response that holds them from {@code start} on) and resumed after a broken connection.
     */
    public ResumingGet resume(Pacing pacing, String bucket, String key, String etag, long start, long end,
            ResponseInputStream<GetObjectResponse> first) {
        return new ResumingGet(this, pacing, bucket, key, etag, start, end, first);
    }

    /** Bytes {@code [start, end)} of the version {@code etag} of {@code key}, asked for when first read. */
    public ResumingGet range(Pacing pacing, String bucket, String key, String etag, long start, long end) {
        return new ResumingGet(this, pacing, bucket, key, etag, start, end, null);
    }

    /** Deletes the object under {@code key}; a missing object is no error. */
    public void delete(Pacing pacing, String bucket, String key) throws IOException {
        call(pacing, RequestLabel.of("DeleteObject", bucket, key),
                attempt -> client.deleteObject(b -> b.bucket(bucket).key(key).overrideConfiguration(SINGLE_ATTEMPT)));
    }

    /**
     * Uploads {@code body} as {@code spec} in one PutObject. Without {@link ObjectSpec#overwrite()},
     * an object already under the key stays and is reported as {@link Written#existed()}; a retry
     * that finds the object its own lost first attempt wrote (same MD5) reports it as written.
     */
    public Written putObject(Pacing pacing, ObjectSpec spec, UploadBody body) throws IOException {
        return call(pacing, spec.label("PutObject"), attempt -> {
            try {
                String etag = client.putObject(b -> b.bucket(spec.bucket()).key(spec.key())
                        .contentType(spec.contentType())
                        .metadata(spec.metadata())
                        .ifNoneMatch(spec.ifNoneMatch())
                        .overrideConfiguration(SINGLE_ATTEMPT), requestBody(body, 0, body.size(), spec.contentType())).eTag();
                return new Written(etag, false);
            } catch (S3Exception e) {
                if (spec.overwrite() || e.statusCode() != 412) {
                    throw e;
                }
                String existing = head(pacing, spec.bucket(), spec.key()).map(HeadObjectResponse::eTag).orElse(null);
                boolean ours = attempt > 1 && Etags.same(existing, Etags.md5Hex(body));
                return new Written(existing, !ours);
            }
        });
    }

    /** Starts a multipart upload of {@code spec}; {@code uniqueKey} says whether the key is this upload's alone. */
    public MultipartUpload startMultipart(Pacing pacing, ObjectSpec spec, boolean uniqueKey) throws IOException {
        return MultipartUpload.start(this, pacing, spec, uniqueKey);
    }

    /** {@code length} bytes of {@code body} from {@code offset}, opened again for each attempt. */
    static RequestBody requestBody(UploadBody body, long offset, long length, String contentType) {
        return RequestBody.fromContentProvider(() -> {
            try {
                return body.open(offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, length, contentType);
    }
}
