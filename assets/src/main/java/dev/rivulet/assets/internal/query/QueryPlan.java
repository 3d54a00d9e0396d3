package dev.rivulet.assets.internal.query;

import dev.rivulet.assets.ArtifactFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A query ready to run: the statement with its placeholders replaced, the engine, and what it is
 * over, for messages.
 */
public final class QueryPlan {

    private final QueryEngine engine;
    private final String sql;
    private final String subject;

    public QueryPlan(QueryEngine engine, String sql, String subject) {
        this.engine = engine;
        this.sql = sql;
        this.subject = subject;
    }

    public String sql() {
        return sql;
    }

    public List<Map<String, Object>> rows() {
        return engine.rows(sql, subject);
    }

    public ArrowReader arrow(BufferAllocator allocator) {
        return engine.arrow(sql, subject, allocator);
    }

    /** Writes the rows into {@code file} in {@code format}; returns their columns and DuckDB types. */
    public Map<String, String> copyTo(Path file, ArtifactFormat format) {
        Map<String, String> columns = engine.columns(sql, subject);
        engine.execute(Sql.copyTo(sql, file, format), subject);
        return columns;
    }
}
