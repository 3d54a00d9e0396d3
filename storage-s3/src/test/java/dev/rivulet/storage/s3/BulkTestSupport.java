package dev.rivulet.storage.s3;

import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the bulk client's tests share: one S3 server per test class, and per test a new bucket, a
 * proxy in front of the server (passing everything through until a test asks for faults, and
 * counting requests) and a client that goes through it.
 */
abstract class BulkTestSupport {

    static final int MiB = 1 << 20;

    static S3TestServer server;
    FaultInjectingProxy proxy;
    /** A client through the proxy. */
    S3Client s3;
    String bucket;
    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void openProxy() throws IOException {
        bucket = server.createBucket();
        proxy = FaultInjectingProxy.start(server.endpoint());
        s3 = S3TestServer.clientBuilder(proxy.endpoint()).build();
    }

    @AfterEach
    void closeProxy() throws IOException {
        s3.close();
        proxy.close();
    }

    /** A bulk client through the proxy, with its temporary files in {@link #temp}. */
    abstract S3Bulk.Builder bulk();

    /** Puts {@code bytes} under {@code key} straight to the server, past the proxy. */
    void put(String key, byte[] bytes) {
        server.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
