package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.S3Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
    private final S3Client s3;
    private final String bucket;
    private final boolean overwrite;
    private final Batch batch;
    private final ProgressTracker progress;
    private final Queue<ObjectUpload> multipart = new ConcurrentLinkedQueue<>();

    private PutMany(BulkContext context, String bucket, boolean overwrite, ProgressTracker progress) {
        this.context = context;
        this.s3 = context.s3();
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
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(object.upload.key()).uploadId(object.uploadId)
                            .overrideConfiguration(BulkContext.SINGLE_ATTEMPT));
                } catch (SdkException e) {
                    LOG.warn("could not abort the multipart upload {} of s3://{}/{}; a lifecycle rule that aborts incomplete uploads"
                            + " removes its parts: {}", object.uploadId, bucket, object.upload.key(), Failures.summary(e));
                }
            }
        }
    }

    private final class ObjectUpload {
        private final Upload upload;
        private final long size;
        private String uploadId;
        private String[] partEtags;
        private final AtomicInteger partsLeft = new AtomicInteger();
        private final AtomicLong bytesCounted = new AtomicLong();
        private volatile Uploaded result;

        ObjectUpload(Upload upload) {
            this.upload = upload;
            this.size = upload.source().size();
        }

        private RequestLabel label(String operation) {
            return RequestLabel.of(operation, bucket, upload.key());
        }

        void start() throws IOException {
            if (!overwrite) {
                HeadObjectResponse existing = head();
                if (existing != null) {
                    finish(existing.eTag(), true);
                    return;
                }
            }
            if (size <= context.multipartThreshold()) {
                putWhole();
            } else {
                startMultipart();
            }
        }

        /** The object under the key, or null if there is none. */
        private HeadObjectResponse head() throws IOException {
            return context.retry().run(batch, label("HeadObject"), attempt -> {
                try {
                    return s3.headObject(b -> b.bucket(bucket).key(upload.key()).overrideConfiguration(BulkContext.SINGLE_ATTEMPT));
                } catch (NoSuchKeyException e) {
                    return null;
                }
            });
        }

        private void putWhole() throws IOException {
            context.retry().run(batch, label("PutObject"), attempt -> {
                try {
                    String etag = s3.putObject(b -> b.bucket(bucket).key(upload.key())
                                    .contentType(upload.contentType())
                                    .metadata(upload.metadata())
                                    .ifNoneMatch(overwrite ? null : "*")
                                    .overrideConfiguration(BulkContext.SINGLE_ATTEMPT),
                            body(0, size)).eTag();
                    finish(etag, false);
                } catch (S3Exception e) {
                    if (overwrite || e.statusCode() != 412) {
                        throw e;
                    }
                    String existing = existingEtag();
                    boolean ours = attempt > 1 && Etags.same(existing, Etags.md5Hex(upload.source()));
                    finish(existing, !ours);
                }
                return null;
            });
        }

        private void startMultipart() throws IOException {
            long partSize = Math.max(context.partSize(), ceilDiv(size, MAX_PARTS));
            int parts = Math.toIntExact(ceilDiv(size, partSize));
            uploadId = context.retry().run(batch, label("CreateMultipartUpload"), attempt -> s3.createMultipartUpload(b -> b
                    .bucket(bucket).key(upload.key())
                    .contentType(upload.contentType())
                    .metadata(upload.metadata())
                    .overrideConfiguration(BulkContext.SINGLE_ATTEMPT)).uploadId());
            multipart.add(this);
            partEtags = new String[parts];
            partsLeft.set(parts);
            for (int i = 0; i < parts; i++) {
                int number = i + 1;
                long offset = i * partSize;
                long length = Math.min(partSize, size - offset);
                batch.continueWith(() -> uploadPart(number, offset, length));
            }
        }

        private void uploadPart(int number, long offset, long length) throws IOException {
            RequestLabel label = new RequestLabel("UploadPart", bucket, upload.key(), RequestLabel.bytes(offset, offset + length));
            partEtags[number - 1] = context.retry().run(batch, label, attempt -> s3.uploadPart(b -> b
                    .bucket(bucket).key(upload.key()).uploadId(uploadId).partNumber(number)
                    .contentLength(length)
                    .overrideConfiguration(BulkContext.SINGLE_ATTEMPT), body(offset, length)).eTag());
            bytesCounted.addAndGet(length);
            progress.bytes(length);
            if (partsLeft.decrementAndGet() == 0) {
                complete();
            }
        }

        private void complete() throws IOException {
            List<CompletedPart> parts = new ArrayList<>(partEtags.length);
            for (int i = 0; i < partEtags.length; i++) {
                parts.add(CompletedPart.builder().partNumber(i + 1).eTag(partEtags[i]).build());
            }
            String expected = Etags.ofParts(Arrays.asList(partEtags));
            context.retry().run(batch, label("CompleteMultipartUpload"), attempt -> {
                try {
                    String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts))
                            .ifNoneMatch(overwrite ? null : "*")
                            .overrideConfiguration(BulkContext.SINGLE_ATTEMPT)).eTag();
                    finish(etag, false);
                } catch (S3Exception e) {
                    boolean alreadyCompleted = e.statusCode() == 404 && "NoSuchUpload".equals(Failures.errorCode(e));
                    boolean exists = !overwrite && e.statusCode() == 412;
                    if (!(exists || (alreadyCompleted && attempt > 1))) {
                        throw e;
                    }
                    String existing = existingEtag();
                    boolean ours = attempt > 1 && expected != null && Etags.same(existing, expected);
                    if (alreadyCompleted && !ours) {
                        throw e;
                    }
                    finish(existing, !ours);
                    if (!ours) {
                        abortQuietly();
                    }
                }
                return null;
            });
        }

        private void abortQuietly() {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(uploadId)
                        .overrideConfiguration(BulkContext.SINGLE_ATTEMPT));
            } catch (SdkException e) {
                LOG.warn("could not abort the multipart upload {} of s3://{}/{}: {}", uploadId, bucket, upload.key(), Failures.summary(e));
            }
        }

        private String existingEtag() throws IOException {
            HeadObjectResponse existing = head();
            return existing == null ? null : existing.eTag();
        }

        private void finish(String etag, boolean skipped) {
            progress.bytes(size - bytesCounted.getAndSet(size));
            result = new Uploaded(upload.key(), size, Etags.unquote(etag), skipped);
            progress.objectDone();
        }

        private RequestBody body(long offset, long length) {
            return RequestBody.fromContentProvider(() -> {
                try {
                    return upload.source().open(offset, length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, length, upload.contentType());
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
