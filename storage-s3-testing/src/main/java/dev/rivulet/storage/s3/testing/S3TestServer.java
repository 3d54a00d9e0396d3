package dev.rivulet.storage.s3.testing;

import dev.rivulet.io.FileTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3-compatible server for tests: S3Proxy in this JVM on 127.0.0.1 and an ephemeral port, keeping
 * objects in a temporary directory, with SigV4 authentication against {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}. Starts in about a second; share one per test class.
 *
 * {@snippet file="dev/rivulet/storage/s3/testing/snippets/S3TestServerSnippetsTest.java" region="server"}
 *
 * <p>Objects that share a path prefix with another object's full name ({@code a} and {@code a/b})
 * cannot coexist here, as in other file-backed S3 servers; real S3 allows it.
 */
public final class S3TestServer implements AutoCloseable {

    /** The access key id the server accepts. */
    public static final String ACCESS_KEY = "rivulet-test-access-key";
    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "rivulet-test-secret-key";
    /** The region clients sign for; the server accepts any. */
    public static final Region REGION = Region.US_EAST_1;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    /** Whether {@link #close()} deletes {@link #directory}: only one the server made itself. */
    private final boolean ownsDirectory;
    private final BlobStore blobStore;
    private final S3Proxy proxy;
    private final URI endpoint;
    private S3Client client;

    private S3TestServer(Path directory, boolean ownsDirectory, BlobStore blobStore, S3Proxy proxy) {
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.blobStore = blobStore;
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /**
     * Starts a server with its objects in a new temporary directory, deleted by {@link #close()}.
     *
     * @return the running server, with no bucket yet
     * @throws IOException if the directory cannot be made or S3Proxy does not start
     */
    public static S3TestServer start() throws IOException {
        return start(Files.createTempDirectory("rivulet-s3-"), true);
    }

    /**
     * Starts a server that keeps its buckets in {@code directory} (made if missing) and leaves them
     * there when it stops: a server started later on the same directory serves the same objects.
     *
     * @param directory where the buckets are kept, one subdirectory each
     * @return the running server, serving the buckets already in {@code directory}
     * @throws IOException if the directory cannot be made or S3Proxy does not start
     */
    public static S3TestServer start(Path directory) throws IOException {
        return start(Files.createDirectories(directory), false);
    }

    private static S3TestServer start(Path directory, boolean ownsDirectory) throws IOException {
        BlobStore blobStore = null;
        try {
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
            properties.setProperty("jclouds.identity", ACCESS_KEY);
            properties.setProperty("jclouds.credential", SECRET_KEY);
            blobStore = BlobStores.create("filesystem-nio2", properties);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .stopTimeout(0)
                    .build();
            proxy.start();
            awaitStarted(proxy);
            return new S3TestServer(directory, ownsDirectory, blobStore, proxy);
        } catch (Exception e) {
            if (blobStore != null) {
                blobStore.close();
            }
            if (ownsDirectory) {
                FileTrees.deleteRecursively(directory);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("S3Proxy did not start on 127.0.0.1: " + e, e);
        }
    }

    private static void awaitStarted(S3Proxy proxy) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IOException("S3Proxy did not start within " + START_TIMEOUT + "; its state is " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** {@return where clients reach the server: {@code http://127.0.0.1:<port>}} */
    public URI endpoint() {
        return endpoint;
    }

    /** {@return the server's port on 127.0.0.1} */
    public int port() {
        return endpoint.getPort();
    }

    /** {@return the directory that holds the buckets, one subdirectory each} */
    public Path directory() {
        return directory;
    }

    /** {@return credentials the server accepts: {@link #ACCESS_KEY} and {@link #SECRET_KEY}} */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** {@return a client builder set up for this server: endpoint, path-style access, region and credentials} */
    public S3ClientBuilder clientBuilder() {
        return clientBuilder(endpoint);
    }

    /**
     * A client builder set up like {@link #clientBuilder()} but sending to {@code endpoint}, such
     * as a {@link FaultInjectingProxy} in front of this server.
     *
     * @param endpoint where the client sends its requests
     * @return a builder with path-style access, the server's region and credentials, and Apache HttpClient 5
     */
    public static S3ClientBuilder clientBuilder(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClientBuilder(Apache5HttpClient.builder());
    }

    /** {@return a client of this server, closed with it} */
    public synchronized S3Client client() {
        if (client == null) {
            client = clientBuilder().build();
        }
        return client;
    }

    /**
     * Creates a bucket with a new, random name.
     *
     * @return the bucket's name
     */
    public String createBucket() {
        return createBucket("bucket-" + Long.toHexString(ThreadLocalRandom.current().nextLong()).toLowerCase(Locale.ROOT));
    }

    /**
     * Creates bucket {@code name}, unless it exists.
     *
     * @param name the bucket's name
     * @return {@code name}
     */
    public String createBucket(String name) {
        // S3Proxy's file-system store refuses to create a bucket that exists, as on a server started again on its directory.
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
        return name;
    }

    /** Stops the server, and deletes its directory if {@link #start()} made it. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (client != null) {
                client.close();
            }
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IOException("S3Proxy did not stop: " + e, e);
        } finally {
            blobStore.close();
            if (ownsDirectory) {
                FileTrees.deleteRecursively(directory);
            }
        }
    }


    @Override
    public String toString() {
        return "S3TestServer(" + endpoint + ", " + directory + ")";
    }
}
