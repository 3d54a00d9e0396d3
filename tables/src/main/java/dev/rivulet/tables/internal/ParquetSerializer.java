package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.tables.ArrowTables;
import dev.rivulet.tables.ParquetOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The {@code parquet} serializer: a table as one Parquet file, zstd-compressed. Writing streams
 * straight to the store. Parquet's footer is at the end of the file, so reading first copies the
 * stream to a temporary file (deleted afterwards) instead of holding it in memory, then decodes its
 * row groups in parallel into one table in the serializer's allocator, which the caller then owns:
 * on the executor given, which stays the caller's, or else on a pool of one thread per processor
 * made for the read and shut down when it returns.
 */
public final class ParquetSerializer implements Serializer {

    private final BufferAllocator allocator;
    private final ParquetOptions options;
    private final Executor executor;

    /** Reads into {@link ArrowTables#allocator()} and writes with {@link ParquetOptions#defaults()}; for {@link java.util.ServiceLoader}. */
    public ParquetSerializer() {
        this(ArrowTables.allocator(), ParquetOptions.defaults());
    }

    public ParquetSerializer(BufferAllocator allocator, ParquetOptions options) {
        this(allocator, options, null);
    }

    /** As {@link #ParquetSerializer(BufferAllocator, ParquetOptions)}, decoding on {@code executor}; null for a pool per read. */
    public ParquetSerializer(BufferAllocator allocator, ParquetOptions options, Executor executor) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.options = Objects.requireNonNull(options, "options");
        this.executor = executor;
    }

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        VectorSchemaRoot table = TableValues.toWrite(value, type, name());
        ParquetTableWriter.write(table.getSchema(), table.getFieldVectors(), null, table.getRowCount(), ParquetTableWriter.onStream(out), options);
        out.flush();
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        TableValues.checkReadable(type, name());
        Path spool = Files.createTempFile("rivulet-parquet-", ".parquet");
        try {
            Files.copy(in, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try {
                return executor != null ? ParquetLoader.load(List.of(spool), allocator, executor)
                        : ParquetLoader.load(List.of(spool), allocator, Workers.DEFAULT_THREADS);
            } catch (SerializationException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not a Parquet file written by the parquet serializer, or a damaged one: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}
