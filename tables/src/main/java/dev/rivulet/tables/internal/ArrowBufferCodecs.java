package dev.rivulet.tables.internal;

import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;

/**
 * The buffer codecs Arrow IPC streams are read and written with: {@code LZ4_FRAME} through {@link
 * Lz4FrameCodec}, zstd and no compression as Arrow's compression module has them. A stream names
 * its codec in every record batch, so one stream may mix them, and streams written before the
 * {@code arrow} serializer wrote LZ4 read as they always did.
 */
enum ArrowBufferCodecs implements CompressionCodec.Factory {
    INSTANCE;

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType type) {
        return switch (type) {
            case LZ4_FRAME -> Lz4FrameCodec.INSTANCE;
            case NO_COMPRESSION -> NoCompressionCodec.INSTANCE;
            default -> CommonsCompressionFactory.INSTANCE.createCodec(type);
        };
    }

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType type, int level) {
        return switch (type) {
            case LZ4_FRAME -> Lz4FrameCodec.INSTANCE;
            case NO_COMPRESSION -> NoCompressionCodec.INSTANCE;
            default -> CommonsCompressionFactory.INSTANCE.createCodec(type, level);
        };
    }
}
