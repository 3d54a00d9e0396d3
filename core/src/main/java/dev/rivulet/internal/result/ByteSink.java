package dev.rivulet.internal.result;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer whose contents are read back without a copy. */
final class ByteSink extends OutputStream {

    private byte[] buffer = new byte[256];
    private int count;

    @Override
    public void write(int b) {
        ensure(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    private void ensure(int more) {
        long needed = (long) count + more;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("a result of more than 2 GiB does not fit the memory store; persist it to a disk or S3 store");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min((long) buffer.length * 2, Integer.MAX_VALUE - 8)));
        }
    }

    int size() {
        return count;
    }

    /** The bytes, trimmed to size once so the store holds no slack. */
    byte[] toTrimmedArray() {
        if (buffer.length != count) {
            buffer = Arrays.copyOf(buffer, count);
        }
        return buffer;
    }

    static InputStream read(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
