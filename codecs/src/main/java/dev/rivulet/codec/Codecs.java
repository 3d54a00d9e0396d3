package dev.rivulet.codec;

import dev.rivulet.codec.internal.Lz4Codec;
import dev.rivulet.codec.internal.ZstdCodec;
import dev.rivulet.result.Codec;

/**
 * The codecs of {@code rivulet-codecs}. Tasks pick codecs by name inside a serializer name, and
 * this module registers both through {@link java.util.ServiceLoader}, so these factories are only
 * needed to configure a codec differently, for example a stronger zstd level:
 *
 * {@snippet file="dev/rivulet/codec/snippets/CodecsSnippetsTest.java" region="level-19"}
 *
 * <table>
 *   <caption>Codec names</caption>
 *   <tr><th>name</th><th>format</th><th>when</th></tr>
 *   <tr><td>{@code zstd}</td><td>a zstd frame with a content checksum, level 3 unless
 *       configured</td><td>the default of {@code compressed/<inner>}: a good ratio at high
 *       speed</td></tr>
 *   <tr><td>{@code lz4}</td><td>an LZ4 frame ({@code .lz4} file format) with a content
 *       checksum</td><td>the fastest to write and read, at a lower ratio</td></tr>
 * </table>
 *
 * <p>Both stream: neither holds a whole value in memory. Each value is one self-contained frame
 * that the {@code zstd} and {@code lz4} command-line tools also read. A frame cut short is read as
 * an {@link java.io.IOException}, never as a shorter value.
 */
public final class Codecs {

    private Codecs() {}

    /**
     * The {@code zstd} codec at level 3, zstd's default.
     *
     * @return a codec named {@code zstd}, the one {@code compressed/<inner>} serializer names use
     *     when they name no codec
     */
    public static Codec zstd() {
        return new ZstdCodec();
    }

    /**
     * The {@code zstd} codec at {@code level}: from 1 (fastest) to 22 (smallest), or negative
     * for still faster and larger output. The level only affects writing; any level reads any
     * zstd frame, so values written at one level are read back under the same name.
     *
     * @param level the compression level, from 1 to 22 or negative; 0 means zstd's default, 3
     * @return a codec named {@code zstd} that writes at {@code level}
     * @throws IllegalArgumentException if zstd has no such level
     */
    public static Codec zstd(int level) {
        return new ZstdCodec(level);
    }

    /**
     * The {@code lz4} codec: faster than zstd at both ends, with larger output.
     *
     * @return a codec named {@code lz4}, as in {@code compressed:lz4/json}
     */
    public static Codec lz4() {
        return new Lz4Codec();
    }
}
