package dev.rivulet.storage.s3.internal.ranged;

import dev.rivulet.io.RangedSource;
import dev.rivulet.storage.s3.S3StorageException;
import dev.rivulet.storage.s3.internal.transfer.Pacing;
import dev.rivulet.storage.s3.internal.transfer.ResumingGet;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;

/**
 * One version of an S3 object, read by range: its size and entity tag come from one HEAD at the
 * open, and each read is a ranged GET of that version ({@code If-Match}) through the engine's
 * {@link ResumingGet}, which retries and resumes as the engine's retry policy says. The client is
 * shared; nothing is held between reads.
 */
final class S3RangedSource extends RangedSource {

    private final S3Transfers transfers;
    private final String bucket;
    private final String key;
    private final String etag;

    S3RangedSource(String name, S3Transfers transfers, String bucket, String key, long size, String etag) {
        super(name, size);
        this.transfers = transfers;
        this.bucket = bucket;
        this.key = key;
        this.etag = etag;
    }

    @Override
    protected void readFully(long offset, ByteBuffer into) throws IOException {
        try (ResumingGet in = transfers.range(Pacing.BLOCKING, bucket, key, etag, offset, offset + into.remaining())) {
            if (into.hasArray()) {
                int n = in.readNBytes(into.array(), into.arrayOffset() + into.position(), into.remaining());
                into.position(into.position() + n);
            } else {
                ReadableByteChannel channel = Channels.newChannel(in);
                while (into.hasRemaining() && channel.read(into) >= 0) {
                    // reads until the range is in
                }
            }
        } catch (S3StorageException e) {
            if ("NoSuchKey".equals(e.errorCode()) || "NoSuchBucket".equals(e.errorCode())) {
                NoSuchFileException gone = new NoSuchFileException(name(), null, "deleted after it was opened: " + e.getMessage());
                gone.initCause(e);
                throw gone;
            }
            throw e;
        }
    }

    /** Round trips overlap: 8 ranged GETs at once, on the client's connection pool. */
    @Override
    protected int rangesInFlight() {
        return 8;
    }

    @Override
    protected void release() {
        // The client is shared by every source of its registration.
    }
}
