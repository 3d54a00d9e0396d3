package dev.rivulet.assets;

import dev.rivulet.assets.internal.catalog.ApiBridge;
import dev.rivulet.assets.internal.storage.ArtifactStorage;
import dev.rivulet.assets.internal.catalog.AssetCatalog;
import dev.rivulet.assets.internal.storage.LocalArtifactStorage;
import dev.rivulet.assets.internal.query.QueryEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where data assets keep their artifacts, and the engine that queries them. Give one to the
 * Rivulet that runs the assets, {@code Rivulet.builder().component(ArtifactRoot.local(dir))};
 * without one, assets use {@link #fromEnvironment()}. A root in S3 comes from {@link
 * S3ArtifactRoot#builder()}. Thread-safe; close it to free the query engine's memory (and an S3
 * root's client).
 *
 * <p>Under the root: artifacts at their paths; {@code _artifacts/} holds the assets' catalog (and,
 * in a local root, the fragments of materialisations under way); {@code _snapshots/} the dated
 * snapshots.
 */
public final class ArtifactRoot implements AutoCloseable {

    /** The environment variable naming the default root: a directory, or {@code s3://bucket/prefix}. */
    public static final String ENVIRONMENT_VARIABLE = "RIVULET_ARTIFACTS_ROOT";
    /** The system property naming the default root; it wins over the environment variable. */
    public static final String SYSTEM_PROPERTY = "rivulet.artifacts.root";
    /** The default query memory limit, in DuckDB's notation. */
    public static final String DEFAULT_QUERY_MEMORY = "1GB";

    private final ArtifactStorage storage;
    private final AssetCatalog catalog;
    private final QueryEngine queries;

    static {
        ApiBridge.roots(root -> root.catalog);
    }

    private ArtifactRoot(ArtifactStorage storage, QueryEngine queries) {
        this.storage = storage;
        this.queries = queries;
        this.catalog = new AssetCatalog(storage, queries);
    }

    /** A root over {@code storage}, with the default query limits. */
    static ArtifactRoot over(ArtifactStorage storage) {
        return new ArtifactRoot(storage, new QueryEngine(DEFAULT_QUERY_MEMORY, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A root in a local directory, made when first written to. Queries use at most {@value
     * #DEFAULT_QUERY_MEMORY} and a thread per processor.
     *
     * @param directory the directory
     * @return the root
     */
    public static ArtifactRoot local(Path directory) {
        return over(new LocalArtifactStorage(directory.toAbsolutePath().normalize()));
    }

    /**
     * The root the environment names: the system property {@value #SYSTEM_PROPERTY}, else the
     * variable {@value #ENVIRONMENT_VARIABLE}, else the directory {@code artifacts} in the working
     * directory.
     *
     * <p>A value {@code s3://bucket/prefix} names a root in S3 (it needs {@code
     * rivulet-storage-s3} on the class path), reached with {@code S3ClientOptions.defaults()}: the
     * AWS SDK's default region and credentials chains ({@code AWS_REGION}, {@code
     * AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, {@code ~/.aws/config} and {@code
     * ~/.aws/credentials}, container and instance roles). Its cache directory and size bound come
     * from the properties and variables {@link S3ArtifactRoot} names, else their defaults.
     *
     * @return the root
     * @throws IllegalArgumentException if the value is an {@code s3://} URI without a bucket
     * @throws AssetException if it names S3 and {@code rivulet-storage-s3} is not on the class path
     */
    public static ArtifactRoot fromEnvironment() {
        String configured = setting(SYSTEM_PROPERTY, ENVIRONMENT_VARIABLE);
        if (configured != null && configured.regionMatches(true, 0, "s3://", 0, 5)) {
            return inS3(configured);
        }
        return local(Path.of(configured == null ? "artifacts" : configured));
    }

    /** The system property, else the environment variable; null if neither is set to something. */
    static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Refers to S3 classes only when called, so that loading this class never needs them. */
    private static ArtifactRoot inS3(String uri) {
        try {
            Class.forName("dev.rivulet.storage.s3.S3ClientOptions", false, ArtifactRoot.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssetException("the artifacts root " + uri + " is in S3, which needs rivulet-storage-s3 (and the AWS SDK "
                    + "it brings) on the class path: add the dependency dev.rivulet:rivulet-storage-s3", e);
        }
        try {
            return S3ArtifactRoot.fromEnvironment(new URI(uri));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("artifacts root '" + uri + "' is not a URI such as s3://bucket/prefix: " + e.getMessage(), e);
        }
    }

    /**
     * This root with other limits for its queries: DuckDB's {@code memory_limit} and {@code
     * threads}, as in {@code ArtifactRoot.local(dir).withQueryLimits("512MB", 2)}. Use the root
     * returned in place of this one: they share the storage (for S3, its client), which closing
     * either of them closes.
     *
     * @param memoryLimit such as {@code "512MB"} or {@code "4GB"}
     * @param threads at least 1
     * @return a root over the same files with these limits
     */
    public ArtifactRoot withQueryLimits(String memoryLimit, int threads) {
        return new ArtifactRoot(storage, new QueryEngine(memoryLimit, threads));
    }

    /**
     * The last artifact materialised for an asset.
     *
     * @param assetName the asset's resolved name
     * @return its handle, if it was ever materialised here
     */
    public Optional<Artifact> latest(String assetName) {
        return catalog.latest(Objects.requireNonNull(assetName, "assetName")).map(stored -> stored.handle());
    }

    /**
     * A query over assets named in it: {@code "SELECT * FROM {asset:orders-eu} JOIN {asset:regions} USING (region)"}.
     *
     * @param sql a DuckDB statement with {@code {asset:name}} placeholders
     * @return the query, run when its results are asked for
     */
    public AssetQuery query(String sql) {
        return catalog.query(null, sql);
    }

    /**
     * The dated snapshots kept of an asset, oldest first.
     *
     * @param assetName the asset's resolved name
     * @return handles of the snapshots; empty if none were kept
     */
    public List<Artifact> snapshots(String assetName) {
        return latest(assetName).map(Artifact::snapshots).orElse(List.of());
    }

    /** Closes the query engine and, for a root in S3, its client; the files stay. */
    @Override
    public void close() {
        try {
            queries.close();
        } finally {
            try {
                storage.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the artifacts root " + storage.describe(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "ArtifactRoot[" + storage.describe() + "]";
    }
}
