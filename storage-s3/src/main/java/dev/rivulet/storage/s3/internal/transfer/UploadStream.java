package dev.rivulet.storage.s3.internal.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Streams bytes into one S3 object, holding at most one part in memory: a value that fits in one
 * part goes up with a single PutObject when {@link #finish()} is called; a larger one as a {@link
 * MultipartUpload}, a part whenever the buffer is full and more bytes come. The object appears only
 * when {@link #finish()} succeeds; {@link #close()} without it aborts, so a failed write leaves no
 * object and no incomplete upload.
 *
 * <p>Not thread-safe: one writer.
 */
public final class UploadStream extends OutputStream {

    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3Transfers transfers;
    private final ObjectSpec spec;
    private final boolean uniqueKey;
    private final int partSize;
    private byte[] buffer;
    private int filled;
    private long size;
    private MultipartUpload upload;
    private int parts;
    private boolean finished;
    private boolean closed;

    /**
     * An upload of {@code spec} in parts of {@code partSize} bytes (at least 5 MiB for S3); {@code
     * uniqueKey} says whether the key is this upload's alone (see {@link MultipartUpload}).
     */
    public UploadStream(S3Transfers transfers, ObjectSpec spec, boolean uniqueKey, int partSize) {
        this.transfers = transfers;
        this.spec = spec;
        this.uniqueKey = uniqueKey;
        this.partSize = partSize;
        this.buffer = new byte[Math.min(FIRST_BUFFER, partSize)];
    }

    @Override
    public void write(int b) throws IOException {
        room(1);
        buffer[filled++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = room(length);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            size += n;
        }
    }

    /**
     * Makes room in the buffer for up to {@code wanted} bytes, sending the buffer as a part when it
     * is full; returns how many fit.
     */
    private int room(int wanted) throws IOException {
        checkOpen();
        if (filled == partSize) {
            uploadPart();
        }
        int n = Math.min(wanted, partSize - filled);
        if (filled + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, Math.max((long) filled + n, 2L * buffer.length)));
        }
        return n;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the upload of s3://" + spec.bucket() + "/" + spec.key() + " is already "
                    + (finished ? "finished" : "aborted"));
        }
    }

    /** The bytes written so far. */
    public long size() {
        return size;
    }

    /** Stores what was written as the object and returns what was written. */
    public S3Transfers.Written finish() throws IOException {
        checkOpen();
        S3Transfers.Written written;
        if (upload == null) {
            written = transfers.putObject(Pacing.BLOCKING, spec, buffered());
        } else {
            uploadPart();
            written = upload.complete();
        }
        finished = true;
        closed = true;
        buffer = null;
        return written;
    }

    /** The bytes in the buffer, read again from it on every attempt: nothing is copied. */
    private UploadBody buffered() {
        return UploadBody.ofBytes(buffer, filled);
    }

    private void uploadPart() throws IOException {
        if (upload == null) {
            upload = transfers.startMultipart(Pacing.BLOCKING, spec, uniqueKey);
        }
        parts++;
        upload.uploadPart(parts, size - filled, filled, buffered(), 0);
        filled = 0;
    }

    /** Aborts the upload unless {@link #finish()} succeeded; nothing of it remains in S3. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        buffer = null;
        if (upload != null) {
            upload.abort();
        }
    }
}
