package dev.rivulet.examples.assets;

import dev.rivulet.assets.AssetQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A query's result as Arrow batches for {@code Artifact.ofBatches}: what a mad_prefect asset does
 * when it returns a DuckDB relation. The columns keep DuckDB's types (a {@code DECIMAL} stays a
 * decimal, a {@code TIMESTAMP} a timestamp) and memory holds one batch of 65,536 rows at a time.
 *
 * <p>An {@code ArrowReader} loads every batch into the same table, while {@code ofBatches} closes
 * each batch once it is written; so each batch handed on is a slice of its own, sharing the
 * reader's buffers, which closing the slice lets go of. Closing the stream closes the reader.
 */
final class QueryBatches {

    private QueryBatches() {}

    /** The batches of {@code query}, allocated in {@code allocator}; the stream is closed once read. */
    static Stream<VectorSchemaRoot> of(AssetQuery query, BufferAllocator allocator) {
        ArrowReader reader = query.arrow(allocator);
        Spliterator<VectorSchemaRoot> batches = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super VectorSchemaRoot> action) {
                try {
                    if (!reader.loadNextBatch()) {
                        return false;
                    }
                    VectorSchemaRoot loaded = reader.getVectorSchemaRoot();
                    action.accept(loaded.slice(0, loaded.getRowCount()));
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return StreamSupport.stream(batches, false).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
