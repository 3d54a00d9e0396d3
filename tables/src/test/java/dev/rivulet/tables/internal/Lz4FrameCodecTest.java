package dev.rivulet.tables.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Lz4FrameCodecTest {

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void nothingLeftAllocated() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory left allocated");
        allocator.close();
    }

    @Test
    void buffersOfEveryShapeComeBack() {
        byte[][] shapes = {new byte[0], "ten bytes!".getBytes(), prices(100_000), prices(9 << 20), random(200_000), random(10)};
        for (byte[] bytes : shapes) {
            assertArrayEquals(bytes, roundTrip(bytes), bytes.length + " bytes");
        }
    }

    @Test
    void aCompressibleBufferShrinksAndIsAnLz4FrameOfIndependentBlocks() throws Exception {
        byte[] bytes = prices(9 << 20);                      // three blocks of at most 4 MiB after the sample
        byte[] stored = compress(bytes);
        ByteBuffer prefix = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(bytes.length, prefix.getLong(0), "Arrow's uncompressed length");
        assertTrue(stored.length < bytes.length * 0.8, "compressed to " + stored.length);
        // lz4-java's own frame reader, which refuses linked blocks and checks the header checksum, reads it
        try (LZ4FrameInputStream frame = new LZ4FrameInputStream(new ByteArrayInputStream(stored, 8, stored.length - 8))) {
            assertArrayEquals(bytes, frame.readAllBytes());
        }
    }

    @Test
    void aBufferWhoseSampleDoesNotShrinkIsStoredAsItIs() {
        byte[] bytes = random(1 << 20);
        byte[] stored = compress(bytes);
        assertEquals(-1, ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getLong(0), "Arrow's mark of a buffer stored as it is");
        assertArrayEquals(bytes, Arrays.copyOfRange(stored, 8, stored.length));
    }

    @Test
    void framesOfOtherWritersWithContentSizeAndChecksumsRead() throws Exception {
        byte[] bytes = prices(300_000);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(frame, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB, bytes.length,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            out.write(bytes);
        }
        assertArrayEquals(bytes, decompress(withPrefix(bytes.length, frame.toByteArray())));
    }

    @Test
    void aFrameOfLinkedBlocksIsRefusedSayingSo() {
        byte[] stored = compress(prices(100_000));
        stored[12] &= ~0x20;                                   // FLG: blocks depend on the ones before
        stored[14] = (byte) (XXHashFactory.fastestInstance().hash32().hash(stored, 12, 2, 0) >>> 8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> decompress(stored));
        assertTrue(e.getMessage().contains("linked blocks"), e.getMessage());
    }

    @Test
    void aDamagedOrCutFrameIsAnErrorNamingTheFormat() {
        byte[] stored = compress(prices(100_000));
        byte[] cut = Arrays.copyOf(stored, stored.length - 100);
        byte[] badMagic = stored.clone();
        badMagic[8] ^= 0x55;
        byte[] badHeader = stored.clone();
        badHeader[13] ^= 0x10;                                 // BD, which the header checksum covers
        byte[] badBlockSize = stored.clone();
        badBlockSize[8 + 7 + 2] = 0x7F;                        // the first block's size, now far past the frame's end
        for (byte[] damaged : new byte[][] {cut, badMagic, badHeader, badBlockSize}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> decompress(damaged));
            assertTrue(e.getMessage().startsWith("damaged LZ4 frame"), e.getMessage());
        }
    }

    @Test
    void aFrameOfAnotherLengthThanTheBufferIsAnError() {
        byte[] stored = compress(prices(100_000));
        ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_008);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> decompress(stored));
        assertTrue(e.getMessage().contains("100008"), e.getMessage());
    }

    private byte[] roundTrip(byte[] bytes) {
        return decompress(compress(bytes));
    }

    private byte[] compress(byte[] bytes) {
        ArrowBuf buffer = allocator.buffer(Math.max(1, bytes.length));
        buffer.setBytes(0, bytes);
        buffer.writerIndex(bytes.length);
        try (ArrowBuf compressed = Lz4FrameCodec.INSTANCE.compress(allocator, buffer)) {   // closes buffer, as Arrow's codecs do
            return bytesOf(compressed);
        }
    }

    private byte[] decompress(byte[] stored) {
        ArrowBuf buffer = allocator.buffer(stored.length);
        buffer.setBytes(0, stored);
        buffer.writerIndex(stored.length);
        ArrowBuf decompressed;
        try {
            decompressed = Lz4FrameCodec.INSTANCE.decompress(allocator, buffer);       // closes buffer once done
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
        try (decompressed) {
            return bytesOf(decompressed);
        }
    }

    private static byte[] bytesOf(ArrowBuf buffer) {
        byte[] bytes = new byte[(int) buffer.writerIndex()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] withPrefix(long uncompressedLength, byte[] frame) {
        ByteBuffer stored = ByteBuffer.allocate(8 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        stored.putLong(uncompressedLength).put(frame);
        return stored.array();
    }

    /** Prices in cents as doubles, the way a table's amounts look: compressible. */
    private static byte[] prices(int length) {
        SplittableRandom random = new SplittableRandom(7);
        ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (bytes.remaining() >= 8) {
            bytes.putDouble(random.nextInt(5_000) / 100.0);
        }
        return bytes.array();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SplittableRandom(11).nextBytes(bytes);
        return bytes;
    }
}
