package dev.rivulet.assets.internal.catalog;

import dev.rivulet.assets.internal.query.QueryPlan;
import dev.rivulet.assets.internal.write.ArtifactContent;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.assets.AssetQuery;
import java.util.function.Function;

/**
 * How the implementation reaches the parts of the public types it needs and the API does not
 * show: each public type hands its accessors over here when it is initialised.
 */
public final class ApiBridge {

    private static volatile Function<StoredArtifact, Artifact> handles;
    private static volatile Function<Artifact, ArtifactContent> contents;
    private static volatile Function<Artifact, StoredArtifact> stores;
    private static volatile Function<ArtifactRoot, AssetCatalog> catalogs;
    private static volatile Function<QueryPlan, AssetQuery> queries;
    private static volatile Function<AssetQuery, QueryPlan> plans;

    private ApiBridge() {}

    /** Called by {@link Artifact} as it is initialised. */
    public static void artifacts(Function<StoredArtifact, Artifact> handle, Function<Artifact, ArtifactContent> content,
                                 Function<Artifact, StoredArtifact> stored) {
        handles = handle;
        contents = content;
        stores = stored;
    }

    /** Called by {@link ArtifactRoot} as it is initialised. */
    public static void roots(Function<ArtifactRoot, AssetCatalog> catalog) {
        catalogs = catalog;
    }

    /** Called by {@link AssetQuery} as it is initialised. */
    public static void queries(Function<QueryPlan, AssetQuery> query, Function<AssetQuery, QueryPlan> plan) {
        queries = query;
        plans = plan;
    }

    static Artifact handle(StoredArtifact stored) {
        initialize(Artifact.class);
        return handles.apply(stored);
    }

    /** The content an asset body returned; null for a materialised artifact. */
    static ArtifactContent content(Artifact artifact) {
        return contents.apply(artifact);
    }

    /** The stored artifact behind a handle; null for content. */
    static StoredArtifact stored(Artifact artifact) {
        return stores.apply(artifact);
    }

    public static AssetCatalog catalog(ArtifactRoot root) {
        initialize(ArtifactRoot.class);
        return catalogs.apply(root);
    }

    static AssetQuery query(QueryPlan plan) {
        initialize(AssetQuery.class);
        return queries.apply(plan);
    }

    /** The plan behind a query; its class is initialised, as the query exists. */
    public static QueryPlan plan(AssetQuery query) {
        return plans.apply(query);
    }

    private static void initialize(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
