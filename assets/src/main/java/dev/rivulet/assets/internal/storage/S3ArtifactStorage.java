package dev.rivulet.assets.internal.storage;

import dev.rivulet.io.LockFiles;
import dev.rivulet.storage.s3.GetManyOptions;
import dev.rivulet.storage.s3.S3Bulk;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.S3Download;
import dev.rivulet.storage.s3.S3Downloads;
import dev.rivulet.storage.s3.S3Get;
import dev.rivulet.storage.s3.S3ObjectInfo;
import dev.rivulet.storage.s3.S3Put;
import dev.rivulet.storage.s3.S3PutResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts in an S3 bucket under a prefix, moved by the {@link S3Bulk} client of {@code
 * rivulet-storage-s3} (its transfer engine: retries, multipart uploads, resumed and version-checked
 * downloads). Objects are plain: an artifact is the object at {@code <prefix>/<path>}.
 *
 * <ul>
 *   <li>Publishing uploads the staged file in one PutObject, or as a multipart upload for a file
 *       above 8 MiB, which S3 makes visible only when complete: readers see the old object or the
 *       new one. The published file becomes the cache's copy of the new version.
 *   <li>A file's identity is its entity tag: {@link #stat} lists the key (one request) for its size
 *       and tag, and the catalog records the tag as the artifact's checksum, so an object replaced
 *       behind the catalog's back no longer matches.
 *   <li>Queries read a local copy from an {@link ArtifactCache} keyed by entity tag, after one
 *       request that checks the object is still the version written.
 *   <li>Fragments are staged, and the per-path locks kept, in a local directory of this root under
 *       the cache's directory. The locks serialise materialisers on this host only: two hosts
 *       materialising one path at once both upload it, each object whole, and the last upload and
 *       catalog entry win.
 * </ul>
 */
public final class S3ArtifactStorage implements ArtifactStorage {

    /** Files used this recently are never evicted from the cache: a query may be about to open them. */
    static final Duration CACHE_KEEPS_RECENT = Duration.ofMinutes(10);

    private final S3ClientOptions options;
    private final String bucket;
    private final String prefix;
    private final ArtifactCache cache;
    private final Path local;
    private S3Bulk bulk;

    /**
     * @param prefix the keys' prefix without leading or trailing slashes; empty for the bucket's top
     * @param cacheDirectory where copies of artifacts are kept for queries
     * @param cacheMaxBytes the copies' size bound
     */
    public S3ArtifactStorage(S3ClientOptions options, String bucket, String prefix, Path cacheDirectory, long cacheMaxBytes) {
        this(options, bucket, prefix, new ArtifactCache(cacheDirectory, cacheMaxBytes, CACHE_KEEPS_RECENT));
    }

    S3ArtifactStorage(S3ClientOptions options, String bucket, String prefix, ArtifactCache cache) {
        this.options = options;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() ? "" : prefix + "/";
        this.cache = cache;
        this.local = cache.directory().resolve("roots").resolve(Layout.fileName(describe()));
    }

    /**
     * {@code prefix} without leading and trailing slashes, checked as artifact paths are: it becomes
     * part of every artifact's key.
     *
     * @throws IllegalArgumentException if it is refused
     */
    public static String checkPrefix(String prefix) {
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        String refused = trimmed.isEmpty() ? null : Layout.escapes(trimmed);
        if (refused != null) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is refused: " + refused);
        }
        return trimmed;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public URI location(String path) {
        try {
            return new URI("s3", bucket, "/" + key(path), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("artifact path '" + path + "' makes no S3 URI: " + e.getMessage(), e);
        }
    }

    @Override
    public Path staging() {
        try {
            cache.secured();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return local.resolve("runs");
    }

    @Override
    public Optional<StoredFile> stat(String path) throws IOException {
        return object(key(path)).map(object -> new StoredFile(object.size(), object.etag()));
    }

    private Optional<S3ObjectInfo> object(String key) throws IOException {
        return bulk().listRecursive(bucket, key).stream().filter(object -> object.key().equals(key)).findFirst();
    }

    @Override
    public StoredFile publish(Path file, String path, String checksum) throws IOException {
        long bytes = Files.size(file);
        S3Put put = S3Put.file(key(path), file).withContentType(contentType(path)).withMetadata(Map.of("rivulet-sha256", checksum));
        S3PutResult stored = bulk().putMany(bucket, List.of(put)).get(0);
        cache.adopt(location(path).toString(), stored.etag(), extension(path), file);
        Files.deleteIfExists(file);
        return new StoredFile(bytes, stored.etag());
    }

    /**
     * Checks the object's entity tag with one request, so that an object replaced behind the
     * catalog's back is refused even while the cache holds the version written; then the cache's
     * copy of that version, downloaded if it has none.
     */
    @Override
    public Path localFile(String path, StoredFile expected) throws IOException {
        String source = location(path).toString();
        S3ObjectInfo object = object(key(path)).orElseThrow(() -> new NoSuchFileException(source));
        requireVersion(object.etag(), expected);
        return cache.file(source, expected.checksum(), expected.bytes(), extension(path), copy -> download(path, expected, copy));
    }

    private static void requireVersion(String etag, StoredFile expected) throws ContentChangedException {
        if (!etag.equals(expected.checksum())) {
            throw new ContentChangedException("its entity tag is now " + etag + " where " + expected.checksum() + " was written");
        }
    }

    /** Downloads the object at {@code path} to {@code target} if it is still the version {@code expected} names. */
    private void download(String path, StoredFile expected, Path target) throws IOException {
        GetManyOptions missingIsNoError = GetManyOptions.newBuilder().returnMissing(true).build();
        try (S3Downloads downloads = bulk().getMany(bucket, List.of(S3Get.object(key(path))), missingIsNoError)) {
            S3Download download = downloads.get(0);
            if (download.isMissing()) {
                throw new NoSuchFileException(location(path).toString());
            }
            requireVersion(download.etag(), expected);
            Files.move(download.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<byte[]> readDocument(String path) throws IOException {
        GetManyOptions inMemory = GetManyOptions.newBuilder().inMemory(true).returnMissing(true).build();
        try (S3Downloads downloads = bulk().getMany(bucket, List.of(S3Get.object(key(path))), inMemory)) {
            S3Download download = downloads.get(0);
            return download.isMissing() ? Optional.empty() : Optional.of(download.bytes());
        }
    }

    @Override
    public void writeDocument(String path, byte[] content) throws IOException {
        bulk().putMany(bucket, List.of(S3Put.bytes(key(path), content).withContentType("application/json")));
    }

    @Override
    public List<String> list(String directory) throws IOException {
        List<String> paths = new ArrayList<>();
        for (S3ObjectInfo object : bulk().listRecursive(bucket, key(directory) + "/")) {
            paths.add(object.key().substring(prefix.length()));
        }
        return paths;
    }

    /** A lock file on this host: it keeps materialisers of one path on this host apart, not those on other hosts. */
    @Override
    public LockFiles.Held lock(String key) throws IOException, InterruptedException {
        cache.secured();
        Path locks = Files.createDirectories(local.resolve("locks"));
        return LockFiles.lock(locks.toRealPath().resolve(Layout.fileName(key) + ".lock"), key, describe());
    }

    /** The client, made at first use and again after {@link #close()}. */
    private synchronized S3Bulk bulk() throws IOException {
        if (bulk == null) {
            bulk = S3Bulk.newBuilder(options)
                    .maxAttempts(options.maxAttempts())
                    .baseDelay(options.baseDelay())
                    .maxBackoff(options.maxBackoff())
                    .tempDirectory(cache.downloads())
                    .build();
        }
        return bulk;
    }

    @Override
    public synchronized void close() {
        if (bulk != null) {
            bulk.close();
            bulk = null;
        }
    }

    private String key(String path) {
        return prefix + path;
    }

    private static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static String contentType(String path) {
        return switch (extension(path)) {
            case ".parquet" -> "application/vnd.apache.parquet";
            case ".json", ".jsonl", ".ndjson" -> "application/x-ndjson";
            default -> S3Put.DEFAULT_CONTENT_TYPE;
        };
    }

    @Override
    public String toString() {
        return describe() + " (cache " + cache + ")";
    }
}
