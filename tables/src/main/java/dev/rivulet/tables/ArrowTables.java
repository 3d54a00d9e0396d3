package dev.rivulet.tables;

import dev.rivulet.tables.internal.Concatenation;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where this module's tables get their memory when you do not say otherwise, and tables put end to end.
 *
 * <p>Arrow tables ({@link org.apache.arrow.vector.VectorSchemaRoot}) live off the Java heap, in
 * memory counted by a {@link BufferAllocator}. Every table this module makes (read by the {@code
 * arrow} and {@code parquet} serializers, or by {@link ParquetTables}) belongs to whoever receives
 * it, who closes it with {@link org.apache.arrow.vector.VectorSchemaRoot#close()} when done;
 * nothing in this module ever closes or changes a table it is given.
 */
public final class ArrowTables {

    private ArrowTables() {}

    private static final class Shared {
        static final RootAllocator ALLOCATOR = new RootAllocator();
    }

    /**
     * The allocator this module uses by default: one {@link RootAllocator} for the JVM, without a
     * limit, made the first time it is asked for. Never close it; to bound or account for the
     * memory of some tables, pass your own allocator (or a child of this one) to the methods and
     * serializers that take one.
     *
     * @return the shared allocator
     */
    public static BufferAllocator allocator() {
        return Shared.ALLOCATOR;
    }

    /**
     * One new table holding the rows of {@code tables}, one after another: what {@link
     * ParquetTables#load} does for files, for tables already in memory (batches read from a stream,
     * results of tasks run in parallel). Each buffer is copied once, into vectors allocated at their
     * final size; any column type, nested ones included. The tables given are not changed or closed.
     *
     * {@snippet file="dev/rivulet/tables/snippets/ConcatenateSnippetsTest.java" region="concatenate"}
     *
     * @param tables the tables, at least one, all with the columns of the first (names and types, in
     *     order; nullability and metadata may differ), the first's schema being the result's
     * @param allocator where the new table's memory is allocated
     * @return a new table, which the caller closes
     * @throws IllegalArgumentException if there is no table, a table's columns differ from the first's,
     *     or together they hold more than {@link Integer#MAX_VALUE} rows
     */
    public static VectorSchemaRoot concatenate(List<VectorSchemaRoot> tables, BufferAllocator allocator) {
        return Concatenation.concatenate(tables, allocator);
    }
}
