package dev.rivulet.tables.internal;

import dev.rivulet.io.NonClosing;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.tables.ArrowCompression;
import dev.rivulet.tables.ArrowTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The {@code arrow} serializer: a table as an Arrow IPC stream (the format of {@code
 * pyarrow.ipc.open_stream}) with LZ4 or zstd buffer compression ({@link ArrowCompression}), in
 * record batches of a bounded number of rows. Batches are compressed and serialized in parallel
 * while the calling thread writes the ones before them, each in one piece, at most a few in flight,
 * so the compressed table is never held whole: on the executor given, which
 * stays the caller's, or else on a pool of up to one thread per processor made for the write and
 * shut down when it returns (none for a table of one batch). Batches are views of
 * the table's buffers (rows a multiple of 8, so even validity bitmaps are not copied); the table
 * itself is neither changed nor closed. Reading loads the batches, of either codec whatever this
 * serializer writes, and appends them into one table in the serializer's allocator, which the caller
 * then owns.
 */
public final class ArrowIpcSerializer implements Serializer {

    /** Rows a record batch holds when not configured: about 1 MB of each 8-byte column. */
    public static final int DEFAULT_BATCH_ROWS = 131_072;
    /** The compression when not configured: LZ4, about twice as fast as zstd level 1 for a file half as large again. */
    public static final ArrowCompression DEFAULT_COMPRESSION = ArrowCompression.lz4();

    private static final IpcOption IPC = IpcOption.DEFAULT;

    private final BufferAllocator allocator;
    private final int batchRows;
    private final ArrowCompression compression;
    private final Executor executor;

    /** Reads into {@link ArrowTables#allocator()}; the constructor {@link java.util.ServiceLoader} uses. */
    public ArrowIpcSerializer() {
        this(ArrowTables.allocator(), DEFAULT_BATCH_ROWS, DEFAULT_COMPRESSION, null);
    }

    /** Compressing with {@code compression} on {@code executor}; a null executor for a pool per write. */
    public ArrowIpcSerializer(BufferAllocator allocator, int batchRows, ArrowCompression compression, Executor executor) {
        if (batchRows < 8 || batchRows % 8 != 0) {
            throw new IllegalArgumentException("batchRows must be a positive multiple of 8, got " + batchRows);
        }
        this.allocator = java.util.Objects.requireNonNull(allocator, "allocator");
        this.batchRows = batchRows;
        this.compression = java.util.Objects.requireNonNull(compression, "compression");
        this.executor = executor;
    }

    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        VectorSchemaRoot table = TableValues.toWrite(value, type, name());
        Schema schema = table.getSchema();
        WriteChannel channel = new WriteChannel(Channels.newChannel(out));     // never closed: the stream is the store's
        MessageSerializer.serialize(channel, schema, IPC);
        int rows = table.getRowCount();
        Deque<Future<HeapChannel>> inFlight = new ArrayDeque<>();
        try (Workers workers = workers((rows + batchRows - 1) / batchRows)) {
            int window = workers.parallelism() + 1;
            try {
                for (int start = 0; start < rows; start += batchRows) {
                    VectorSchemaRoot slice = slice(table, start, Math.min(batchRows, rows - start));
                    inFlight.add(workers.submit(() -> compressedMessage(slice)));
                    if (inFlight.size() >= window) {
                        writeBatch(out, inFlight.removeFirst());
                    }
                }
                while (!inFlight.isEmpty()) {
                    writeBatch(out, inFlight.removeFirst());
                }
            } finally {
                // before the workers close: a batch cancelled before it ran would never close its slice
                for (Future<HeapChannel> left : inFlight) {
                    awaitEnd(left);
                }
            }
        }
        ArrowStreamWriter.writeEndOfStream(channel, IPC);
        out.flush();
    }

    private Workers workers(int batches) {
        return executor != null ? Workers.on(executor, Workers.DEFAULT_THREADS)
                : Workers.forCall(Math.max(1, Math.min(Workers.DEFAULT_THREADS, batches)), "rivulet-table");
    }

    /** The rows {@code [start, start + length)} of {@code table}, sharing its buffers. */
    private static VectorSchemaRoot slice(VectorSchemaRoot table, int start, int length) {
        List<FieldVector> vectors = new ArrayList<>(table.getFieldVectors().size());
        for (FieldVector vector : table.getFieldVectors()) {
            TransferPair pair = vector.getTransferPair(vector.getAllocator());
            pair.splitAndTransfer(start, length);
            vectors.add((FieldVector) pair.getTo());
        }
        return new VectorSchemaRoot(table.getSchema().getFields(), vectors, length);
    }

    /**
     * The slice's record batch, compressed and serialized as an IPC message into memory: on the
     * worker, so that the writing thread only hands each batch to the stream in one piece.
     */
    private HeapChannel compressedMessage(VectorSchemaRoot slice) throws IOException {
        try (slice) {
            CompressionCodec codec = compression.codec() == ArrowCompression.Codec.LZ4_FRAME
                    ? ArrowBufferCodecs.INSTANCE.createCodec(CompressionUtil.CodecType.LZ4_FRAME)
                    : ArrowBufferCodecs.INSTANCE.createCodec(CompressionUtil.CodecType.ZSTD, compression.level());
            try (ArrowRecordBatch batch = new VectorUnloader(slice, true, codec, true).getRecordBatch()) {
                HeapChannel message = new HeapChannel(batch.computeBodyLength() + 4096);
                MessageSerializer.serialize(new WriteChannel(message), batch, IPC);
                return message;
            }
        }
    }

    private static void writeBatch(OutputStream out, Future<HeapChannel> future) throws IOException {
        Futures.await(future, "compressing an Arrow batch").writeTo(out);
    }

    private static void awaitEnd(Future<HeapChannel> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the failure that matters has been thrown already
        }
    }

    /** An IPC message in a growing array: one bulk copy a buffer, where {@link Channels#newChannel(OutputStream)} copies 8 KiB at a time. */
    private static final class HeapChannel implements WritableByteChannel {
        private byte[] bytes;
        private int length;

        HeapChannel(long expected) {
            bytes = new byte[(int) Math.min(expected, Integer.MAX_VALUE - 8)];
        }

        @Override
        public int write(ByteBuffer source) {
            int count = source.remaining();
            if (bytes.length - length < count) {
                bytes = Arrays.copyOf(bytes, Math.toIntExact(Math.max((long) length + count, Math.min(2L * bytes.length, Integer.MAX_VALUE - 8))));
            }
            source.get(bytes, length, count);
            length += count;
            return count;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(bytes, 0, length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        TableValues.checkReadable(type, name());
        List<List<FieldVector>> batches = new ArrayList<>();
        try (ArrowStreamReader reader = new DecompressingStreamReader(NonClosing.input(in), allocator)) {
            VectorSchemaRoot root;
            Schema schema;
            try {
                root = reader.getVectorSchemaRoot();
                schema = root.getSchema();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not an Arrow IPC stream written by the arrow serializer: " + e.getMessage(), e);
            }
            return readBatches(reader, root, schema, batches);
        } finally {
            batches.forEach(batch -> batch.forEach(FieldVector::close));
        }
    }

    /** The vector's buffers moved (not copied) into a new vector of this serializer's allocator; the reader refills the old one. */
    private FieldVector moveOut(FieldVector vector) {
        TransferPair pair = vector.getTransferPair(allocator);
        pair.transfer();
        return (FieldVector) pair.getTo();
    }

    private VectorSchemaRoot readBatches(ArrowStreamReader reader, VectorSchemaRoot root, Schema schema, List<List<FieldVector>> batches)
            throws IOException {
        try {
            while (reader.loadNextBatch()) {
                batches.add(root.getFieldVectors().stream().map(this::moveOut).toList());
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("the Arrow IPC stream is damaged or cut short: " + e.getMessage(), e);
        }
        if (batches.size() == 1) {
            List<FieldVector> only = batches.removeFirst();
            return new VectorSchemaRoot(schema.getFields(), new ArrayList<>(only), only.isEmpty() ? 0 : only.getFirst().getValueCount());
        }
        return Concatenation.concatenate(schema, batches, allocator);
    }
}
