package dev.rivulet.internal.result;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stored value's bytes on their way to a decoder, with how many of them are left to read. */
public final class RemainingInput extends FilterInputStream {

    private long remaining;

    public RemainingInput(InputStream in, long size) {
        super(in);
        this.remaining = size;
    }

    /** How many bytes are left, by the record; a decoder may have buffered some of those read. */
    public long remaining() {
        return remaining;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
