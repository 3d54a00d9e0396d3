package dev.rivulet.result;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stored result opened for reading: its record and a stream of its bytes. The stream checks the
 * size and checksum as it reaches the end and throws {@link CorruptResultException} on a mismatch;
 * closing it early skips that check. Close it when done.
 */
public record StoredResult(ResultRecord record, InputStream data) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        data.close();
    }
}
