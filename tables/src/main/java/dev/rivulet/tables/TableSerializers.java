package dev.rivulet.tables;

import dev.rivulet.result.Serializer;
import dev.rivulet.tables.internal.ArrowIpcSerializer;
import dev.rivulet.tables.internal.ParquetSerializer;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The serializers of Arrow tables ({@link org.apache.arrow.vector.VectorSchemaRoot}). This module
 * registers both through {@link java.util.ServiceLoader}, so tasks just name them:
 *
 * {@snippet file="dev/rivulet/tables/snippets/TablesSnippetsTest.java" region="task"}
 *
 * <table>
 *   <caption>Table serializers</caption>
 *   <tr><th>name</th><th>format</th><th>when</th></tr>
 *   <tr><td>{@code arrow}</td><td>an Arrow IPC stream with LZ4-compressed buffers ({@link
 *       ArrowCompression}; zstd on request), in record batches of 131,072 rows</td><td>results
 *       read back by Rivulet or any Arrow library: fastest to write and read</td></tr>
 *   <tr><td>{@code parquet}</td><td>one Parquet file, zstd (level 3)</td><td>results that
 *       other tools read as files (DuckDB, Spark, pandas); smaller, slower to write</td></tr>
 * </table>
 *
 * <p>Threads: both work in parallel, the {@code arrow} serializer compressing batches as it writes
 * and the {@code parquet} serializer decoding row groups as it reads. By default each write or read
 * makes a pool of up to one thread per processor and shuts it down before it returns, so no thread
 * of this module outlives a call; the factories that take an {@link Executor} use yours instead,
 * which stays yours to shut down.
 *
 * <p>Both write a table without changing or closing it, and read one back into an allocator
 * ({@link ArrowTables#allocator()} unless configured here) as a new table that the caller owns and
 * closes. The factories below make variants to register on {@link
 * dev.rivulet.Rivulet.Builder#serializer(Serializer)}; a variant replaces the serializer of its name.
 */
public final class TableSerializers {

    private TableSerializers() {}

    /** {@return the {@code arrow} serializer as tasks find it by name} */
    public static Serializer arrow() {
        return new ArrowIpcSerializer();
    }

    /**
     * An {@code arrow} serializer that reads into {@code allocator}, writes batches of {@code
     * batchRows} rows, and compresses at zstd level {@code zstdLevel}. Any level reads back.
     *
     * @param allocator where tables read back are allocated
     * @param batchRows how many rows a record batch holds
     * @param zstdLevel the zstd level buffers are compressed at
     * @return a serializer named {@code arrow}, which replaces the built-in one when registered
     * @throws IllegalArgumentException if {@code batchRows} is not a positive multiple of 8, or zstd has no such level
     */
    public static Serializer arrow(BufferAllocator allocator, int batchRows, int zstdLevel) {
        return new ArrowIpcSerializer(allocator, batchRows, ArrowCompression.zstd(zstdLevel), null);
    }

    /**
     * As {@link #arrow(BufferAllocator, int, int)}, compressing batches on {@code executor}, which
     * stays yours to shut down, instead of on a pool made for each write.
     *
     * @param allocator where tables read back are allocated
     * @param batchRows how many rows a record batch holds
     * @param zstdLevel the zstd level buffers are compressed at
     * @param executor where batches are compressed
     * @return a serializer named {@code arrow}
     */
    public static Serializer arrow(BufferAllocator allocator, int batchRows, int zstdLevel, Executor executor) {
        return new ArrowIpcSerializer(allocator, batchRows, ArrowCompression.zstd(zstdLevel), Objects.requireNonNull(executor, "executor"));
    }

    /**
     * An {@code arrow} serializer that reads into {@code allocator}, writes batches of {@code
     * batchRows} rows, and compresses their buffers with {@code compression}. Streams of any codec
     * read back.
     *
     * @param allocator where tables read back are allocated
     * @param batchRows how many rows a record batch holds
     * @param compression the codec buffers are compressed with
     * @return a serializer named {@code arrow}, which replaces the built-in one when registered
     * @throws IllegalArgumentException if {@code batchRows} is not a positive multiple of 8
     */
    public static Serializer arrow(BufferAllocator allocator, int batchRows, ArrowCompression compression) {
        return new ArrowIpcSerializer(allocator, batchRows, compression, null);
    }

    /**
     * As {@link #arrow(BufferAllocator, int, ArrowCompression)}, compressing batches on {@code
     * executor}, which stays yours to shut down, instead of on a pool made for each write.
     *
     * @param allocator where tables read back are allocated
     * @param batchRows how many rows a record batch holds
     * @param compression the codec buffers are compressed with
     * @param executor where batches are compressed
     * @return a serializer named {@code arrow}
     */
    public static Serializer arrow(BufferAllocator allocator, int batchRows, ArrowCompression compression, Executor executor) {
        return new ArrowIpcSerializer(allocator, batchRows, compression, Objects.requireNonNull(executor, "executor"));
    }

    /** {@return the {@code parquet} serializer as tasks find it by name} */
    public static Serializer parquet() {
        return new ParquetSerializer();
    }

    /**
     * A {@code parquet} serializer that reads into {@code allocator} and writes with {@code options}.
     *
     * @param allocator where tables read back are allocated
     * @param options how files are written
     * @return a serializer named {@code parquet}, which replaces the built-in one when registered
     */
    public static Serializer parquet(BufferAllocator allocator, ParquetOptions options) {
        return new ParquetSerializer(allocator, options);
    }

    /**
     * As {@link #parquet(BufferAllocator, ParquetOptions)}, decoding row groups on {@code executor},
     * which stays yours to shut down, instead of on a pool made for each read.
     *
     * @param allocator where tables read back are allocated
     * @param options how files are written
     * @param executor where row groups are decoded
     * @return a serializer named {@code parquet}
     */
    public static Serializer parquet(BufferAllocator allocator, ParquetOptions options, Executor executor) {
        return new ParquetSerializer(allocator, options, Objects.requireNonNull(executor, "executor"));
    }
}
