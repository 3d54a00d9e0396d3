package dev.rivulet.storage.s3.internal.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one upload, opened again for each attempt and in slices, so that a retry sends
 * them again and parts go up from any thread.
 */
public interface UploadBody {

    /** How many bytes there are. */
    long size();

    /**
     * A stream of {@code length} bytes from {@code offset} on. A failure to read local data should
     * be a {@link LocalFileException}, which is not retried.
     */
    InputStream open(long offset, long length) throws IOException;

    /** The first {@code length} bytes of {@code bytes}, not copied: read again from the array on every attempt. */
    static UploadBody ofBytes(byte[] bytes, int length) {
        return new UploadBody() {
            @Override
            public long size() {
                return length;
            }

            @Override
            public InputStream open(long offset, long count) {
                return new ByteArrayInputStream(bytes, Math.toIntExact(offset), Math.toIntExact(count));
            }
        };
    }
}
