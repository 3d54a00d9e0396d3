package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import java.util.function.Supplier;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;

/**
 * Decodes Parquet files into one Arrow table (a {@link VectorSchemaRoot}), row groups in parallel, with parquet-java's column
 * readers and no Hadoop file system.
 *
 * <p>The footers give every row group's row count, so each row group knows its place in the final
 * table before it is decoded: fixed-width columns (numbers, dates, timestamps) are allocated once,
 * for all rows, and each row group writes its values straight into its own slice of them, so the
 * bulk of the table is never copied. The bits of a validity bitmap are shared by eight rows, and
 * neighbouring row groups may share a byte: each row group sets the bytes it owns alone and hands
 * the few bits at its edges to the calling thread, which sets them after all are done. Variable-width
 * columns (strings, binary) and booleans are decoded per row group and then appended, since their
 * offsets depend on the row groups before them.
 */
public final class ParquetLoader {

    /** Options for one reader: they hold a codec factory, whose decompressors must not be shared between threads. */
    private static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new ZstdPageCodecs()).build();
    }

    private ParquetLoader() {}

    private record Footer(String name, InputFile file, ParquetMetadata metadata) {
        MessageType schema() {
            return metadata.getFileMetaData().getSchema();
        }
    }

    /** One row group and where its rows go in the table. */
    private record Piece(Footer footer, int rowGroup, int rows, int offset) {}

    /** Loads {@code files} into one table in {@code allocator}, decoding on {@code threads} threads of a pool made for the call. */
    public static VectorSchemaRoot load(List<Path> files, BufferAllocator allocator, int threads) throws IOException {
        checkThreads(threads);
        return load(files, allocator, () -> Workers.forCall(threads, "rivulet-parquet"));
    }

    /** Loads {@code files} into one table in {@code allocator}, decoding on {@code executor}, which stays the caller's. */
    public static VectorSchemaRoot load(List<Path> files, BufferAllocator allocator, Executor executor) throws IOException {
        Objects.requireNonNull(executor, "executor");
        return load(files, allocator, () -> Workers.on(executor, Workers.DEFAULT_THREADS));
    }

    private static VectorSchemaRoot load(List<Path> files, BufferAllocator allocator, Supplier<Workers> workers) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to load");
        }
        List<InputFile> inputs = new ArrayList<>(files.size());
        List<String> names = new ArrayList<>(files.size());
        for (Path file : files) {
            inputs.add(new LocalInputFile(file));
            names.add(file.toString());
        }
        try (Workers pool = workers.get()) {
            List<Footer> footers = runAll(pool, inputs.size(), i -> readFooter(inputs.get(i), names.get(i)));
            return decode(footers, allocator, pool);
        }
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
    }

    private static Footer readFooter(InputFile file, String name) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(file, readOptions())) {
            return new Footer(name, file, reader.getFooter());
        } catch (RuntimeException e) {
            throw new IOException("cannot read the Parquet footer of " + name + ": " + e, e);
        }
    }

    private static VectorSchemaRoot decode(List<Footer> footers, BufferAllocator allocator, Workers pool) throws IOException {
        Footer first = footers.getFirst();
        for (Footer footer : footers) {
            if (!footer.schema().equals(first.schema())) {
                throw new SerializationException("the Parquet files have different schemas: " + first.name() + " has "
                        + first.schema() + " but " + footer.name() + " has " + footer.schema());
            }
        }
        Schema schema = ParquetSchemas.toArrow(first.schema(), first.metadata().getFileMetaData().getKeyValueMetaData(), first.name());
        List<Piece> pieces = new ArrayList<>();
        long total = 0;
        for (Footer footer : footers) {
            List<BlockMetaData> blocks = footer.metadata().getBlocks();
            for (int g = 0; g < blocks.size(); g++) {
                long rows = blocks.get(g).getRowCount();
                if (total + rows > Integer.MAX_VALUE) {
                    throw new SerializationException("the Parquet files hold more than " + Integer.MAX_VALUE
                            + " rows, more than one Arrow table can; load them in parts");
                }
                pieces.add(new Piece(footer, g, (int) rows, (int) total));
                total += rows;
            }
        }
        int rowCount = (int) total;
        List<ColumnDescriptor> descriptors = first.schema().getColumns();
        List<Target> targets = new ArrayList<>();
        try {
            for (int c = 0; c < schema.getFields().size(); c++) {
                targets.add(Target.of(schema.getFields().get(c), descriptors.get(c), allocator, rowCount));
            }
            List<List<Staged>> decoded = runAll(pool, pieces.size(), i -> decodePiece(pieces.get(i), targets, allocator, rowCount));
            try {
                for (int c = 0; c < targets.size(); c++) {
                    List<Staged> column = new ArrayList<>(pieces.size());
                    for (List<Staged> piece : decoded) {
                        column.add(piece.get(c));
                    }
                    targets.get(c).finish(pieces, column, rowCount);
                }
            } finally {
                decoded.forEach(piece -> piece.forEach(Staged::close));
            }
            List<FieldVector> vectors = targets.stream().map(t -> t.vector).toList();
            return new VectorSchemaRoot(schema.getFields(), vectors, rowCount);
        } catch (IOException | RuntimeException | Error e) {
            targets.forEach(t -> t.vector.close());
            throw e;
        }
    }

    private static List<Staged> decodePiece(Piece piece, List<Target> targets, BufferAllocator allocator, int rowCount) throws IOException {
        Footer footer = piece.footer();
        List<Staged> staged = new ArrayList<>(targets.size());
        try (ParquetFileReader reader = ParquetFileReader.open(footer.file(), footer.metadata(), readOptions(), footer.file().newStream())) {
            PageReadStore pages = reader.readRowGroup(piece.rowGroup());
            MessageType schema = footer.schema();
            ColumnReadStoreImpl[] store = new ColumnReadStoreImpl[1];
            Supplier<ColumnReadStoreImpl> readers = () -> {
                if (store[0] == null) {
                    store[0] = new ColumnReadStoreImpl(pages, new IgnoringConverter(schema.getFieldCount()), schema,
                            footer.metadata().getFileMetaData().getCreatedBy());
                }
                return store[0];
            };
            List<ColumnChunkMetaData> chunks = footer.metadata().getBlocks().get(piece.rowGroup()).getColumns();
            for (int c = 0; c < targets.size(); c++) {
                staged.add(targets.get(c).decode(pages, chunks.get(c), readers, piece.rows(), piece.offset(), rowCount, allocator));
            }
            return staged;
        } catch (IOException | RuntimeException | Error e) {
            staged.forEach(Staged::close);
            if (e instanceof RuntimeException && !(e instanceof SerializationException)) {
                throw new IOException("cannot decode row group " + piece.rowGroup() + " of " + footer.name() + ": " + e, e);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface IndexedTask<T> {
        T run(int index) throws IOException;
    }

    /** Runs {@code count} tasks on {@code pool} (here, when it has one thread) and returns their results in order. */
    private static <T> List<T> runAll(Workers pool, int count, IndexedTask<T> task) throws IOException {
        List<T> results = new ArrayList<>(count);
        if (pool.parallelism() == 1) {
            for (int i = 0; i < count; i++) {
                results.add(task.run(i));
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.run(index)));
        }
        Throwable failure = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
                results.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new java.io.InterruptedIOException("interrupted while loading Parquet files");
            }
        }
        if (failure != null) {
            for (T result : results) {
                if (result instanceof List<?> list) {
                    list.forEach(item -> ((Staged) item).close());
                }
            }
            throw Futures.asIOException(failure, "loading Parquet files");
        }
        return results;
    }

    /** What a row group decoded for one column, for the calling thread to finish: edge validity bits, or a staged vector. */
    private record Staged(int[] edgeRows, FieldVector vector) {
        void close() {
            if (vector != null) {
                vector.close();
            }
        }
    }

    /** One column of the table being loaded. */
    private abstract static class Target {
        final FieldVector vector;
        final ColumnDescriptor descriptor;
        final int maxDefinition;

        Target(FieldVector vector, ColumnDescriptor descriptor) {
            this.vector = vector;
            this.descriptor = descriptor;
            this.maxDefinition = descriptor.getMaxDefinitionLevel();
        }

        static Target of(Field field, ColumnDescriptor descriptor, BufferAllocator allocator, int rowCount) {
            FieldVector vector = field.createVector(allocator);
            if (vector instanceof BaseFixedWidthVector fixed && !(vector instanceof BitVector)) {
                int width = width(field.getType());
                // allocated without zeroing the values (allocateNew would): every present value is written, and
                // the validity bitmap, which is zeroed, says which
                try (ArrowBuf validity = allocator.buffer(Math.max(1, (rowCount + 7) / 8));
                        ArrowBuf data = allocator.buffer(Math.max(1, (long) rowCount * width))) {
                    validity.setZero(0, validity.capacity());
                    fixed.loadFieldBuffers(new ArrowFieldNode(rowCount, 0), List.of(validity, data));
                } catch (RuntimeException | Error e) {
                    fixed.close();
                    throw e;
                }
                return new FixedWidth(fixed, descriptor, width);
            }
            return new Appended(vector, descriptor);
        }

        private static int width(ArrowType type) {
            return switch (type) {
                case ArrowType.Int i -> i.getBitWidth() / 8;
                case ArrowType.FloatingPoint f -> f.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE ? 4 : 8;
                case ArrowType.Date d -> 4;
                case ArrowType.Timestamp t -> 8;
                default -> throw new IllegalStateException("no fixed width for " + type);
            };
        }

        /** Decodes this column of one row group: by {@link PageDecoder} when it reads the chunk's encodings, else by parquet-java's column reader. */
        abstract Staged decode(PageReadStore pages, ColumnChunkMetaData chunk, Supplier<ColumnReadStoreImpl> readers, int rows, int offset,
                int rowCount, BufferAllocator allocator);

        abstract void finish(List<Piece> pieces, List<Staged> staged, int rowCount);
    }

    /** Numbers, dates and timestamps: decoded in place. */
    private static final class FixedWidth extends Target {
        private final int width;

        FixedWidth(BaseFixedWidthVector vector, ColumnDescriptor descriptor, int width) {
            super(vector, descriptor);
            this.width = width;
        }

        @Override
        Staged decode(PageReadStore pages, ColumnChunkMetaData chunk, Supplier<ColumnReadStoreImpl> readers, int rows, int offset,
                int rowCount, BufferAllocator allocator) {
            long data = vector.getDataBuffer().memoryAddress() + (long) offset * width;
            PageDecoder.Validity validity = new PageDecoder.Validity(vector.getValidityBuffer().memoryAddress(), offset, rows, rowCount);
            if (PageDecoder.canDecode(chunk, descriptor)) {
                PageDecoder.decodeFixed(pages.getPageReader(descriptor), descriptor, rows, data, width, validity);
            } else {
                read(readers.get().getColumnReader(descriptor), rows, data, validity);
            }
            return new Staged(validity.edges(), null);
        }

        private void read(ColumnReader reader, int rows, long data, PageDecoder.Validity validity) {
            PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
            int max = maxDefinition;
            for (int i = 0; i < rows; i++) {
                if (reader.getCurrentDefinitionLevel() == max) {
                    long address = data + (long) i * width;
                    switch (physical) {
                        case INT64 -> MemoryUtil.putLong(address, reader.getLong());
                        case DOUBLE -> MemoryUtil.putLong(address, Double.doubleToRawLongBits(reader.getDouble()));
                        case FLOAT -> MemoryUtil.putInt(address, Float.floatToRawIntBits(reader.getFloat()));
                        case INT32 -> {
                            int value = reader.getInteger();
                            switch (width) {
                                case 1 -> MemoryUtil.putByte(address, (byte) value);
                                case 2 -> MemoryUtil.putShort(address, (short) value);
                                default -> MemoryUtil.putInt(address, value);
                            }
                        }
                        default -> throw new IllegalStateException("unexpected " + descriptor);
                    }
                    validity.set(i);
                }
                reader.consume();
            }
        }

        @Override
        void finish(List<Piece> pieces, List<Staged> staged, int rowCount) {
            long validity = vector.getValidityBuffer().memoryAddress();
            for (Staged s : staged) {
                for (int row : s.edgeRows()) {
                    long at = validity + (row >>> 3);
                    MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (row & 7))));
                }
            }
            vector.setValueCount(rowCount);
        }
    }

    /** Strings, binary and booleans: decoded per row group, then appended in order. */
    private static final class Appended extends Target {

        Appended(FieldVector vector, ColumnDescriptor descriptor) {
            super(vector, descriptor);
        }

        @Override
        Staged decode(PageReadStore pages, ColumnChunkMetaData chunk, Supplier<ColumnReadStoreImpl> readers, int rows, int offset,
                int rowCount, BufferAllocator allocator) {
            FieldVector part = vector.getField().createVector(allocator);
            try {
                boolean fast = PageDecoder.canDecode(chunk, descriptor);
                if (part instanceof BitVector bits) {
                    bits.allocateNew(rows);
                    if (fast) {
                        PageDecoder.decodeBoolean(pages.getPageReader(descriptor), descriptor, rows, bits);
                    } else {
                        readBooleans(readers.get().getColumnReader(descriptor), rows, bits);
                    }
                } else {
                    BaseVariableWidthVector variable = (BaseVariableWidthVector) part;
                    variable.allocateNew(rows);
                    if (fast) {
                        PageDecoder.decodeBinary(pages.getPageReader(descriptor), descriptor, rows, variable);
                    } else {
                        readBinary(readers.get().getColumnReader(descriptor), rows, variable);
                    }
                }
                return new Staged(null, part);
            } catch (RuntimeException | Error e) {
                part.close();
                throw e;
            }
        }

        private void readBooleans(ColumnReader reader, int rows, BitVector bits) {
            for (int i = 0; i < rows; i++) {
                if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                    bits.set(i, reader.getBoolean() ? 1 : 0);
                }
                reader.consume();
            }
            bits.setValueCount(rows);
        }

        private void readBinary(ColumnReader reader, int rows, BaseVariableWidthVector variable) {
            for (int i = 0; i < rows; i++) {
                if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                    java.nio.ByteBuffer bytes = reader.getBinary().toByteBuffer();
                    variable.setSafe(i, bytes, bytes.position(), bytes.remaining());
                }
                reader.consume();
            }
            variable.setValueCount(rows);
        }

        @Override
        void finish(List<Piece> pieces, List<Staged> staged, int rowCount) {
            List<List<FieldVector>> parts = new ArrayList<>(staged.size());
            for (Staged s : staged) {
                parts.add(List.of(s.vector()));
            }
            Concatenation.appendInto(vector, parts.stream().map(List::getFirst).toList(), rowCount);
        }
    }

    /** A converter tree parquet-java's column readers need but that this loader never calls. */
    private static final class IgnoringConverter extends GroupConverter {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {};
        private final int fields;

        IgnoringConverter(int fields) {
            this.fields = fields;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            if (fieldIndex >= fields) {
                throw new IndexOutOfBoundsException(fieldIndex);
            }
            return primitive;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }

}
