package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.S3Progress;
import dev.rivulet.storage.s3.internal.transfer.Etags;
import dev.rivulet.storage.s3.internal.transfer.MultipartUpload;
import dev.rivulet.storage.s3.internal.transfer.ObjectSpec;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One {@code putMany} call. An object up to {@code multipartThreshold} bytes goes up in one
 * {@code PutObject}; a larger one as a multipart upload whose parts of {@code partSize} (more if the
 * object would need over 10,000 parts) are uploaded by any free worker. Without overwriting, each
 * key is first looked up with {@code HEAD}, and the write carries {@code If-None-Match: *}.
 *
 * <p>A write retried after a failure that may have reached S3 can find its own first attempt: a
 * conditional write then fails with 412, or completing an upload again with {@code NoSuchUpload}.
 * The object under the key is then compared with what was sent (its MD5, or the entity tag of the
 * parts), and counted as uploaded when they match.
 */
public final class PutMany {

    private static final Logger LOG = LoggerFactory.getLogger(PutMany.class);
    private static final int MAX_PARTS = 10_000;

    /** One object to upload. */
    public record Upload(String key, UploadSource source, String contentType, Map<String, String> metadata) {}

    /** What was done with one object: uploaded, or skipped because its key existed. */
    public record Uploaded(String key, long size, String etag, boolean skipped) {}

    private final BulkContext context;
    private final String bucket;
    private final boolean overwrite;
    private final Batch batch;
    private final ProgressTracker progress;
    private final Queue<ObjectUpload> multipart = new ConcurrentLinkedQueue<>();

    private PutMany(BulkContext context, String bucket, boolean overwrite, ProgressTracker progress) {
        this.context = context;
        this.bucket = bucket;
        this.overwrite = overwrite;
        this.batch = context.pool().newBatch();
        this.progress = progress;
    }

    /** Uploads {@code uploads} to {@code bucket}; returns what was done, in the order of {@code uploads}. */
    public static List<Uploaded> run(BulkContext context, String bucket, List<Upload> uploads, boolean overwrite,
            S3Progress.Listener listener) throws IOException {
        ProgressTracker progress = new ProgressTracker(listener, uploads.size());
        uploads.forEach(upload -> progress.addTotal(upload.source().size()));
        return new PutMany(context, bucket, overwrite, progress).run(uploads);
    }

    private List<Uploaded> run(List<Upload> uploads) throws IOException {
        List<ObjectUpload> objects = uploads.stream().map(ObjectUpload::new).toList();
        for (ObjectUpload object : objects) {
            batch.start(object::start);
        }
        try {
            batch.await();
        } catch (IOException | RuntimeException | Error e) {
            abortUnfinished();
            throw e;
        }
        progress.reportNow();
        return objects.stream().map(object -> object.result).toList();
    }

    /** Aborts the multipart uploads that did not complete, so that their parts do not stay (and cost) in the bucket. */
    private void abortUnfinished() {
        for (ObjectUpload object : multipart) {
            if (object.result == null) {
                try {
                    object.multipartUpload.abort();
                } catch (IOException e) {
                    LOG.warn("could not abort the multipart upload {} of s3://{}/{}; a lifecycle rule that aborts incomplete uploads"
                            + " removes its parts: {}", object.multipartUpload.uploadId(), bucket, object.upload.key(), e.getMessage());
                }
            }
        }
    }

    private final class ObjectUpload {
        private final Upload upload;
        private final ObjectSpec spec;
        private final long size;
        private final AtomicInteger partsLeft = new AtomicInteger();
        private final AtomicLong bytesCounted = new AtomicLong();
        private volatile MultipartUpload multipartUpload;
        private volatile Uploaded result;

        ObjectUpload(Upload upload) {
            this.upload = upload;
            this.spec = new ObjectSpec(bucket, upload.key(), upload.contentType(), upload.metadata(), overwrite);
            this.size = upload.source().size();
        }

        void start() throws IOException {
            if (!overwrite) {
                Optional<HeadObjectResponse> existing = context.transfers().head(batch, bucket, upload.key());
                if (existing.isPresent()) {
                    finish(new S3Transfers.Written(existing.get().eTag(), true));
                    return;
                }
            }
            if (size <= context.multipartThreshold()) {
                finish(context.transfers().putObject(batch, spec, upload.source()));
            } else {
                startMultipart();
            }
        }

        private void startMultipart() throws IOException {
            long partSize = Math.max(context.partSize(), ceilDiv(size, MAX_PARTS));
            int parts = Math.toIntExact(ceilDiv(size, partSize));
            multipartUpload = context.transfers().startMultipart(batch, spec, false);
            multipart.add(this);
            partsLeft.set(parts);
            for (int i = 0; i < parts; i++) {
                int number = i + 1;
                long offset = i * partSize;
                long length = Math.min(partSize, size - offset);
                batch.continueWith(() -> uploadPart(number, offset, length));
            }
        }

        private void uploadPart(int number, long offset, long length) throws IOException {
            multipartUpload.uploadPart(number, offset, length, upload.source(), offset);
            bytesCounted.addAndGet(length);
            progress.bytes(length);
            if (partsLeft.decrementAndGet() == 0) {
                finish(multipartUpload.complete());
            }
        }

        private void finish(S3Transfers.Written written) {
            progress.bytes(size - bytesCounted.getAndSet(size));
            result = new Uploaded(upload.key(), size, Etags.unquote(written.etag()), written.existed());
            progress.objectDone();
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
