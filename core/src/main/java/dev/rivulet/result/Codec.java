package dev.rivulet.result;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte-level transformation, such as compression, around a serializer's output. Chosen by name
 * in a serializer name: {@code compressed:gzip/json}. Built-in: {@code gzip}; the {@code
 * rivulet-codecs} module adds {@code zstd} (the default of {@code compressed/...}) and {@code lz4}.
 * Custom codecs with a public no-argument constructor are found through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.rivulet.result.Codec}).
 */
public interface Codec {

    /** {@return the stable name used in serializer names; no {@code /} or {@code :} in it} */
    String name();

    /**
     * {@return a stream that encodes what is written to it into {@code out}; closing it finishes the encoding but does not close {@code out}}
     *
     * @param out where the encoded bytes go
     * @throws IOException if the encoding cannot start, such as a header that cannot be written
     */
    OutputStream encode(OutputStream out) throws IOException;

    /**
     * {@return a stream that decodes {@code in}; closing it does not close {@code in}}
     *
     * @param in the encoded bytes
     * @throws IOException if the encoding cannot start, such as a header that is not this codec's
     */
    InputStream decode(InputStream in) throws IOException;
}
