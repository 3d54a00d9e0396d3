package dev.rivulet.assets.internal.query;

import java.io.IOException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** DuckDB's Arrow export of a query, which closes the query's statement and connection with itself. */
final class ClosingArrowReader extends ArrowReader {

    private final ArrowReader exported;
    private final AutoCloseable[] owned;

    ClosingArrowReader(ArrowReader exported, BufferAllocator allocator, AutoCloseable... owned) {
        super(allocator);
        this.exported = exported;
        this.owned = owned;
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
        return exported.getVectorSchemaRoot();
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
        return exported.getDictionaryVectors();
    }

    @Override
    public Dictionary lookup(long id) {
        return exported.lookup(id);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        return exported.loadNextBatch();
    }

    @Override
    public long bytesRead() {
        return exported.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        IOException failure = null;
        try {
            exported.close();
        } catch (IOException e) {
            failure = e;
        }
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IOException("closing a query failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    protected Schema readSchema() throws IOException {
        return exported.getVectorSchemaRoot().getSchema();
    }
}
