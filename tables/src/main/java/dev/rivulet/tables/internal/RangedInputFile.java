package dev.rivulet.tables.internal;

import dev.rivulet.io.RangedSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A {@link RangedSource} (a file, an {@code https://} or {@code s3://} object) as parquet-java's
 * {@link InputFile}, so the loader reads a remote file's footer and the chunks of the columns and
 * row groups it needs, by range, and nothing else.
 *
 * <p>Each stream reads what is asked of it in whole ranges: parquet-java and Hardwood read a column
 * chunk (or several neighbouring ones) in one read, which is one request for exactly those bytes.
 * Reads of less than {@link #SMALL_READ} bytes (the footer's length and magic, single bytes) are
 * served from a window of {@link #WINDOW} bytes fetched in one request; near the end of the file
 * the window is the file's last {@link #WINDOW} bytes, so the footer that the length points to is
 * usually in it already, and a file's footer costs one request. Streams are not shared between
 * threads; the source is, and stays the caller's to close.
 */
final class RangedInputFile implements InputFile {

    /** Reads shorter than this are served from a window fetched in one request. */
    static final int SMALL_READ = 8 * 1024;

    /** The bytes fetched for small reads, and the tail fetched when a small read falls in it. */
    static final int WINDOW = 64 * 1024;

    private final RangedSource source;

    RangedInputFile(RangedSource source) {
        this.source = source;
    }

    @Override
    public long getLength() {
        return source.size();
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream(source);
    }

    @Override
    public String toString() {
        return source.name();
    }

    private static final class Stream extends SeekableInputStream {
        private final RangedSource source;
        private long position;
        /** Bytes of the source from {@code bufferStart}, or null before the first small read. */
        private ByteBuffer buffer;
        private long bufferStart;
        private long bufferEnd;

        Stream(RangedSource source) {
            this.source = source;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > source.size()) {
                throw new EOFException("cannot seek to " + newPos + " in " + source.name() + " of " + source.size() + " bytes");
            }
            position = newPos;
        }

        @Override
        public int read() throws IOException {
            if (position >= source.size()) {
                return -1;
            }
            ByteBuffer buffered = buffered(1);
            position++;
            return buffered.get() & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long left = source.size() - position;
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            readFully(ByteBuffer.wrap(bytes, offset, n));
            return n;
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            if (!into.hasRemaining()) {
                return 0;
            }
            long left = source.size() - position;
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(into.remaining(), left);
            ByteBuffer part = into.slice(into.position(), n);
            readFully(part);
            into.position(into.position() + n);
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int offset, int length) throws IOException {
            readFully(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void readFully(ByteBuffer into) throws IOException {
            int length = into.remaining();
            if (position + length > source.size()) {
                throw new EOFException("cannot read " + length + " bytes at " + position + " of " + source.name() + ", which has "
                        + source.size());
            }
            if (length == 0) {
                return;
            }
            if (buffer != null && position >= bufferStart && position + length <= bufferEnd) {
                into.put(window().limit((int) (position - bufferStart) + length));
            } else if (length >= SMALL_READ) {
                source.read(position, into);
            } else {
                fill();
                into.put(window().limit((int) (position - bufferStart) + length));
            }
            position += length;
        }

        /** The buffer positioned at {@code position}, holding at least {@code length} bytes from there; refilled if it does not. */
        private ByteBuffer buffered(int length) throws IOException {
            if (buffer == null || position < bufferStart || position + length > bufferEnd) {
                fill();
            }
            return window();
        }

        /** Fetches the window for a small read at {@code position}: the file's tail when it is near the end. */
        private void fill() throws IOException {
            long size = source.size();
            long start = size - position <= WINDOW ? Math.max(0, size - WINDOW) : position;
            int length = (int) Math.min(WINDOW, size - start);
            if (buffer == null) {
                buffer = ByteBuffer.allocate(WINDOW);
            }
            source.read(start, buffer.clear().limit(length));
            bufferStart = start;
            bufferEnd = start + length;
        }

        /** The valid bytes of the buffer, positioned at {@code position}. */
        private ByteBuffer window() {
            return buffer.duplicate().limit((int) (bufferEnd - bufferStart)).position((int) (position - bufferStart));
        }

        @Override
        public void close() {
            buffer = null;
        }
    }
}
