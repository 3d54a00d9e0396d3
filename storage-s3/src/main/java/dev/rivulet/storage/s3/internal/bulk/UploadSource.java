package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.internal.transfer.LocalFileException;
import dev.rivulet.storage.s3.internal.transfer.UploadBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** The data of one upload, read in slices so that parts of it go up in parallel. */
public sealed interface UploadSource extends UploadBody {

    /** The file {@code file}, sized now: a missing file fails here. */
    static UploadSource ofFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new FileSource(file, channel.size());
        }
    }

    /** The array {@code bytes}, not copied. */
    static UploadSource ofBytes(byte[] bytes) {
        return new BytesSource(Objects.requireNonNull(bytes, "bytes"));
    }

    /** A file, opened once per slice and read with positional reads. */
    record FileSource(Path file, long size) implements UploadSource {

        @Override
        public InputStream open(long offset, long length) throws IOException {
            try {
                return new SliceStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
            } catch (IOException e) {
                throw new LocalFileException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /** A byte array. */
    record BytesSource(byte[] bytes) implements UploadSource {

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open(long offset, long length) {
            return new ByteArrayInputStream(bytes, Math.toIntExact(offset), Math.toIntExact(length));
        }

        @Override
        public String toString() {
            return bytes.length + " bytes";
        }
    }

    /** {@code length} bytes of a file channel from {@code offset} on, ending early only with an error. */
    final class SliceStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        SliceStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (position >= end) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            } catch (IOException e) {
                throw new LocalFileException("cannot read the data to upload: " + e.getMessage(), e);
            }
            if (n < 0) {
                throw new LocalFileException("the file to upload became shorter while it was read: it ended at byte " + position
                        + ", " + (end - position) + " bytes before the end of the part", null);
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
