package dev.rivulet.codec.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.rivulet.io.NonClosing;
import dev.rivulet.result.Codec;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;

/**
 * zstd through zstd-jni: one frame per value, with a content checksum. Codec streams are always
 * closed, and closing frees the native context, so the variants without finalizers do. zstd-jni's
 * close also closes the stream it wraps, hence {@link NonClosing}; its decoder reads ahead, so
 * bytes after the frame may be consumed.
 */
public final class ZstdCodec implements Codec {

    /** zstd's own default level. */
    public static final int DEFAULT_LEVEL = 3;

    private final int level;

    /** Level {@value #DEFAULT_LEVEL}; the constructor {@link java.util.ServiceLoader} uses. */
    public ZstdCodec() {
        this.level = DEFAULT_LEVEL;
    }

    /** @throws IllegalArgumentException if zstd has no level {@code level} */
    public ZstdCodec(int level) {
        // zstd quietly clamps a level out of range to the nearest one: refuse it instead
        int min = Zstd.minCompressionLevel();
        int max = Zstd.maxCompressionLevel();
        if (level < min || level > max) {
            throw new IllegalArgumentException("zstd level must be between " + min + " and " + max + ", got " + level);
        }
        this.level = level;
    }

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public OutputStream encode(OutputStream out) throws IOException {
        return new ZstdOutputStreamNoFinalizer(NonClosing.output(out), level).setChecksum(true);
    }

    @Override
    public InputStream decode(InputStream in) throws IOException {
        // zstd-jni reads an empty input as an empty value; a value always has a frame, so empty
        // input is one cut short.
        PushbackInputStream source = new PushbackInputStream(NonClosing.input(in), 1);
        int first = source.read();
        if (first < 0) {
            throw new EOFException("no zstd frame: the compressed input is empty");
        }
        source.unread(first);
        return new ZstdInputStreamNoFinalizer(source);
    }
}
