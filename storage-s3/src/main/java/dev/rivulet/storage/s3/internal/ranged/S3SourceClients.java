package dev.rivulet.storage.s3.internal.ranged;

import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.internal.transfer.ErrorMapping;
import dev.rivulet.storage.s3.internal.transfer.RetryPolicy;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which client reads a bucket's {@code s3://} URIs: the newest registration for that bucket, else
 * the newest for every bucket, else a client made once from the SDK's defaults (its default region
 * and credentials chains), kept for the life of the JVM. Thread-safe.
 */
public final class S3SourceClients {

    /** A client registered for one bucket, or for all ({@code bucket} null). */
    private record Binding(String bucket, S3Transfers transfers) {}

    private static final List<Binding> BINDINGS = new ArrayList<>();
    private static S3Transfers defaults;

    private S3SourceClients() {}

    /**
     * Reads {@code bucket} (every bucket if null) with {@code client}, retrying with the attempts
     * and backoff of {@code options}, until the returned action is run; {@code onClose} runs then,
     * once (it closes a client the registration made). Running the action again does nothing.
     */
    public static Runnable bind(String bucket, S3Client client, S3ClientOptions options, Runnable onClose) {
        Binding binding = new Binding(bucket, transfers(client, options));
        synchronized (BINDINGS) {
            BINDINGS.add(binding);
        }
        boolean[] closed = {false};
        return () -> {
            synchronized (BINDINGS) {
                if (closed[0]) {
                    return;
                }
                closed[0] = true;
                BINDINGS.remove(binding);
            }
            onClose.run();
        };
    }

    /** The engine that reads {@code bucket}; the default client is made on first use. */
    static S3Transfers transfersFor(String bucket) throws IOException {
        synchronized (BINDINGS) {
            for (int i = BINDINGS.size() - 1; i >= 0; i--) {
                if (bucket.equals(BINDINGS.get(i).bucket())) {
                    return BINDINGS.get(i).transfers();
                }
            }
            for (int i = BINDINGS.size() - 1; i >= 0; i--) {
                if (BINDINGS.get(i).bucket() == null) {
                    return BINDINGS.get(i).transfers();
                }
            }
            if (defaults == null) {
                try {
                    defaults = transfers(S3ClientOptions.defaults().buildClient(), S3ClientOptions.defaults());
                } catch (SdkException e) {
                    throw new IOException("no S3 client could be made from the AWS SDK's defaults to read s3://" + bucket + "/...: "
                            + ErrorMapping.summary(e) + "; set AWS_REGION and credentials (environment, ~/.aws/config and"
                            + " ~/.aws/credentials), or register a client with S3RangedSources.register", e);
                }
            }
            return defaults;
        }
    }

    /** Requests go with the SDK's retries off ({@link S3Transfers#SINGLE_ATTEMPT}); the engine retries as {@code options} say. */
    private static S3Transfers transfers(S3Client client, S3ClientOptions options) {
        return new S3Transfers(client, RetryPolicy.of(options), ErrorMapping.forResultStore());
    }
}
