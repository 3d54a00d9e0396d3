package dev.rivulet.assets.internal.storage;

import dev.rivulet.assets.internal.storage.ArtifactCache;
import dev.rivulet.assets.internal.storage.ArtifactStorage;
import dev.rivulet.assets.internal.storage.S3ArtifactStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A JVM that reads one artifact through the S3 storage's cache, for the test of processes sharing
 * a cache: prints {@code READY}, waits for the file {@code go} to exist, then prints {@code COPY
 * <path of the cached copy>}.
 *
 * <p>Arguments: endpoint, bucket, prefix, cache directory, artifact path, ETag, size, go file.
 */
public final class CacheFillingProcess {

    private CacheFillingProcess() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path go = Path.of(args[7]);
        try (S3ArtifactStorage storage = new S3ArtifactStorage(S3TestSupport.options(endpoint), args[1], args[2],
                new ArtifactCache(Path.of(args[3]), 1L << 30, Duration.ZERO))) {
            System.out.println("READY");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(go)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no go file " + go + " within a minute");
                }
                Thread.sleep(5);
            }
            Path copy = storage.localFile(args[4], new ArtifactStorage.StoredFile(Long.parseLong(args[6]), args[5]));
            System.out.println("COPY " + copy);
        }
    }
}
