package dev.rivulet.testing.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts calls in a file, under a file lock: a count that the bodies of a task see alike whichever
 * JVM on this machine carries them out.
 */
final class Attempts {

    private Attempts() {}

    /** A new counter at zero, in a file of its own that is deleted when this JVM ends. */
    static Path newCounter() {
        try {
            Path file = Files.createTempFile("rivulet-attempts-", ".count");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one to the counter and returns the new count. */
    static int next(Path counter) {
        try (FileChannel channel = FileChannel.open(counter, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            ByteBuffer bytes = ByteBuffer.allocate(4);
            int count = channel.read(bytes, 0) == 4 ? bytes.flip().getInt() : 0;
            channel.write(ByteBuffer.allocate(4).putInt(0, count + 1), 0);
            return count + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The count so far. */
    static int count(Path counter) {
        try {
            byte[] bytes = Files.readAllBytes(counter);
            return bytes.length == 4 ? ByteBuffer.wrap(bytes).getInt() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
