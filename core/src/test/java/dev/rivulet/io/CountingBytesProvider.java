package dev.rivulet.io;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A provider found through ServiceLoader in core's tests: {@code counting-bytes:N} is N bytes, byte
 * {@code i} being {@code i % 251}.
 */
public final class CountingBytesProvider implements RangedSourceProvider {

    /** The constructor ServiceLoader uses. */
    public CountingBytesProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of("counting-bytes");
    }

    @Override
    public RangedSource open(URI uri) {
        return new RangedSource(uri.toString(), Long.parseLong(uri.getSchemeSpecificPart())) {
            @Override
            protected void readFully(long offset, ByteBuffer into) {
                for (long i = offset; into.hasRemaining(); i++) {
                    into.put((byte) (i % 251));
                }
            }

            @Override
            protected void release() {}
        };
    }
}
