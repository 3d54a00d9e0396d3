package dev.rivulet.internal.result;

import dev.rivulet.io.NonClosing;
import dev.rivulet.result.Codec;
import dev.rivulet.result.Serializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

/** A serializer whose bytes pass through a codec: {@code compressed:<codec>/<inner>}. */
public final class CompressedSerializer implements Serializer {

    private final Codec codec;
    private final Serializer inner;

    public CompressedSerializer(Codec codec, Serializer inner) {
        this.codec = codec;
        this.inner = inner;
    }

    @Override
    public String name() {
        return "compressed:" + codec.name() + "/" + inner.name();
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        try (OutputStream encoded = codec.encode(NonClosing.output(out))) {
            inner.write(value, type, encoded);
        }
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        try (InputStream decoded = codec.decode(NonClosing.input(in))) {
            Object value = inner.read(decoded, type);
            // Read to the end of the frame, so the codec checks its own checksum and length.
            decoded.transferTo(OutputStream.nullOutputStream());
            return value;
        }
    }
}
