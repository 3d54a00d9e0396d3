package dev.rivulet.tables.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * An Arrow IPC stream reader that decompresses every buffer of a record batch before loading any
 * into the table, so a buffer that does not decompress (a damaged file) leaves nothing allocated.
 * Arrow's own loader decompresses vector by vector and loses the buffers of a vector it was part-way
 * through when one fails.
 */
final class DecompressingStreamReader extends ArrowStreamReader {

    private final BufferAllocator allocator;

    DecompressingStreamReader(InputStream in, BufferAllocator allocator) {
        super(in, allocator, ArrowBufferCodecs.INSTANCE);
        this.allocator = allocator;
    }

    @Override
    protected void loadRecordBatch(ArrowRecordBatch batch) {
        CompressionUtil.CodecType type = CompressionUtil.CodecType.fromCompressionType(batch.getBodyCompression().getCodec());
        if (type == CompressionUtil.CodecType.NO_COMPRESSION) {
            super.loadRecordBatch(batch);
            return;
        }
        ArrowRecordBatch plain;
        try {
            plain = decompressed(batch, ArrowBufferCodecs.INSTANCE.createCodec(type));
        } finally {
            batch.close();
        }
        super.loadRecordBatch(plain);                                 // closes it
    }

    private ArrowRecordBatch decompressed(ArrowRecordBatch batch, CompressionCodec codec) {
        List<ArrowBuf> buffers = new ArrayList<>(batch.getBuffers().size());
        try {
            for (ArrowBuf buffer : batch.getBuffers()) {
                buffer.getReferenceManager().retain();                // decompress releases the one it is given, once done
                try {
                    buffers.add(buffer.writerIndex() == 0 ? buffer : codec.decompress(allocator, buffer));
                } catch (RuntimeException e) {
                    buffer.close();
                    throw e;
                }
            }
            return new ArrowRecordBatch(batch.getLength(), batch.getNodes(), buffers, NoCompressionCodec.DEFAULT_BODY_COMPRESSION,
                    batch.getVariadicBufferCounts(), true);
        } finally {
            buffers.forEach(ArrowBuf::close);                         // the batch holds its own references
        }
    }
}
