package dev.rivulet.assets;

import dev.rivulet.assets.internal.ApiBridge;
import dev.rivulet.assets.internal.ArtifactStorage;
import dev.rivulet.assets.internal.AssetCatalog;
import dev.rivulet.assets.internal.LocalArtifactStorage;
import dev.rivulet.assets.internal.QueryEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where data assets keep their artifacts, and the engine that queries them. Give one to the
 * Rivulet that runs the assets, {@code Rivulet.builder().component(ArtifactRoot.local(dir))};
 * without one, assets use {@link #fromEnvironment()}. Thread-safe; close it to free the query
 * engine's memory.
 *
 * <p>Under the root: artifacts at their paths; {@code _artifacts/} holds the fragments of
 * materialisations under way and the assets' catalog; {@code _snapshots/} the dated snapshots.
 */
public final class ArtifactRoot implements AutoCloseable {

    /** The environment variable naming the default root: a directory. */
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

    /**
     * A root in a local directory, made when first written to. Queries use at most {@value
     * #DEFAULT_QUERY_MEMORY} and a thread per processor.
     *
     * @param directory the directory
     * @return the root
     */
    public static ArtifactRoot local(Path directory) {
        return new ArtifactRoot(new LocalArtifactStorage(directory.toAbsolutePath().normalize()),
                new QueryEngine(DEFAULT_QUERY_MEMORY, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The root the environment names: the system property {@value #SYSTEM_PROPERTY}, else the
     * variable {@value #ENVIRONMENT_VARIABLE}, else the directory {@code artifacts} in the working
     * directory.
     *
     * @return the root
     */
    public static ArtifactRoot fromEnvironment() {
        String configured = System.getProperty(SYSTEM_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT_VARIABLE);
        }
        return local(Path.of(configured == null || configured.isBlank() ? "artifacts" : configured));
    }

    /**
     * This root with other limits for its queries: DuckDB's {@code memory_limit} and {@code
     * threads}. Set them before the first query.
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


    /** Closes the query engine; the files stay. */
    @Override
    public void close() {
        queries.close();
    }

    @Override
    public String toString() {
        return "ArtifactRoot[" + storage.describe() + "]";
    }
}
