package dev.rivulet.assets;

import dev.rivulet.assets.internal.catalog.ApiBridge;
import dev.rivulet.assets.internal.query.QueryPlan;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A SQL query over artifacts, run in-process by DuckDB straight over the artifact files when its
 * results are asked for; each call runs it again. Made by {@link Artifact#query(String)} and {@link
 * ArtifactRoot#query(String)}.
 */
public final class AssetQuery {

    static {
        ApiBridge.queries(AssetQuery::new, query -> query.plan);
    }

    private final QueryPlan plan;

    private AssetQuery(QueryPlan plan) {
        this.plan = plan;
    }

    /** {@return the statement DuckDB runs: placeholders replaced by readers of the artifact files} */
    public String sql() {
        return plan.sql();
    }

    /**
     * Runs the query and returns every row, each a map from column name to value, in column
     * order. For results too big for the heap, use {@link #arrow}.
     *
     * @return the rows
     * @throws AssetException if the query fails: DuckDB's message, with the asset's name
     */
    public List<Map<String, Object>> rows() {
        return plan.rows();
    }

    /**
     * Runs the query and returns a reader of its results as Arrow batches (DuckDB's Arrow export):
     * the caller closes the reader, then the allocator.
     *
     * @param allocator where the batches' memory comes from
     * @return the reader
     * @throws AssetException if the query fails: DuckDB's message, with the asset's name
     */
    public ArrowReader arrow(BufferAllocator allocator) {
        return plan.arrow(allocator);
    }

    @Override
    public String toString() {
        return "AssetQuery[" + plan.sql() + "]";
    }
}
