package dev.rivulet.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecsTest {

    private static final int MIB = 1 << 20;
    /** Odd sizes, so that writes and reads never line up with the codecs' blocks. */
    private static final int WRITE_CHUNK = 8191;
    private static final int READ_CHUNK = 5003;

    static Stream<Named<Codec>> codecs() {
        return Stream.of(Named.of("zstd", Codecs.zstd()), Named.of("lz4", Codecs.lz4()));
    }

    /** Section {@code index} of test content: random bytes for even indexes, repetitive text for odd ones. */
    private static byte[] section(int index) {
        byte[] bytes = new byte[MIB];
        if (index % 2 == 0) {
            new Random(index).nextBytes(bytes);
            return bytes;
        }
        byte[] line = "VendorID=2,PULocationID=132,DOLocationID=236,fare_amount=52.50,tip_amount=11.05\n".getBytes(UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = line[i % line.length];
        }
        return bytes;
    }

    /** Encodes {@code sections} sections of content in chunks; returns the digest of what was written. */
    private static byte[] encode(Codec codec, int sections, OutputStream out) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OutputStream encoded = codec.encode(out)) {
            for (int s = 0; s < sections; s++) {
                byte[] section = section(s);
                digest.update(section);
                for (int off = 0; off < section.length; off += WRITE_CHUNK) {
                    encoded.write(section, off, Math.min(WRITE_CHUNK, section.length - off));
                }
            }
        }
        return digest.digest();
    }

    private static byte[] encode(Codec codec, int sections) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(codec, sections, out);
        return out.toByteArray();
    }

    /** Decodes all of {@code in} in chunks; returns the digest of what was read. */
    private static byte[] decode(Codec codec, InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream decoded = codec.decode(in)) {
            byte[] chunk = new byte[READ_CHUNK];
            for (int n; (n = decoded.read(chunk)) >= 0; ) {
                digest.update(chunk, 0, n);
            }
        }
        return digest.digest();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void twentyMegabytesComeBackAsTheyWere(Codec codec) throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] written = encode(codec, 20, compressed);

        assertTrue(compressed.size() > 10 * MIB && compressed.size() < 12 * MIB, "half random, half text: " + compressed.size());
        assertArrayEquals(written, decode(codec, new ByteArrayInputStream(compressed.toByteArray())));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void encodingStreamsRatherThanHoldingTheValue(Codec codec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream encoded = codec.encode(out);
        for (int s = 0; s < 4; s++) {
            encoded.write(section(s));
        }
        int beforeClose = out.size();
        encoded.close();
        assertTrue(out.size() - beforeClose < MIB, "held back " + (out.size() - beforeClose) + " bytes until close");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void decodingStreamsRatherThanReadingAllFirst(Codec codec) throws Exception {
        byte[] compressed = encode(codec, 8);
        Counting in = new Counting(new ByteArrayInputStream(compressed));
        try (InputStream decoded = codec.decode(in)) {
            assertArrayEquals(section(0), decoded.readNBytes(MIB));
        }
        assertTrue(in.count < 2 * MIB, "read " + in.count + " of " + compressed.length + " bytes for the first section");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void anEmptyValueIsStillAFrame(Codec codec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encode(out).close();

        assertTrue(out.size() > 0, "no bytes for an empty value");
        try (InputStream decoded = codec.decode(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(-1, decoded.read());
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void truncatedInputIsAnErrorNotAShorterValue(Codec codec) throws Exception {
        byte[] compressed = encode(codec, 2);
        for (int length : new int[] {0, 1, 4, 10, compressed.length / 2, compressed.length - 4, compressed.length - 1}) {
            byte[] truncated = Arrays.copyOf(compressed, length);
            assertThrows(IOException.class, () -> decode(codec, new ByteArrayInputStream(truncated)), "cut to " + length + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aCorruptedByteIsAnError(Codec codec) throws Exception {
        // in the random section, which both codecs store as it is: only the content checksum sees the change
        byte[] corrupted = encode(codec, 2);
        corrupted[MIB / 2] ^= 0x20;
        assertThrows(IOException.class, () -> decode(codec, new ByteArrayInputStream(corrupted)));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void garbageIsAnError(Codec codec) {
        byte[] garbage = "this is not compressed data, not even close".getBytes(UTF_8);
        assertThrows(IOException.class, () -> decode(codec, new ByteArrayInputStream(garbage)));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void closingTheEncoderFinishesTheFrameButNotTheStream(Codec codec) throws Exception {
        Closable out = new Closable();
        try (OutputStream encoded = codec.encode(out)) {
            encoded.write("a value".getBytes(UTF_8));
        }
        assertFalse(out.closed, "closing the encoder closed the store's stream");

        try (InputStream decoded = codec.decode(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals("a value", new String(decoded.readAllBytes(), UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void closingTheDecoderLeavesTheStreamOpen(Codec codec) throws Exception {
        byte[] compressed = encode(codec, 1);
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(compressed)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        codec.decode(in).close();
        assertFalse(closed[0], "closing the decoder closed the store's stream");
    }

    @Test
    void zstdLevelsFromFastestToSmallest() throws Exception {
        byte[] text = section(1);
        int fastest = roundTrip(Codecs.zstd(-7), text);
        int smallest = roundTrip(Codecs.zstd(19), text);
        assertTrue(smallest <= fastest, "level 19 gave " + smallest + " bytes, level -7 " + fastest);
    }

    private static int roundTrip(Codec codec, byte[] value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encoded = codec.encode(out)) {
            encoded.write(value);
        }
        try (InputStream decoded = codec.decode(new ByteArrayInputStream(out.toByteArray()))) {
            assertArrayEquals(value, decoded.readAllBytes());
        }
        return out.size();
    }

    @Test
    void aZstdLevelOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codecs.zstd(23));
        assertTrue(e.getMessage().contains("23") && e.getMessage().contains("22"), e.getMessage());
    }

    /** An output stream that records being closed. */
    private static final class Closable extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    /** An input stream that counts the bytes taken from it. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
