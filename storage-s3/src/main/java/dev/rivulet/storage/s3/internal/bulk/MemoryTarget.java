package dev.rivulet.storage.s3.internal.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** A download into a byte array: the response body is read straight into place, without a buffer between. */
final class MemoryTarget implements DownloadTarget {

    /** The largest array the JVM reliably allocates. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private final byte[] bytes;

    MemoryTarget(long size) {
        this.bytes = new byte[Math.toIntExact(size)];
    }

    @Override
    public int readFrom(InputStream in, long offset, int max, MessageDigest digest) throws IOException {
        int position = (int) offset;
        int n = in.read(bytes, position, max);
        if (n > 0 && digest != null) {
            digest.update(bytes, position, n);
        }
        return n;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public void discard() {
        // The array goes with the last reference to it.
    }
}
