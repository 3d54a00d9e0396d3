package dev.rivulet.examples.support;

import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where an example reads and writes S3: the endpoint its options or the standard AWS environment
 * name, or, with neither, an S3-compatible server started in this process on 127.0.0.1 (S3Proxy,
 * as the tests use), keeping its objects under the example's work directory so that a second run
 * finds what the first one wrote.
 *
 * <p>Chosen in this order:
 * <ol>
 *   <li>{@code --s3-endpoint URL}, or the environment variable {@code AWS_ENDPOINT_URL_S3} or
 *       {@code AWS_ENDPOINT_URL}: any S3-compatible server (MinIO, Ceph, ...), path-style access;
 *   <li>{@code AWS_ACCESS_KEY_ID} or {@code AWS_PROFILE} in the environment: AWS itself;
 *   <li>otherwise the in-process server.
 * </ol>
 * Outside the in-process server, credentials and region come from the AWS SDK's default chains
 * ({@code AWS_REGION}, {@code ~/.aws/...}), and {@code --bucket} must name a bucket that exists:
 * there is no default, since bucket names are shared by every AWS account. Credentials kept only in
 * {@code ~/.aws} do not choose AWS by themselves: set {@code AWS_PROFILE}.
 */
public final class ExampleS3 implements AutoCloseable {

    /**
     * What {@link #open} reads: the options {@code --s3-endpoint URL} and {@code --bucket NAME}, for
     * an example's command to take in with picocli's {@code @Mixin}, and the environment variables.
     */
    public static final class Options {

        @Option(names = "--s3-endpoint", paramLabel = "URL",
                description = "an S3-compatible server (MinIO, Ceph ...), path-style access; else AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL")
        String endpoint;

        @Option(names = "--bucket", paramLabel = "NAME",
                description = "the bucket: " + IN_PROCESS_BUCKET + " on the in-process server; required, and must exist, elsewhere")
        String bucket;

        private final Map<String, String> environment;

        /** Neither option given yet, and the process's environment variables. */
        public Options() {
            this(System.getenv());
        }

        /** Neither option given yet, and {@code environment} in place of the process's environment variables. */
        public Options(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
        }

        /** {@return whether {@code --s3-endpoint} or {@code --bucket} was given: S3 asked for on the command line} */
        public boolean given() {
            return endpoint != null || bucket != null;
        }
    }

    /** The in-process server's bucket when {@code --bucket} is not given. */
    public static final String IN_PROCESS_BUCKET = "rivulet-examples";

    private final S3TestServer server;
    private final S3ClientOptions clientOptions;
    private final S3Client client;
    private final String bucket;
    private final String description;

    private ExampleS3(S3TestServer server, S3ClientOptions clientOptions, String bucket, String description) {
        this.server = server;
        this.clientOptions = clientOptions;
        this.client = clientOptions.buildClient();
        this.bucket = bucket;
        this.description = description;
    }

    /**
     * Opens the S3 that {@code options} and the environment name, starting the in-process server
     * with its objects under {@code workDirectory/s3} if they name none, and says which on standard output.
     *
     * @throws IOException if the in-process server does not start, or the bucket of a configured endpoint is missing or refused
     */
    public static ExampleS3 open(Options options, Path workDirectory) throws IOException {
        Map<String, String> environment = options.environment;
        String named = options.bucket;
        String endpoint = options.endpoint != null ? options.endpoint : firstSet(environment, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        String bucket = named != null ? named : IN_PROCESS_BUCKET;
        ExampleS3 s3;
        if (named == null && (endpoint != null || firstSet(environment, "AWS_ACCESS_KEY_ID", "AWS_PROFILE") != null)) {
            throw new IllegalArgumentException("name the bucket to use with --bucket: "
                    + (endpoint != null ? "an S3 endpoint is configured (" + endpoint + ")" : "AWS is configured (AWS_ACCESS_KEY_ID or AWS_PROFILE)")
                    + "; without these, the example starts its own S3 server");
        }
        if (endpoint != null) {
            S3ClientOptions client = S3ClientOptions.newBuilder().endpoint(URI.create(endpoint)).pathStyleAccess(true).build();
            s3 = new ExampleS3(null, client, bucket, "S3-compatible server at " + endpoint);
        } else if (firstSet(environment, "AWS_ACCESS_KEY_ID", "AWS_PROFILE") != null) {
            s3 = new ExampleS3(null, S3ClientOptions.defaults(), bucket, "AWS S3");
        } else {
            Path directory = workDirectory.resolve("s3");
            S3TestServer server = S3TestServer.start(directory);
            try {
                server.createBucket(bucket);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            S3ClientOptions client = S3ClientOptions.newBuilder()
                    .endpoint(server.endpoint())
                    .pathStyleAccess(true)
                    .region(S3TestServer.REGION)
                    .credentials(S3TestServer.credentials())
                    .build();
            s3 = new ExampleS3(server, client, bucket,
                    "an in-process S3-compatible server (S3Proxy) on " + server.endpoint() + ", objects under " + directory);
            System.out.println("No S3 configured (--s3-endpoint, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID or AWS_PROFILE): started "
                    + s3.description);
            return s3;
        }
        try {
            s3.client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.close();
            throw new IOException("bucket '" + bucket + "' does not exist at " + s3.description + "; create it or name another with --bucket", e);
        } catch (S3Exception e) {
            s3.close();
            throw new IOException("bucket '" + bucket + "' at " + s3.description + " cannot be used (HTTP " + e.statusCode() + "): "
                    + e.getMessage() + "; check the credentials and region (AWS_REGION)", e);
        } catch (SdkException e) {
            s3.close();
            throw new IOException(s3.description + " cannot be reached for bucket '" + bucket + "': " + e.getMessage()
                    + "; check the endpoint, the network and the region (AWS_REGION)", e);
        }
        System.out.println("Using bucket '" + bucket + "' at " + s3.description);
        return s3;
    }

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** How to reach the server: for result stores and bulk clients that build their own client. */
    public S3ClientOptions clientOptions() {
        return clientOptions;
    }

    /** A client of the server, closed with this. */
    public S3Client client() {
        return client;
    }

    /** The bucket the example uses. */
    public String bucket() {
        return bucket;
    }

    /** Whether this is the in-process server. */
    public boolean isInProcess() {
        return server != null;
    }

    /** Which S3 this is, for messages. */
    public String description() {
        return description;
    }

    /** Closes the client, and stops the in-process server (keeping its objects). */
    @Override
    public void close() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "ExampleS3(" + bucket + " at " + description + ")";
    }
}
