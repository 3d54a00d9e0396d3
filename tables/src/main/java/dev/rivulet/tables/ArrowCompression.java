package dev.rivulet.tables;

import java.util.Objects;

/**
 * How the {@code arrow} serializer compresses the buffers of an Arrow IPC stream: with LZ4 frames
 * ({@link #lz4()}, the default) or zstd at a level ({@link #zstd(int)}). Both are codecs of the Arrow
 * IPC format, so any Arrow library reads either ({@code pyarrow.ipc.open_stream}), and the {@code
 * arrow} serializer reads a stream of either whatever it writes itself. A buffer that does not
 * shrink is stored as it is, as the format allows.
 *
 * <table>
 *   <caption>The codecs on the 3M-row taxi table (docs/benchmarks.md, {@code persist-table})</caption>
 *   <tr><th>codec</th><th>file size of the buffers</th><th>compression, one thread</th></tr>
 *   <tr><td>{@code lz4()}</td><td>0.34</td><td>about 900 MB/s</td></tr>
 *   <tr><td>{@code zstd(1)}</td><td>0.22</td><td>about 500 MB/s</td></tr>
 * </table>
 *
 * <p>zstd pays where the disk or network is slower than it compresses (an S3 store over a slow
 * link); lz4 comes closer to keeping up with a local disk. Neither adds a checksum: a damaged
 * header or a cut stream is an error, a flipped bit inside compressed bytes may not be.
 */
public final class ArrowCompression {

    /** The codecs of Arrow IPC buffers this serializer writes. */
    public enum Codec {
        /** LZ4 frames, Arrow's {@code LZ4_FRAME}. */
        LZ4_FRAME,
        /** zstd frames, Arrow's {@code ZSTD}. */
        ZSTD
    }

    private static final ArrowCompression LZ4 = new ArrowCompression(Codec.LZ4_FRAME, 0);

    private final Codec codec;
    private final int level;

    private ArrowCompression(Codec codec, int level) {
        this.codec = codec;
        this.level = level;
    }

    /** {@return LZ4 frames of independent blocks, lz4's fast level} */
    public static ArrowCompression lz4() {
        return LZ4;
    }

    /**
     * zstd at {@code level}: 1 is fast, 3 zstd's default, up to 22 smallest and slowest; the
     * negative levels -1 to -7 are faster still and larger.
     *
     * @param level the zstd level
     * @return zstd at that level
     * @throws IllegalArgumentException if zstd has no such level
     */
    public static ArrowCompression zstd(int level) {
        if (level < -7 || level > 22) {
            throw new IllegalArgumentException("zstd level must be between -7 and 22, got " + level);
        }
        return new ArrowCompression(Codec.ZSTD, level);
    }

    /** {@return the codec} */
    public Codec codec() {
        return codec;
    }

    /** {@return the codec's level: zstd's, or 0 for lz4, which has one} */
    public int level() {
        return level;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrowCompression that && codec == that.codec && level == that.level;
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, level);
    }

    /** {@return {@code lz4} or {@code zstd level N}} */
    @Override
    public String toString() {
        return codec == Codec.LZ4_FRAME ? "lz4" : "zstd level " + level;
    }
}
