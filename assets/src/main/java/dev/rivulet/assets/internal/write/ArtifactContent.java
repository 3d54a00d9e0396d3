package dev.rivulet.assets.internal.write;

import dev.rivulet.assets.internal.query.QueryPlan;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** What an asset body returned to be written: batches, pulled one at a time. */
public final class ArtifactContent {

    private final Iterator<?> batches;
    private final AutoCloseable source;
    private final String description;
    /** Whether table batches are the caller's to close (a single table) or ours once written. */
    private final boolean closesTables;

    private ArtifactContent(Iterator<?> batches, AutoCloseable source, String description, boolean closesTables) {
        this.batches = batches;
        this.source = source;
        this.description = description;
        this.closesTables = closesTables;
    }

    public static ArtifactContent records(Iterable<?> records) {
        return new ArtifactContent(List.of(records).iterator(), null, "records", false);
    }

    public static ArtifactContent table(VectorSchemaRoot table) {
        return new ArtifactContent(List.of(table).iterator(), null, "table", false);
    }

    public static ArtifactContent json(String json) {
        return new ArtifactContent(List.of(json).iterator(), null, "json", false);
    }

    /** The rows of a query, written by DuckDB straight into the artifact's file. */
    public static ArtifactContent query(QueryPlan query) {
        return new ArtifactContent(List.of(query).iterator(), null, "query", false);
    }

    public static ArtifactContent batches(Iterator<?> batches, AutoCloseable source) {
        return new ArtifactContent(batches, source, "batches", true);
    }

    Iterator<?> batches() {
        return batches;
    }

    boolean closesTables() {
        return closesTables;
    }

    /** Closes the stream the batches came from, if any. */
    public void close() throws Exception {
        if (source != null) {
            source.close();
        }
    }

    public String describe() {
        return description;
    }
}
