package dev.rivulet.tables;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Where this module's tables get their memory when you do not say otherwise.
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
}
