package dev.rivulet.storage.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams bytes into one S3 object, holding at most one part in memory: a value that fits in one
 * part goes up with a single PutObject when {@link #finish()} is called; a larger one as a multipart
 * upload, a part whenever the buffer is full and more bytes come. The object appears only when
 * {@link #finish()} succeeds. {@link #close()} without {@link #finish()} aborts, so a failed write
 * leaves no object and no incomplete upload.
 *
 * <p>The key must be this upload's alone while it runs (the result store gives each write a new
 * name): to leave nothing behind, it aborts every incomplete upload to the key, including those of
 * a CreateMultipartUpload that was retried after its answer was lost; and a CompleteMultipartUpload
 * retried after a lost answer counts as done when an object of the right size is under the key.
 *
 * <p>Not thread-safe: one writer.
 */
public final class ObjectUploadStream extends OutputStream {

    private static final int FIRST_BUFFER = 64 * 1024;
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client client;
    private final S3Errors errors;
    private final String bucket;
    private final String key;
    private final int partSize;
    private byte[] buffer;
    private int filled;
    private long size;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean finished;
    private boolean closed;

    /**
     * An upload to {@code key} in {@code bucket} in parts of {@code partSize} bytes (at least 5 MiB
     * for S3), whose failed requests {@code errors} describes.
     */
    public ObjectUploadStream(S3Client client, S3Errors errors, String bucket, String key, int partSize) {
        this.client = client;
        this.errors = errors;
        this.bucket = bucket;
        this.key = key;
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
            throw new IOException("upload of s3://" + bucket + "/" + key + " is already " + (finished ? "finished" : "aborted"));
        }
    }

    /** The bytes written so far. */
    public long size() {
        return size;
    }

    /** Whether the bytes went up in parts. */
    public boolean multipart() {
        return uploadId != null;
    }

    /** Stores what was written as the object and returns its ETag. */
    public String finish() throws IOException {
        checkOpen();
        String eTag;
        if (uploadId == null) {
            eTag = errors.call("PutObject", bucket, key, () -> client.putObject(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE),
                    bufferedBytes())).eTag();
        } else {
            uploadPart();
            eTag = completeUpload();
            abortStrayUploads();
        }
        finished = true;
        closed = true;
        buffer = null;
        return eTag;
    }

    private RequestBody bufferedBytes() {
        byte[] bytes = buffer;
        int length = filled;
        // Read again from the buffer on every attempt: nothing is copied.
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, CONTENT_TYPE);
    }

    private void uploadPart() throws IOException {
        if (uploadId == null) {
            uploadId = errors.call("CreateMultipartUpload", bucket, key, () -> client.createMultipartUpload(b -> b.bucket(bucket).key(key)
                    .contentType(CONTENT_TYPE).checksumAlgorithm(ChecksumAlgorithm.CRC32))).uploadId();
        }
        int partNumber = parts.size() + 1;
        UploadPartResponse response = errors.call("UploadPart " + partNumber, bucket, key, () -> client.uploadPart(b -> b.bucket(bucket)
                .key(key).uploadId(uploadId).partNumber(partNumber).checksumAlgorithm(ChecksumAlgorithm.CRC32), bufferedBytes()));
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).checksumCRC32(response.checksumCRC32()).build());
        filled = 0;
    }

    private String completeUpload() throws IOException {
        try {
            return errors.call("CompleteMultipartUpload", bucket, key, () -> client.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts)))).eTag();
        } catch (IOException e) {
            if (!(e.getCause() instanceof NoSuchUploadException)) {
                throw e;
            }
            // A retry after an answer that was lost: the first attempt completed the upload. The key
            // belongs to this upload alone, so an object of the right size there is ours.
            HeadObjectResponse head;
            try {
                head = errors.call("HeadObject", bucket, key, () -> client.headObject(b -> b.bucket(bucket).key(key)));
            } catch (IOException missing) {
                if (missing.getCause() instanceof NoSuchKeyException) {
                    throw e;
                }
                missing.addSuppressed(e);
                throw missing;
            }
            if (head.contentLength() != size) {
                throw e;
            }
            return head.eTag();
        }
    }

    /**
     * Aborts every incomplete upload to this key: the one this stream made, and any that a retried
     * CreateMultipartUpload made when its first answer was lost.
     */
    private void abortStrayUploads() throws IOException {
        List<MultipartUpload> uploads = errors.call("ListMultipartUploads", bucket, key,
                () -> client.listMultipartUploads(b -> b.bucket(bucket).prefix(key))).uploads();
        for (MultipartUpload upload : uploads) {
            if (upload.key().equals(key)) {
                errors.call("AbortMultipartUpload", bucket, key, () -> {
                    try {
                        return client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload.uploadId()));
                    } catch (NoSuchUploadException e) {
                        return null; // completed or aborted meanwhile: gone either way
                    }
                });
            }
        }
    }

    /** Aborts the upload unless {@link #finish()} succeeded; nothing of it remains in S3. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        buffer = null;
        if (uploadId != null) {
            abortStrayUploads();
        }
    }
}
