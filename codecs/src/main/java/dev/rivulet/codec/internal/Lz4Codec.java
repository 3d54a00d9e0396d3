package dev.rivulet.codec.internal;

import dev.rivulet.io.NonClosing;
import dev.rivulet.result.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;

/**
 * lz4 in the frame format, through lz4-java: one frame per value, with a content checksum as the
 * {@code lz4} tool writes by default. lz4-java's streams close the stream they wrap, hence {@link
 * NonClosing}.
 */
public final class Lz4Codec implements Codec {

    // LZ4 matches reach back 64 KiB at most; 256 KiB blocks keep the per-stream buffers small
    // (lz4-java's default is 4 MiB, allocated twice for every value written).
    private static final BLOCKSIZE BLOCK_SIZE = BLOCKSIZE.SIZE_256KB;

    @Override
    public String name() {
        return "lz4";
    }

    @Override
    public OutputStream encode(OutputStream out) throws IOException {
        return new LZ4FrameOutputStream(NonClosing.output(out), BLOCK_SIZE, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.CONTENT_CHECKSUM);
    }

    @Override
    public InputStream decode(InputStream in) throws IOException {
        // one frame per value: stop at its end rather than look for another
        return new LZ4FrameInputStream(NonClosing.input(in), true);
    }
}
