package dev.rivulet.tables.internal;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's codecs for reading, with zstd pages decompressed in one call of zstd-jni each (the page
 * header gives the size) rather than through Hadoop's stream codec, a fifth of the cost of decoding
 * a zstd file that way. Other codecs are parquet-java's own. One per reader: like parquet-java's
 * factory it is not shared between threads.
 */
final class ZstdPageCodecs implements CompressionCodecFactory {

    private CodecFactory others;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return others().getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec == CompressionCodecName.ZSTD) {
            return ZSTD;
        }
        return others().getDecompressor(codec);
    }

    private CodecFactory others() {
        if (others == null) {
            others = new CodecFactory(new PlainParquetConfiguration(), 0);
        }
        return others;
    }

    @Override
    public void release() {
        if (others != null) {
            others.release();
        }
    }

    private static final BytesInputDecompressor ZSTD = new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            ByteBuffer source = bytes.toByteBuffer();
            byte[] target = new byte[uncompressedSize];
            long size;
            if (source.hasArray()) {
                size = Zstd.decompressByteArray(target, 0, uncompressedSize, source.array(), source.arrayOffset() + source.position(),
                        source.remaining());
            } else {
                byte[] copy = new byte[source.remaining()];
                source.duplicate().get(copy);
                size = Zstd.decompressByteArray(target, 0, uncompressedSize, copy, 0, copy.length);
            }
            check(size, uncompressedSize);
            return BytesInput.from(target);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
            ByteBuffer source = input.duplicate();
            source.limit(source.position() + compressedSize);
            byte[] compressed = new byte[compressedSize];
            source.get(compressed);
            byte[] target = new byte[uncompressedSize];
            check(Zstd.decompressByteArray(target, 0, uncompressedSize, compressed, 0, compressedSize), uncompressedSize);
            output.put(target);
        }

        private static void check(long size, int expected) throws IOException {
            if (Zstd.isError(size)) {
                throw new IOException("a zstd Parquet page does not decompress: " + Zstd.getErrorName(size));
            }
            if (size != expected) {
                throw new IOException("a zstd Parquet page decompressed to " + size + " bytes, its header says " + expected);
            }
        }

        @Override
        public void release() {}
    };
}
