package dev.rivulet.storage.s3;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How to reach S3, as an immutable value: region, endpoint, credentials, retries and timeouts. The
 * S3 stores build their client from it; {@link #buildClient()} builds one for anything else.
 *
 * <p>For an S3-compatible server such as MinIO:
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3ClientOptionsSnippetsTest.java" region="local-server"}
 *
 * <p>Unset, the region and the credentials come from the SDK's default chains (environment
 * variables, system properties, {@code ~/.aws/config} and {@code ~/.aws/credentials}, container and
 * instance metadata), and requests go to AWS.
 *
 * <p>Failed requests are retried up to {@link Builder#maxAttempts(int) maxAttempts} attempts in
 * all: throttling ({@code 503 SlowDown}), other 5xx errors, connection resets and timeouts (also in
 * the middle of an answer); never other 4xx errors, which would fail again. Waits grow
 * exponentially from {@link Builder#baseDelay baseDelay} ({@link Builder#throttlingBaseDelay
 * throttlingBaseDelay} after throttling) up to {@link Builder#maxBackoff maxBackoff}, with full
 * jitter. {@link S3ResultStore} retries by these numbers itself, on a client it builds with the
 * SDK's retries off (its transfer engine, shared with {@link S3Bulk}, also resumes broken bodies
 * and checks writes whose answer was lost). A client from {@link #buildClient()} or {@link
 * #clientBuilder()}, for anything else, retries by the same numbers with the SDK's standard
 * strategy, its retry quota (circuit breaker) off so that a burst of failures does not take retries
 * away from the calls that follow.
 */
public final class S3ClientOptions {

    private static final S3ClientOptions DEFAULTS = newBuilder().build();

    private final Region region;
    private final URI endpoint;
    private final boolean pathStyleAccess;
    private final AwsCredentialsProvider credentials;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration throttlingBaseDelay;
    private final Duration maxBackoff;
    private final Duration connectionTimeout;
    private final Duration socketTimeout;
    private final int maxConnections;

    private S3ClientOptions(Builder b) {
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.pathStyleAccess = b.pathStyleAccess;
        this.credentials = b.credentials;
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.throttlingBaseDelay = b.throttlingBaseDelay;
        this.maxBackoff = b.maxBackoff;
        this.connectionTimeout = b.connectionTimeout;
        this.socketTimeout = b.socketTimeout;
        this.maxConnections = b.maxConnections;
    }

    /**
     * A builder with every option at its default.
     *
     * @return a new builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** {@return the defaults: AWS, with the SDK's default region and credentials} */
    public static S3ClientOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder holding these options' values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the region; null for the SDK's default region chain} */
    public Region region() {
        return region;
    }

    /** {@return where requests go instead of AWS; null for AWS} */
    public URI endpoint() {
        return endpoint;
    }

    /** {@return whether buckets are addressed as {@code endpoint/bucket} rather than {@code bucket.endpoint}} */
    public boolean pathStyleAccess() {
        return pathStyleAccess;
    }

    /** {@return the credentials; null for the SDK's default credentials chain} */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** {@return how many times a request is tried in all, the first attempt included} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return the first wait before a retry of an error that is not throttling, before jitter} */
    public Duration baseDelay() {
        return baseDelay;
    }

    /** {@return the first wait before a retry after throttling, before jitter} */
    public Duration throttlingBaseDelay() {
        return throttlingBaseDelay;
    }

    /** {@return the longest wait before a retry} */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** {@return how long opening a connection may take} */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** {@return how long a connection may go without a byte while a response is awaited or read} */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** {@return how many connections a client built from these options keeps open at most} */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The wait before retry {@code retry} (1 for the first retry) of an error that is not
     * throttling: exponential with full jitter, as the client waits.
     *
     * @return the strategy
     */
    public BackoffStrategy backoff() {
        return BackoffStrategy.exponentialDelay(baseDelay, maxBackoff);
    }

    /** {@return the retry strategy of clients from {@link #clientBuilder()}, as the class comment describes it} */
    public RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(backoff())
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBaseDelay, maxBackoff))
                .circuitBreakerEnabled(false)
                // A connection that breaks while the SDK parses an XML answer surfaces as a parse
                // error, which the SDK does not retry on its own; the I/O error beneath it is transient.
                .retryOnRootCauseInstanceOf(IOException.class)
                // An error answer without an error code lost its body to a broken connection: S3
                // names the error in the body of every answer that has one.
                .retryOnException(S3ClientOptions::isErrorWithoutCode)
                .build();
    }

    private static boolean isErrorWithoutCode(Throwable e) {
        return e instanceof S3Exception s3 && s3.getClass() == S3Exception.class && s3.statusCode() >= 400
                && (s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null);
    }

    /**
     * A client builder set up with these options, over Apache HttpClient 5; add to it before {@code
     * build()} if needed. The caller closes the client.
     *
     * @return a new builder
     */
    public S3ClientBuilder clientBuilder() {
        return clientBuilder(retryStrategy());
    }

    /**
     * A client set up with these options but with the SDK's retries off: for the stores of this
     * module, whose transfer engine retries each request itself with these options' attempts and
     * backoff. The caller closes it.
     */
    S3Client buildClientWithoutRetries() {
        return clientBuilder(AwsRetryStrategy.doNotRetry()).build();
    }

    private S3ClientBuilder clientBuilder(RetryStrategy retryStrategy) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(connectionTimeout)
                        .socketTimeout(socketTimeout)
                        .maxConnections(maxConnections))
                .overrideConfiguration(c -> c.retryStrategy(retryStrategy))
                .forcePathStyle(pathStyleAccess);
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (region != null) {
            builder.region(region);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** {@return a client set up with these options; the caller closes it} */
    public S3Client buildClient() {
        return clientBuilder().build();
    }

    @Override
    public String toString() {
        return "S3ClientOptions{region=" + region + ", endpoint=" + endpoint + ", pathStyleAccess=" + pathStyleAccess
                + ", credentials=" + (credentials == null ? "default chain" : credentials.getClass().getSimpleName())
                + ", maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", throttlingBaseDelay=" + throttlingBaseDelay
                + ", maxBackoff=" + maxBackoff + ", connectionTimeout=" + connectionTimeout + ", socketTimeout=" + socketTimeout
                + ", maxConnections=" + maxConnections + "}";
    }

    /** Builds {@link S3ClientOptions}; each setter checks its value at once. */
    public static final class Builder {
        private Region region;
        private URI endpoint;
        private boolean pathStyleAccess;
        private AwsCredentialsProvider credentials;
        private int maxAttempts = 5;
        private Duration baseDelay = Duration.ofMillis(100);
        private Duration throttlingBaseDelay = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(20);
        private Duration connectionTimeout = Duration.ofSeconds(5);
        private Duration socketTimeout = Duration.ofSeconds(30);
        private int maxConnections = 50;

        private Builder() {}

        private Builder(S3ClientOptions o) {
            this.region = o.region;
            this.endpoint = o.endpoint;
            this.pathStyleAccess = o.pathStyleAccess;
            this.credentials = o.credentials;
            this.maxAttempts = o.maxAttempts;
            this.baseDelay = o.baseDelay;
            this.throttlingBaseDelay = o.throttlingBaseDelay;
            this.maxBackoff = o.maxBackoff;
            this.connectionTimeout = o.connectionTimeout;
            this.socketTimeout = o.socketTimeout;
            this.maxConnections = o.maxConnections;
        }

        /**
         * The region to sign for; with an S3-compatible server any region it accepts, often {@code us-east-1}.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The region by id, such as {@code eu-west-1}.
         *
         * @param region the region's id
         * @return this builder
         */
        public Builder region(String region) {
            return region(Region.of(Objects.requireNonNull(region, "region")));
        }

        /**
         * Sends requests to {@code endpoint}, such as {@code http://127.0.0.1:9000}, instead of AWS.
         *
         * @param endpoint an absolute http or https URI with a host
         * @return this builder
         * @throws IllegalArgumentException if {@code endpoint} is not one
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an absolute http or https URI with a host, was " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Addresses buckets as {@code endpoint/bucket}, as most S3-compatible servers need; off by default.
         *
         * @param pathStyleAccess true for {@code endpoint/bucket}, false for {@code bucket.endpoint}
         * @return this builder
         */
        public Builder pathStyleAccess(boolean pathStyleAccess) {
            this.pathStyleAccess = pathStyleAccess;
            return this;
        }

        /**
         * Where credentials come from; the SDK's default chain when not set.
         *
         * @param credentials the provider, such as one for a profile
         * @return this builder
         */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * Fixed credentials.
         *
         * @param accessKeyId the access key id
         * @param secretAccessKey the secret access key
         * @return this builder
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
        }

        /**
         * Uses the SDK's default credentials chain again.
         *
         * @return this builder
         */
        public Builder defaultCredentials() {
            this.credentials = null;
            return this;
        }

        /**
         * How many times a request is tried in all, the first attempt included; 5 by default, 1 for no retries.
         *
         * @param maxAttempts at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxAttempts} is below 1
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The first wait before a retry, before jitter; 100 ms by default.
         *
         * @param baseDelay a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code baseDelay} is not positive
         */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = positive("baseDelay", baseDelay);
            return this;
        }

        /**
         * The first wait before a retry after throttling, before jitter; 1 s by default.
         *
         * @param throttlingBaseDelay a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code throttlingBaseDelay} is not positive
         */
        public Builder throttlingBaseDelay(Duration throttlingBaseDelay) {
            this.throttlingBaseDelay = positive("throttlingBaseDelay", throttlingBaseDelay);
            return this;
        }

        /**
         * The longest wait before a retry; 20 s by default.
         *
         * @param maxBackoff a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBackoff} is not positive
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive("maxBackoff", maxBackoff);
            return this;
        }

        /**
         * How long opening a connection may take; 5 s by default.
         *
         * @param connectionTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code connectionTimeout} is not positive
         */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = positive("connectionTimeout", connectionTimeout);
            return this;
        }

        /**
         * How long a connection may go without a byte while a response is awaited or read; 30 s by default.
         *
         * @param socketTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code socketTimeout} is not positive
         */
        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = positive("socketTimeout", socketTimeout);
            return this;
        }

        /**
         * How many connections the client keeps open at most; 50 by default.
         *
         * @param maxConnections at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxConnections} is below 1
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * The options set so far, the defaults for the rest.
         *
         * @return immutable options
         * @throws IllegalStateException if the longest backoff is shorter than a base delay
         */
        public S3ClientOptions build() {
            if (baseDelay.compareTo(maxBackoff) > 0 || throttlingBaseDelay.compareTo(maxBackoff) > 0) {
                throw new IllegalStateException("maxBackoff " + maxBackoff + " must not be shorter than baseDelay " + baseDelay
                        + " or throttlingBaseDelay " + throttlingBaseDelay);
            }
            return new S3ClientOptions(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
