package dev.rivulet.tables.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;

/**
 * Arrow IPC's {@code LZ4_FRAME} buffer codec through lz4-java's native block compressor: each
 * buffer one LZ4 frame (the format of {@code lz4} and {@code LZ4F_compressFrame}) of independent
 * blocks of up to 4 MiB, a block that does not shrink stored as it is. Arrow's own LZ4 codec goes
 * through commons-compress streams, several times slower, and is not on this module's class path.
 *
 * <p>A buffer whose first {@value #SAMPLE} bytes do not shrink by a tenth is stored as it is, as
 * Arrow's format allows (uncompressed length -1): random doubles, timestamps to the microsecond and
 * the like would cost a full pass of the compressor to save a few percent. The sample is the frame's
 * first block, so a buffer that does compress is not compressed twice.
 *
 * <p>Reads any frame of independent blocks, with or without content size, block and content
 * checksums (which it verifies); a frame of linked blocks, which lz4-java cannot decode, is refused
 * with an error saying so, as is a frame that is damaged or decodes to another length than the
 * buffer's.
 */
final class Lz4FrameCodec extends AbstractCompressionCodec {

    static final Lz4FrameCodec INSTANCE = new Lz4FrameCodec();

    private static final int MAGIC = 0x184D2204;
    private static final int VERSION_01 = 0x40;
    private static final int FLAG_INDEPENDENT_BLOCKS = 0x20;
    private static final int FLAG_BLOCK_CHECKSUM = 0x10;
    private static final int FLAG_CONTENT_SIZE = 0x08;
    private static final int FLAG_CONTENT_CHECKSUM = 0x04;
    private static final int FLAG_DICTIONARY_ID = 0x01;
    private static final int BLOCK_MAX_4MB = 7;
    private static final int MAX_BLOCK = 4 << 20;
    private static final int STORED_BLOCK = 0x80000000;
    private static final int HEADER = 7;        // magic, FLG, BD, header checksum
    private static final int LENGTH_PREFIX = 8; // Arrow's uncompressed length before every buffer
    static final int SAMPLE = 16 << 10;
    /** A sample compressed to more than this share of its size stores the buffer as it is. */
    private static final double WORTH_COMPRESSING = 0.9;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    private Lz4FrameCodec() {}

    @Override
    public CodecType getCodecType() {
        return CodecType.LZ4_FRAME;
    }

    /** As {@link AbstractCompressionCodec#compress}, but a buffer whose sample does not shrink is stored without a full pass. */
    @Override
    public ArrowBuf compress(BufferAllocator allocator, ArrowBuf uncompressed) {
        long length = uncompressed.writerIndex();
        if (length == 0) {
            return super.compress(allocator, uncompressed);
        }
        ArrowBuf frame = frame(allocator, uncompressed, true);
        if (frame != null && frame.writerIndex() - LENGTH_PREFIX >= length) {
            frame.close();
            frame = null;
        }
        ArrowBuf result = frame != null ? frame : CompressionUtil.packageRawBuffer(allocator, uncompressed);
        if (frame != null) {
            writeUncompressedLength(frame, length);
        }
        uncompressed.close();                                         // as AbstractCompressionCodec does
        return result;
    }

    /** The frame of every block, without sampling; {@link #compress} is what Arrow calls. */
    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
        return frame(allocator, uncompressed, false);
    }

    /** {@code uncompressed} as a frame after room for Arrow's length prefix, or null if {@code sample}d and not worth it. */
    private static ArrowBuf frame(BufferAllocator allocator, ArrowBuf uncompressed, boolean sample) {
        long length = uncompressed.writerIndex();
        long blocks = 2 + length / MAX_BLOCK;                        // the sample's and the rest's, at most
        // lz4's bound on a block of n bytes is n + n / 255 + 16; each block has a 4-byte size, the frame an end mark
        long bound = LENGTH_PREFIX + HEADER + length + length / 255 + blocks * (16 + 4) + 4;
        ArrowBuf compressed = allocator.buffer(bound);
        try {
            ByteBuffer out = compressed.nioBuffer(0, (int) bound).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer in = uncompressed.nioBuffer(0, (int) length);
            int position = LENGTH_PREFIX;
            out.putInt(position, MAGIC);
            out.put(position + 4, (byte) (VERSION_01 | FLAG_INDEPENDENT_BLOCKS));
            out.put(position + 5, (byte) (BLOCK_MAX_4MB << 4));
            out.put(position + 6, headerChecksum(out, position + 4, 2));
            position += HEADER;
            for (int start = 0; start < length; ) {
                // the sample is the first block, so a buffer that compresses is compressed once
                int size = (int) Math.min(sample && start == 0 ? SAMPLE : MAX_BLOCK, length - start);
                int written = COMPRESSOR.compress(in, start, size, out, position + 4, COMPRESSOR.maxCompressedLength(size));
                if (sample && start == 0 && size < length && written > size * WORTH_COMPRESSING) {
                    compressed.close();
                    return null;
                }
                if (written >= size) {
                    out.put(position + 4, in, start, size);
                    out.putInt(position, STORED_BLOCK | size);
                    written = size;
                } else {
                    out.putInt(position, written);
                }
                position += 4 + written;
                start += size;
            }
            out.putInt(position, 0);                                  // end mark
            compressed.writerIndex(position + 4);
            return compressed;
        } catch (RuntimeException | Error e) {
            compressed.close();
            throw e;
        }
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
        long expected = readUncompressedLength(compressed);
        if (expected < 0 || expected > Integer.MAX_VALUE) {
            throw damaged("an uncompressed length of " + expected + " bytes");
        }
        long frameLength = compressed.writerIndex() - LENGTH_PREFIX;
        if (frameLength > Integer.MAX_VALUE) {
            throw damaged("a frame of " + frameLength + " bytes");
        }
        ByteBuffer in = compressed.nioBuffer(LENGTH_PREFIX, (int) frameLength).order(ByteOrder.LITTLE_ENDIAN);
        ArrowBuf decompressed = allocator.buffer(expected);
        try {
            ByteBuffer out = decompressed.nioBuffer(0, (int) expected);
            int length = new FrameReader(in, out).read();
            if (length != expected) {
                throw damaged("a frame of " + length + " bytes where the buffer has " + expected);
            }
            decompressed.writerIndex(expected);
            return decompressed;
        } catch (RuntimeException | Error e) {
            decompressed.close();
            throw e;
        }
    }

    private static byte headerChecksum(ByteBuffer buffer, int offset, int length) {
        return (byte) (XXHASH.hash(buffer, offset, length, 0) >>> 8);
    }

    private static IllegalStateException damaged(String what) {
        return new IllegalStateException("damaged LZ4 frame in an Arrow buffer: " + what);
    }

    /** One frame from {@code in}, decoded into {@code out} from its start. */
    private static final class FrameReader {
        private final ByteBuffer in;
        private final ByteBuffer out;
        private int position;
        private int written;

        FrameReader(ByteBuffer in, ByteBuffer out) {
            this.in = in;
            this.out = out;
        }

        /** {@return the bytes decoded} */
        int read() {
            require(HEADER);
            if (in.getInt(0) != MAGIC) {
                throw damaged(String.format("magic number 0x%08X, not LZ4's 0x%08X", in.getInt(0), MAGIC));
            }
            int flags = in.get(4) & 0xFF;
            if ((flags & 0xC0) != VERSION_01) {
                throw damaged("frame version " + (flags >>> 6) + ", not 1");
            }
            if ((flags & FLAG_INDEPENDENT_BLOCKS) == 0) {
                throw new IllegalStateException("an LZ4 frame of linked blocks in an Arrow buffer, which this reader does not decode;"
                        + " write the file with independent blocks or with zstd");
            }
            int descriptor = 2 + ((flags & FLAG_CONTENT_SIZE) != 0 ? 8 : 0) + ((flags & FLAG_DICTIONARY_ID) != 0 ? 4 : 0);
            require(4 + descriptor + 1);
            if (in.get(4 + descriptor) != headerChecksum(in, 4, descriptor)) {
                throw damaged("the frame descriptor's checksum does not match");
            }
            if ((flags & FLAG_CONTENT_SIZE) != 0 && in.getLong(6) != out.capacity()) {
                throw damaged("a content size of " + in.getLong(6) + " bytes where the buffer has " + out.capacity());
            }
            int maxBlock = 1 << (8 + 2 * ((in.get(5) >>> 4) & 0x7));
            position = 4 + descriptor + 1;
            boolean blockChecksums = (flags & FLAG_BLOCK_CHECKSUM) != 0;
            while (true) {
                require(4);
                int header = in.getInt(position);
                position += 4;
                if (header == 0) {
                    break;
                }
                readBlock(header, maxBlock, blockChecksums);
            }
            if ((flags & FLAG_CONTENT_CHECKSUM) != 0) {
                require(4);
                if (in.getInt(position) != XXHASH.hash(out, 0, written, 0)) {
                    throw damaged("the content checksum does not match");
                }
            }
            return written;
        }

        private void readBlock(int header, int maxBlock, boolean checksum) {
            int size = header & ~STORED_BLOCK;
            if (size > maxBlock) {
                throw damaged("a block of " + size + " bytes, over the frame's maximum of " + maxBlock);
            }
            require(size + (checksum ? 4 : 0));
            if (checksum && in.getInt(position + size) != XXHASH.hash(in, position, size, 0)) {
                throw damaged("a block checksum does not match");
            }
            int room = out.capacity() - written;
            if ((header & STORED_BLOCK) != 0) {
                if (size > room) {
                    throw damaged("more bytes than the buffer's " + out.capacity());
                }
                out.put(written, in, position, size);
                written += size;
            } else {
                try {
                    written += DECOMPRESSOR.decompress(in, position, size, out, written, Math.min(room, maxBlock));
                } catch (LZ4Exception e) {
                    throw damaged("a block does not decode (" + e.getMessage() + ")");
                }
            }
            position += size + (checksum ? 4 : 0);
        }

        private void require(int bytes) {
            if (bytes < 0 || position + bytes > in.capacity()) {
                throw damaged("the frame ends after " + in.capacity() + " bytes, in the middle of a block or header");
            }
        }
    }
}
