package dev.rivulet.assets.internal.storage;

import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.net.URI;

/** What the tests of S3 roots share: client options for the in-process server behind a proxy, and the GETs the proxy saw. */
public final class S3TestSupport {

    private S3TestSupport() {}

    /** Options that reach the test server through {@code proxy}, path-style, with its region and credentials. */
    public static S3ClientOptions options(FaultInjectingProxy proxy) {
        return options(proxy.endpoint());
    }

    /** Options that reach the test server (or a proxy in front of it) at {@code endpoint}. */
    public static S3ClientOptions options(URI endpoint) {
        return S3ClientOptions.newBuilder().endpoint(endpoint).pathStyleAccess(true)
                .region(S3TestServer.REGION).credentials(S3TestServer.credentials()).build();
    }

    /** The GETs of object {@code key} in {@code bucket} that passed {@code proxy}; listings are not among them. */
    public static long gets(FaultInjectingProxy proxy, String bucket, String key) {
        String target = "/" + bucket + "/" + key;
        return proxy.requestsSeen().stream().filter(r -> r.method().equals("GET") && r.path().equals(target)).count();
    }
}
