package dev.rivulet.internal.io;

import dev.rivulet.io.RangedSource;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file, read with positional reads of one {@link FileChannel}, which many threads may do at
 * once without a lock.
 *
 * <p>A {@code FileChannel} closes itself for every thread when one thread is interrupted in a read
 * ({@link ClosedByInterruptException}): a cancelled decoder would end the reads of all the others.
 * So the interrupted read fails as interrupted, and a read that finds the channel closed that way
 * opens the file again and goes on.
 */
final class FileRangedSource extends RangedSource {

    private final Path file;
    private volatile FileChannel channel;

    private FileRangedSource(Path file, String name, FileChannel channel, long size) {
        super(name, size);
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file}, called {@code name} (the path or URI it was given as) in messages. */
    static FileRangedSource open(Path file, String name) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            if (name.equals(file.toString())) {
                throw e;
            }
            NoSuchFileException named = new NoSuchFileException(name, null, "no such file: " + file);
            named.initCause(e);
            throw named;
        }
        try {
            return new FileRangedSource(file, name, channel, channel.size());
        } catch (RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    @Override
    protected void readFully(long offset, ByteBuffer into) throws IOException {
        long position = offset;
        while (into.hasRemaining()) {
            int n = readOnce(into, position);
            if (n < 0) {
                throw new EOFException(name() + " ended at byte " + position + ", before the " + size() + " bytes it had when opened: it was"
                        + " truncated while it was read");
            }
            position += n;
        }
    }

    private int readOnce(ByteBuffer into, long position) throws IOException {
        while (true) {
            FileChannel current = channel;
            try {
                return current.read(into, position);
            } catch (ClosedByInterruptException e) {
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while reading " + name());
                interrupted.initCause(e);
                throw interrupted;
            } catch (ClosedChannelException e) {
                if (!isOpen()) {
                    throw new IOException(name() + " is closed", e);
                }
                reopen(current);
            }
        }
    }

    /** Opens the file again if {@code closed} is still the channel: another thread's interrupt closed it. */
    private synchronized void reopen(FileChannel closed) throws IOException {
        if (channel == closed && isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
    }

    @Override
    protected synchronized void release() throws IOException {
        channel.close();
    }
}
