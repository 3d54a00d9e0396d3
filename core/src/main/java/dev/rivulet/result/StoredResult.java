package dev.rivulet.result;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stored result opened for reading: its record and a stream of its bytes. The stream checks the
 * size and checksum as it reaches the end and throws {@link CorruptResultException} on a mismatch;
 * closing it early skips that check. Close it when done.
 *
 * @param record the entry's metadata
 * @param data the entry's bytes, as the serializer wrote them
 */
public record StoredResult(ResultRecord record, InputStream data) implements AutoCloseable {

    /**
     * Closes the stream of bytes.
     *
     * @throws IOException if the store fails to release it
     */
    @Override
    public void close() throws IOException {
        data.close();
    }
}
