package dev.rivulet.internal.result;

import dev.rivulet.io.NonClosing;
import dev.rivulet.result.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip, from the JDK. */
public final class GzipCodec implements Codec {

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public OutputStream encode(OutputStream out) throws IOException {
        return new GZIPOutputStream(NonClosing.output(out), 1 << 16);
    }

    @Override
    public InputStream decode(InputStream in) throws IOException {
        return new GZIPInputStream(NonClosing.input(in), 1 << 16);
    }
}
