package dev.rivulet.tables.internal;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSources;
import dev.rivulet.result.SerializationException;
import dev.rivulet.tables.ParquetReadOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes Parquet files into one Arrow table (a {@link VectorSchemaRoot}), row groups in parallel, and
 * no Hadoop file system. Flat columns of numbers, dates, timestamps, booleans, strings and binary
 * are decoded by {@link PageDecoder} from the pages parquet-java reads; every other column (nested
 * ones, the other logical types), and any column chunk whose encoding or codec that decoder does not
 * read, by Hardwood's column readers ({@link HardwoodColumns}).
 *
 * <p>The footers give every row group's row count, so each row group knows its place in the final
 * table before it is decoded: fixed-width columns (numbers, dates, timestamps) are allocated once,
 * for all rows, and each row group writes its values straight into its own slice of them, so the
 * bulk of the table is never copied. The bits of a validity bitmap are shared by eight rows, and
 * neighbouring row groups may share a byte: each row group sets the bytes it owns alone and hands
 * the few bits at its edges to the calling thread, which sets them after all are done. Other
 * columns (strings, binary, booleans, and all that Hardwood reads) are decoded per row group and
 * then appended, since their offsets depend on the row groups before them.
 */
public final class ParquetLoader {

    /** Options for one reader: they hold a codec factory, whose decompressors must not be shared between threads. */
    private static org.apache.parquet.ParquetReadOptions readOptions() {
        return org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(new ZstdPageCodecs()).build();
    }

    private ParquetLoader() {}

    private record Footer(String name, InputFile file, ParquetMetadata metadata) {
        MessageType schema() {
            return metadata.getFileMetaData().getSchema();
        }
    }

    /** One row group and where its rows go in the table. */
    private record Piece(Footer footer, int rowGroup, int rows, int offset) {
        BlockMetaData block() {
            return footer.metadata().getBlocks().get(rowGroup);
        }
    }

    /** Loads {@code files} into one table in {@code allocator}, decoding on {@code threads} threads of a pool made for the call. */
    public static VectorSchemaRoot load(List<Path> files, BufferAllocator allocator, int threads) throws IOException {
        checkThreads(threads);
        return load(files, ParquetReadOptions.newBuilder().allocator(allocator).threads(threads).build());
    }

    /** Loads {@code files} into one table in {@code allocator}, decoding on {@code executor}, which stays the caller's. */
    public static VectorSchemaRoot load(List<Path> files, BufferAllocator allocator, Executor executor) throws IOException {
        Objects.requireNonNull(executor, "executor");
        return load(files, ParquetReadOptions.newBuilder().allocator(allocator).executor(executor).build());
    }

    /** Loads the columns and row groups {@code options} select of {@code files} into one table. */
    public static VectorSchemaRoot load(List<Path> files, ParquetReadOptions options) throws IOException {
        List<InputFile> inputs = new ArrayList<>(files.size());
        List<String> names = new ArrayList<>(files.size());
        for (Path file : files) {
            inputs.add(new LocalInputFile(file));
            names.add(file.toString());
        }
        return load(inputs, names, options);
    }

    /**
     * Loads the columns and row groups {@code options} select of the Parquet files at {@code
     * locations} (paths, {@code file:}, {@code http(s):}, {@code s3:} and any scheme a {@link
     * dev.rivulet.io.RangedSourceProvider} serves), reading only the footers and the byte ranges of the
     * chunks needed.
     */
    public static VectorSchemaRoot loadUris(List<URI> locations, ParquetReadOptions options) throws IOException {
        List<RangedSource> sources = new ArrayList<>(locations.size());
        try {
            List<InputFile> inputs = new ArrayList<>(locations.size());
            List<String> names = new ArrayList<>(locations.size());
            for (URI location : locations) {
                RangedSource source = RangedSources.open(location);
                sources.add(source);
                inputs.add(new RangedInputFile(source));
                names.add(location.toString());
            }
            return load(inputs, names, options);
        } finally {
            IOException failure = null;
            for (RangedSource source : sources) {
                try {
                    source.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Loads the columns and row groups {@code options} select of {@code inputs}, each named in
     * messages by its entry of {@code names}, into one table.
     */
    public static VectorSchemaRoot load(List<InputFile> inputs, List<String> names, ParquetReadOptions options) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to load");
        }
        Optional<Executor> executor = options.executor();
        int threads = executor.isPresent() ? Workers.DEFAULT_THREADS : options.threads();
        try (Workers pool = executor.isPresent() ? Workers.on(executor.get(), threads) : Workers.forCall(threads, "rivulet-parquet");
                HardwoodColumns.Threads hardwood = new HardwoodColumns.Threads(threads)) {
            List<Footer> footers = runAll(pool, inputs.size(), i -> readFooter(inputs.get(i), names.get(i)));
            return decode(footers, options, pool, hardwood);
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

    private static VectorSchemaRoot decode(List<Footer> footers, ParquetReadOptions options, Workers pool, HardwoodColumns.Threads hardwood)
            throws IOException {
        BufferAllocator allocator = options.allocator();
        Footer first = footers.getFirst();
        for (Footer footer : footers) {
            if (!footer.schema().equals(first.schema())) {
                throw new SerializationException("the Parquet files have different schemas: " + first.name() + " has "
                        + first.schema() + " but " + footer.name() + " has " + footer.schema());
            }
        }
        List<ParquetArrowSchema.Node> allNodes = ParquetArrowSchema.nodes(first.schema(), first.name());
        Schema fileSchema = ParquetArrowSchema.toArrow(allNodes, first.metadata().getFileMetaData().getKeyValueMetaData());
        List<Integer> selected = selectColumns(fileSchema, options.columns(), first.name());
        List<ParquetArrowSchema.Node> nodes = selected.stream().map(allNodes::get).toList();
        Schema schema = new Schema(selected.stream().map(fileSchema.getFields()::get).toList(), fileSchema.getCustomMetadata());
        StatisticsFilter filter = options.rowGroupFilter().map(p -> StatisticsFilter.bind(p, first.schema(), first.name())).orElse(null);
        List<Piece> pieces = new ArrayList<>();
        long total = 0;
        for (Footer footer : footers) {
            List<BlockMetaData> blocks = footer.metadata().getBlocks();
            for (int g = 0; g < blocks.size(); g++) {
                if (filter != null && !filter.mightMatch(blocks.get(g))) {
                    continue;
                }
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
                targets.add(Target.of(schema.getFields().get(c), nodes.get(c), descriptors, allocator, rowCount));
            }
            List<List<Staged>> decoded = runAll(pool, pieces.size(), i -> decodePiece(pieces.get(i), targets, allocator, rowCount, hardwood));
            try {
                for (int c = 0; c < targets.size(); c++) {
                    List<Staged> column = new ArrayList<>(pieces.size());
                    for (List<Staged> piece : decoded) {
                        column.add(piece.get(c));
                    }
                    targets.get(c).finish(column, rowCount);
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

    /** The indexes of {@code columns} among the file's top-level fields, in the order asked; all of them for none. */
    private static List<Integer> selectColumns(Schema fileSchema, List<String> columns, String source) {
        List<String> names = fileSchema.getFields().stream().map(Field::getName).toList();
        if (columns.isEmpty()) {
            return java.util.stream.IntStream.range(0, names.size()).boxed().toList();
        }
        List<Integer> selected = new ArrayList<>(columns.size());
        for (String column : columns) {
            int index = names.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("column \"" + column + "\" was asked for, but " + source + " does not have it; its columns are "
                        + names);
            }
            selected.add(index);
        }
        return selected;
    }

    /** The codecs whose pages parquet-java decompresses here for {@link PageDecoder}; others (brotli, Hadoop-framed lz4) are left to Hardwood. */
    private static final Set<CompressionCodecName> PAGE_DECODER_CODECS = EnumSet.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW);

    /**
     * Decodes one row group: the chunks {@link PageDecoder} reads from the pages parquet-java reads
     * (of those columns only), all others through Hardwood in one pass.
     */
    private static List<Staged> decodePiece(Piece piece, List<Target> targets, BufferAllocator allocator, int rowCount,
            HardwoodColumns.Threads hardwood) throws IOException {
        Footer footer = piece.footer();
        List<ColumnChunkMetaData> chunks = piece.block().getColumns();
        List<ColumnDescriptor> fast = new ArrayList<>();
        List<Integer> slow = new ArrayList<>();
        for (int c = 0; c < targets.size(); c++) {
            Target target = targets.get(c);
            ColumnDescriptor descriptor = target.descriptor;
            if (descriptor != null && PageDecoder.canDecode(chunks.get(target.node.column()), descriptor)
                    && PAGE_DECODER_CODECS.contains(chunks.get(target.node.column()).getCodec())) {
                fast.add(descriptor);
            } else {
                slow.add(c);
            }
        }
        Staged[] staged = new Staged[targets.size()];
        List<FieldVector> read = List.of();
        try {
            if (!slow.isEmpty()) {
                List<ParquetArrowSchema.Node> nodes = slow.stream().map(c -> targets.get(c).node).toList();
                List<Field> fields = slow.stream().map(c -> targets.get(c).vector.getField()).toList();
                read = HardwoodColumns.decode(hardwood, footer.file(), footer.name(), piece.block().getStartingPos(), piece.block().getCompressedSize(),
                        piece.rows(), nodes, fields, allocator);
                for (int i = 0; i < slow.size(); i++) {
                    int c = slow.get(i);
                    staged[c] = targets.get(c).place(read.get(i), piece.rows(), piece.offset(), rowCount);
                }
            }
            if (!fast.isEmpty()) {
                try (ParquetFileReader reader = ParquetFileReader.open(footer.file(), footer.metadata(), readOptions(), footer.file().newStream())) {
                    reader.setRequestedSchema(fast);
                    PageReadStore pages = reader.readRowGroup(piece.rowGroup());
                    for (int c = 0; c < targets.size(); c++) {
                        if (staged[c] == null) {
                            staged[c] = targets.get(c).decode(pages.getPageReader(targets.get(c).descriptor), piece.rows(), piece.offset(), rowCount,
                                    allocator);
                        }
                    }
                }
            }
            return Arrays.asList(staged);
        } catch (IOException | RuntimeException | Error e) {
            for (Staged s : staged) {
                if (s != null) {
                    s.close();
                }
            }
            if (e instanceof RuntimeException && !(e instanceof SerializationException)) {
                throw new IOException("cannot decode row group " + piece.rowGroup() + " of " + footer.name() + ": " + e, e);
            }
            throw e;
        } finally {
            // what Hardwood read is placed in the table, or staged by its own vector, which is then in staged
            for (int i = 0; i < read.size(); i++) {
                if (staged[slow.get(i)] == null || staged[slow.get(i)].vector() != read.get(i)) {
                    read.get(i).close();
                }
            }
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
        final ParquetArrowSchema.Node node;
        /** The column's descriptor where {@link PageDecoder} may decode it (a flat column of a type it reads), else null. */
        final ColumnDescriptor descriptor;

        Target(FieldVector vector, ParquetArrowSchema.Node node, ColumnDescriptor descriptor) {
            this.vector = vector;
            this.node = node;
            this.descriptor = descriptor;
        }

        static Target of(Field field, ParquetArrowSchema.Node node, List<ColumnDescriptor> descriptors, BufferAllocator allocator, int rowCount) {
            ColumnDescriptor descriptor = pageDecoderReads(field, node) ? descriptors.get(node.column()) : null;
            FieldVector vector = field.createVector(allocator);
            if (descriptor != null && vector instanceof BaseFixedWidthVector fixed && !(vector instanceof BitVector)) {
                int width = fixed.getTypeWidth();
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
                return new FixedWidth(fixed, node, descriptor, width);
            }
            return new Appended(vector, node, descriptor);
        }

        /** Whether {@link PageDecoder} decodes the column: flat, and of a physical and Arrow type it writes. */
        private static boolean pageDecoderReads(Field field, ParquetArrowSchema.Node node) {
            if (node.shape() != ParquetArrowSchema.Shape.LEAF) {
                return false;
            }
            PrimitiveTypeName physical = node.primitive().getPrimitiveTypeName();
            return switch (field.getType()) {
                case ArrowType.Int i -> i.getIsSigned() && (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64);
                case ArrowType.FloatingPoint f -> f.getPrecision() == FloatingPointPrecision.SINGLE ? physical == PrimitiveTypeName.FLOAT
                        : f.getPrecision() == FloatingPointPrecision.DOUBLE && physical == PrimitiveTypeName.DOUBLE;
                case ArrowType.Date d -> physical == PrimitiveTypeName.INT32;
                case ArrowType.Timestamp t -> physical == PrimitiveTypeName.INT64;
                case ArrowType.Bool b -> physical == PrimitiveTypeName.BOOLEAN;
                case ArrowType.Utf8 u -> physical == PrimitiveTypeName.BINARY;
                case ArrowType.Binary b -> physical == PrimitiveTypeName.BINARY;
                default -> false;
            };
        }

        /** Decodes this column of one row group with {@link PageDecoder}. */
        abstract Staged decode(PageReader pages, int rows, int offset, int rowCount, BufferAllocator allocator);

        /** Places this column of one row group, as Hardwood decoded it into {@code part}: in the table, or staged to be appended. */
        abstract Staged place(FieldVector part, int rows, int offset, int rowCount);

        abstract void finish(List<Staged> staged, int rowCount);
    }

    /** Numbers, dates and timestamps of flat columns: decoded in place. */
    private static final class FixedWidth extends Target {
        private final int width;

        FixedWidth(BaseFixedWidthVector vector, ParquetArrowSchema.Node node, ColumnDescriptor descriptor, int width) {
            super(vector, node, descriptor);
            this.width = width;
        }

        @Override
        Staged decode(PageReader pages, int rows, int offset, int rowCount, BufferAllocator allocator) {
            long data = vector.getDataBuffer().memoryAddress() + (long) offset * width;
            PageDecoder.Validity validity = new PageDecoder.Validity(vector.getValidityBuffer().memoryAddress(), offset, rows, rowCount);
            PageDecoder.decodeFixed(pages, descriptor, rows, data, width, validity);
            return new Staged(validity.edges(), null);
        }

        @Override
        Staged place(FieldVector part, int rows, int offset, int rowCount) {
            MemoryUtil.copyMemory(part.getDataBuffer().memoryAddress(), vector.getDataBuffer().memoryAddress() + (long) offset * width, (long) rows * width);
            PageDecoder.Validity validity = new PageDecoder.Validity(vector.getValidityBuffer().memoryAddress(), offset, rows, rowCount);
            for (int i = 0; i < rows; i++) {
                if (!part.isNull(i)) {
                    validity.set(i);
                }
            }
            return new Staged(validity.edges(), null);
        }

        @Override
        void finish(List<Staged> staged, int rowCount) {
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

    /** Every other column: decoded per row group, then appended in order. */
    private static final class Appended extends Target {

        Appended(FieldVector vector, ParquetArrowSchema.Node node, ColumnDescriptor descriptor) {
            super(vector, node, descriptor);
        }

        @Override
        Staged decode(PageReader pages, int rows, int offset, int rowCount, BufferAllocator allocator) {
            FieldVector part = vector.getField().createVector(allocator);
            try {
                if (part instanceof BitVector bits) {
                    bits.allocateNew(rows);
                    PageDecoder.decodeBoolean(pages, descriptor, rows, bits);
                } else {
                    BaseVariableWidthVector variable = (BaseVariableWidthVector) part;
                    variable.allocateNew(rows);
                    PageDecoder.decodeBinary(pages, descriptor, rows, variable);
                }
                return new Staged(null, part);
            } catch (RuntimeException | Error e) {
                part.close();
                throw e;
            }
        }

        @Override
        Staged place(FieldVector part, int rows, int offset, int rowCount) {
            return new Staged(null, part);
        }

        @Override
        void finish(List<Staged> staged, int rowCount) {
            Concatenation.appendInto(vector, staged.stream().map(Staged::vector).toList(), rowCount);
        }
    }
}
