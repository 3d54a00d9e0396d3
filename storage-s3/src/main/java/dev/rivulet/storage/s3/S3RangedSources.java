package dev.rivulet.storage.s3;

import dev.rivulet.storage.s3.internal.ranged.S3SourceClients;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which S3 client reads {@code s3://bucket/key} URIs opened with {@link
 * dev.rivulet.io.RangedSources#open(java.net.URI)}. This module provides the {@code s3} scheme to
 * it through {@link java.util.ServiceLoader}, so a Parquet reader (or anything else that takes a
 * URI) reads S3 without naming the AWS SDK; this class is where the client is chosen.
 *
 * <p>For each URI, the client is the one of the newest open registration for its bucket, else of
 * the newest open registration for every bucket, else a client made once, at the first {@code
 * s3://} open, from {@link S3ClientOptions#defaults()}: the SDK's default region and credentials
 * chains (environment variables, system properties, {@code ~/.aws/config} and {@code
 * ~/.aws/credentials}, container and instance metadata), and AWS's endpoints. That default client
 * lives as long as the JVM. For an S3-compatible server, or other credentials, register a client:
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3RangedSourcesSnippetsTest.java" region="register"}
 *
 * <p>Opening sends one {@code HeadObject} for the size and the entity tag; each read is one ranged
 * {@code GetObject} of that version ({@code If-Match}), so an object replaced meanwhile fails the
 * read ("changed while it was downloaded") instead of mixing versions. Failed requests are retried,
 * and a body that breaks off is resumed where it broke, by the attempts and backoff of the
 * registration's {@link S3ClientOptions} ({@link S3ClientOptions#defaults()} for a registered
 * {@link S3Client}), with the SDK's own retries off for each request, as the rest of this module
 * does. A missing object fails the open with a {@link java.nio.file.NoSuchFileException} naming
 * the URI; other failures are {@link S3StorageException}s naming the request, S3's error code and
 * what to do.
 *
 * <p>Close sources before the registration they were opened under: a registration made from
 * options closes its client when it is closed.
 */
public final class S3RangedSources {

    private S3RangedSources() {}

    /** An open registration: closing it stops its client being chosen, and closes a client it made. */
    public interface Registration extends AutoCloseable {
        /** Removes the registration; closing again does nothing. */
        @Override
        void close();
    }

    /**
     * Reads every bucket with a client made from {@code options}, until the registration is closed,
     * which closes the client.
     *
     * @param options how to reach S3; its attempts and backoff govern retries
     * @return the registration
     */
    public static Registration register(S3ClientOptions options) {
        return registerOwned(null, options);
    }

    /**
     * Reads {@code bucket} with a client made from {@code options}, until the registration is
     * closed, which closes the client.
     *
     * @param bucket the bucket, as in {@code s3://bucket/key}
     * @param options how to reach S3; its attempts and backoff govern retries
     * @return the registration
     * @throws IllegalArgumentException if {@code bucket} is blank
     */
    public static Registration register(String bucket, S3ClientOptions options) {
        return registerOwned(checkBucket(bucket), options);
    }

    /**
     * Reads every bucket with {@code client}, which stays the caller's, until the registration is
     * closed. Its endpoint, credentials, timeouts and connection pool apply; its retry strategy
     * does not: requests are retried with the attempts and backoff of {@link
     * S3ClientOptions#defaults()}.
     *
     * @param client the client; the caller closes it, after the registration
     * @return the registration
     */
    public static Registration register(S3Client client) {
        return registerShared(null, client);
    }

    /**
     * Reads {@code bucket} with {@code client}, which stays the caller's, until the registration is
     * closed; as {@link #register(S3Client)} for one bucket.
     *
     * @param bucket the bucket, as in {@code s3://bucket/key}
     * @param client the client; the caller closes it, after the registration
     * @return the registration
     * @throws IllegalArgumentException if {@code bucket} is blank
     */
    public static Registration register(String bucket, S3Client client) {
        return registerShared(checkBucket(bucket), client);
    }

    private static Registration registerOwned(String bucket, S3ClientOptions options) {
        Objects.requireNonNull(options, "options");
        S3Client client = options.buildClientWithoutRetries();
        return registration(bucket, client, S3SourceClients.bind(bucket, client, options, client::close));
    }

    private static Registration registerShared(String bucket, S3Client client) {
        Objects.requireNonNull(client, "client");
        return registration(bucket, client, S3SourceClients.bind(bucket, client, S3ClientOptions.defaults(), () -> { }));
    }

    private static String checkBucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank");
        }
        return bucket;
    }

    private static Registration registration(String bucket, S3Client client, Runnable unbind) {
        return new Registration() {
            @Override
            public void close() {
                unbind.run();
            }

            @Override
            public String toString() {
                return "S3 client for " + (bucket == null ? "every bucket" : "bucket " + bucket) + ": " + client;
            }
        };
    }
}
