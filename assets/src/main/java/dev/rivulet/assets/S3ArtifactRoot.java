package dev.rivulet.assets;

import dev.rivulet.assets.internal.storage.S3ArtifactStorage;
import dev.rivulet.storage.s3.S3ClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an {@link ArtifactRoot} in an S3 bucket (or an S3-compatible server) under a prefix. It
 * needs {@code rivulet-storage-s3} on the class path, which {@code rivulet-assets} depends on only
 * optionally: add it to use S3. {@link ArtifactRoot} itself never refers to S3, so local roots work
 * without it.
 *
 * {@snippet file="dev/rivulet/assets/snippets/S3ArtifactRootSnippetsTest.java" region="root"}
 *
 * <p>Artifacts are plain objects at {@code <prefix>/<path>}, the catalog and snapshots beside them
 * under {@code <prefix>/_artifacts/} and {@code <prefix>/_snapshots/}, as under a local root. They
 * are moved by the bulk client of {@code rivulet-storage-s3}: an artifact goes up in one PutObject,
 * or as a multipart upload above 8 MiB, and S3 shows it only when it is complete. Requests are
 * retried with the attempts and backoff of the {@link S3ClientOptions}.
 *
 * <p>Queries read local copies of the artifacts, kept in a cache keyed by each object's entity tag
 * (its ETag), under {@link #DEFAULT_CACHE_DIRECTORY} in {@code java.io.tmpdir} unless set, bounded
 * to {@link #DEFAULT_CACHE_MAX_BYTES} unless set: the copies least recently used go first, but
 * never one used in the last 10 minutes. Processes sharing the directory fill each copy once. An
 * artifact's entity tag is recorded when it is written, so an object replaced behind the catalog's
 * back is refused by queries and materialised again by an asset call whose expiration would have
 * reused it. Fragments of materialisations under way, and the lock of each artifact path, are kept
 * under the cache directory too: the lock keeps materialisations of one path on one host apart,
 * but not those on different hosts, which both upload the artifact whole and the last wins.
 */
public final class S3ArtifactRoot {

    /** The cache directory's name under {@code java.io.tmpdir}, followed by {@code -<user name>}, unless one is set. */
    public static final String DEFAULT_CACHE_DIRECTORY = "rivulet-artifact-cache";
    /** The cache's default size bound: 2 GiB. */
    public static final long DEFAULT_CACHE_MAX_BYTES = 2L << 30;
    /** The system property naming the cache directory for {@link ArtifactRoot#fromEnvironment()}. */
    public static final String CACHE_SYSTEM_PROPERTY = "rivulet.artifacts.cache";
    /** The environment variable naming the cache directory, below the system property. */
    public static final String CACHE_ENVIRONMENT_VARIABLE = "RIVULET_ARTIFACTS_CACHE";
    /** The system property bounding the cache, such as {@code 512MiB} or {@code 4GiB}, for {@link ArtifactRoot#fromEnvironment()}. */
    public static final String CACHE_MAX_BYTES_SYSTEM_PROPERTY = "rivulet.artifacts.cacheMaxBytes";
    /** The environment variable bounding the cache, below the system property. */
    public static final String CACHE_MAX_BYTES_ENVIRONMENT_VARIABLE = "RIVULET_ARTIFACTS_CACHE_MAX_BYTES";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB|TiB)", Pattern.CASE_INSENSITIVE);

    private S3ArtifactRoot() {}

    /**
     * A builder with no bucket yet, the prefix {@code ""}, {@link S3ClientOptions#defaults()} and
     * the default cache.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The root {@code s3://bucket/prefix} names, with the client options of {@link
     * S3ClientOptions#defaults()} (the SDK's default region and credentials chains) and the cache
     * the environment names, for {@link ArtifactRoot#fromEnvironment()}.
     */
    static ArtifactRoot fromEnvironment(URI root) {
        String bucket = root.getAuthority();
        if (bucket == null || bucket.isBlank() || root.getQuery() != null || root.getFragment() != null) {
            throw new IllegalArgumentException("artifacts root '" + root + "' is not of the form s3://bucket/prefix");
        }
        Builder builder = builder().bucket(bucket).prefix(root.getPath() == null ? "" : root.getPath());
        String cache = ArtifactRoot.setting(CACHE_SYSTEM_PROPERTY, CACHE_ENVIRONMENT_VARIABLE);
        if (cache != null) {
            builder.cacheDirectory(Path.of(cache));
        }
        String maxBytes = ArtifactRoot.setting(CACHE_MAX_BYTES_SYSTEM_PROPERTY, CACHE_MAX_BYTES_ENVIRONMENT_VARIABLE);
        if (maxBytes != null) {
            builder.cacheMaxBytes(bytes(maxBytes));
        }
        return builder.build();
    }

    /** {@code 123}, {@code 512MiB}, {@code 2GiB}: binary units. */
    static long bytes(String size) {
        Matcher matcher = SIZE.matcher(size.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("artifact cache size '" + size + "' is not a size such as 536870912, 512MiB or 2GiB");
        }
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            case "tib" -> 40;
            default -> 0;
        };
        return Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
    }

    /** Builds an S3 {@link ArtifactRoot}; each setter checks its value at once. */
    public static final class Builder {

        private String bucket;
        private String prefix = "";
        private S3ClientOptions clientOptions = S3ClientOptions.defaults();
        private Path cacheDirectory = Path.of(System.getProperty("java.io.tmpdir"),
                DEFAULT_CACHE_DIRECTORY + "-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_"));
        private long cacheMaxBytes = DEFAULT_CACHE_MAX_BYTES;

        private Builder() {}

        /**
         * The bucket; required.
         *
         * @param bucket a bucket name, without {@code /}
         * @return this builder
         * @throws IllegalArgumentException if it is blank or holds {@code /}
         */
        public Builder bucket(String bucket) {
            Objects.requireNonNull(bucket, "bucket");
            if (bucket.isBlank() || bucket.contains("/")) {
                throw new IllegalArgumentException("bucket must be a bucket name without '/', was '" + bucket + "'");
            }
            this.bucket = bucket;
            return this;
        }

        /**
         * The keys' prefix: artifacts are at {@code <prefix>/<path>}; {@code ""} (the default) for
         * the top of the bucket. Leading and trailing slashes are dropped.
         *
         * @param prefix a relative path, under the rules of artifact paths
         * @return this builder
         * @throws IllegalArgumentException if it has an empty, {@code .} or {@code ..} segment, a
         *     backslash or one of {@code * ? [ ] { }}
         */
        public Builder prefix(String prefix) {
            this.prefix = S3ArtifactStorage.checkPrefix(Objects.requireNonNull(prefix, "prefix"));
            return this;
        }

        /**
         * How to reach S3: region, endpoint, credentials, retries; {@link S3ClientOptions#defaults()}
         * by default. The root builds its client from them at first use, and closing the root closes it.
         *
         * @param clientOptions the options
         * @return this builder
         */
        public Builder clientOptions(S3ClientOptions clientOptions) {
            this.clientOptions = Objects.requireNonNull(clientOptions, "clientOptions");
            return this;
        }

        /**
         * Where the local copies of artifacts, the fragments of materialisations under way and the
         * locks are kept; {@code ${java.io.tmpdir}/rivulet-artifact-cache-<user name>} by default,
         * made private to the user (a directory of another user's, or a link, is refused). Roots of
         * several processes on one host may share it.
         *
         * @param cacheDirectory a directory, made when first needed
         * @return this builder
         */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
            return this;
        }

        /**
         * The size the cached copies are trimmed to after each download, least recently used first;
         * {@link #DEFAULT_CACHE_MAX_BYTES} by default. Copies used in the last 10 minutes are kept
         * even above it.
         *
         * @param cacheMaxBytes at least 0
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder cacheMaxBytes(long cacheMaxBytes) {
            if (cacheMaxBytes < 0) {
                throw new IllegalArgumentException("cacheMaxBytes must not be negative, was " + cacheMaxBytes);
            }
            this.cacheMaxBytes = cacheMaxBytes;
            return this;
        }

        /**
         * The root. Nothing is sent to S3 until it is first used.
         *
         * @return a new root, which the caller closes
         * @throws IllegalStateException if no bucket was set
         */
        public ArtifactRoot build() {
            if (bucket == null) {
                throw new IllegalStateException("bucket must be set");
            }
            return ArtifactRoot.over(new S3ArtifactStorage(clientOptions, bucket, prefix, cacheDirectory, cacheMaxBytes));
        }
    }
}
