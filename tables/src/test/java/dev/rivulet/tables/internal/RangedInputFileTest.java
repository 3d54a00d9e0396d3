package dev.rivulet.tables.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSources;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads through the stream parquet-java gets: whole ranges, small reads from a window, the file's end. */
class RangedInputFileTest {

    @TempDir
    Path dir;

    private static byte[] bytes(int size) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31 + i / 256);
        }
        return content;
    }

    @Test
    void readsEveryKindOfReadAsTheFileHoldsIt() throws IOException {
        byte[] content = bytes(3 * RangedInputFile.WINDOW + 123);
        Path file = Files.write(dir.resolve("data.bin"), content);
        try (RangedSource source = RangedSources.open(file); SeekableInputStream in = new RangedInputFile(source).newStream()) {
            // the tail, as a footer read starts: 8 bytes from the end, then the bytes before them
            in.seek(content.length - 8);
            byte[] tail = new byte[8];
            in.readFully(tail);
            assertArrayEquals(Arrays.copyOfRange(content, content.length - 8, content.length), tail);
            assertEquals(-1, in.read(), "at the end");
            in.seek(content.length - 5000);
            byte[] footer = new byte[4992];
            in.readFully(footer);
            assertArrayEquals(Arrays.copyOfRange(content, content.length - 5000, content.length - 8), footer);
            // a chunk, larger than a small read, read straight
            in.seek(10);
            ByteBuffer chunk = ByteBuffer.allocate(RangedInputFile.SMALL_READ * 4);
            in.readFully(chunk);
            assertArrayEquals(Arrays.copyOfRange(content, 10, 10 + chunk.capacity()), chunk.array());
            // single bytes and small reads across a window's edge
            in.seek(RangedInputFile.WINDOW - 2);
            assertEquals(content[RangedInputFile.WINDOW - 2] & 0xff, in.read());
            byte[] across = new byte[100];
            in.readFully(across);
            assertArrayEquals(Arrays.copyOfRange(content, RangedInputFile.WINDOW - 1, RangedInputFile.WINDOW + 99), across);
            assertEquals(RangedInputFile.WINDOW + 99, in.getPos());
        }
    }

    @Test
    void readsPastTheEndFailAndShortReadsStopThere() throws IOException {
        byte[] content = bytes(1000);
        Path file = Files.write(dir.resolve("small.bin"), content);
        try (RangedSource source = RangedSources.open(file); SeekableInputStream in = new RangedInputFile(source).newStream()) {
            assertThrows(EOFException.class, () -> in.seek(1001));
            assertThrows(EOFException.class, () -> in.seek(-1));
            in.seek(990);
            assertThrows(EOFException.class, () -> in.readFully(new byte[11]));
            assertEquals(990, in.getPos(), "a failed read does not move the stream");
            byte[] rest = new byte[50];
            assertEquals(10, in.read(rest, 0, 50), "a read stops at the end");
            assertArrayEquals(Arrays.copyOfRange(content, 990, 1000), Arrays.copyOf(rest, 10));
            assertEquals(-1, in.read(rest, 0, 50));
            assertEquals(-1, in.read(ByteBuffer.allocate(4)));
        }
    }
}
