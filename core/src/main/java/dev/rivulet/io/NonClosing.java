package dev.rivulet.io;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Stream wrappers whose {@code close} leaves the underlying stream open, for handing a stream to a
 * library that closes what it is given (an {@code ObjectOutputStream}, a compressor) when the stream
 * belongs to the caller: a {@link dev.rivulet.result.Serializer} or {@link dev.rivulet.result.Codec}
 * must leave the stream it is handed open.
 */
public final class NonClosing {

    private NonClosing() {}

    /**
     * A stream that writes to {@code out}; its {@code close} flushes {@code out} and leaves it open.
     *
     * @param out the stream to write to
     * @return a stream whose close does not close {@code out}
     */
    public static OutputStream output(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /**
     * A stream that reads from {@code in}; its {@code close} leaves {@code in} open.
     *
     * @param in the stream to read from
     * @return a stream whose close does not close {@code in}
     */
    public static InputStream input(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the owner of the stream closes it
            }
        };
    }
}
