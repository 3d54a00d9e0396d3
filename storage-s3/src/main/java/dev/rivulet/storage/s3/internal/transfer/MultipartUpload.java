package dev.rivulet.storage.s3.internal.transfer;

import static dev.rivulet.storage.s3.internal.transfer.S3Transfers.SINGLE_ATTEMPT;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One multipart upload: parts go up from any thread, in any order, each with a CRC32 that S3
 * checks; the object appears only when {@link #complete()} succeeds, and {@link #abort()} removes
 * every part, so a failed upload leaves nothing visible.
 *
 * <p>Answers lost to a broken connection are checked, not guessed: a CompleteMultipartUpload
 * retried after its first answer was lost finds the upload gone ({@code NoSuchUpload}) and counts as
 * done when the object under the key is the one its parts make (the entity tag the parts give, or
 * its size where the parts' tags are not MD5s, as under KMS). A CreateMultipartUpload retried after a
 * lost answer may have made an upload nobody knows: when the key is this upload's alone ({@code
 * uniqueKey}, as the result store's data objects are), completing or aborting also aborts every
 * other incomplete upload to the key; otherwise such a stray is left to the bucket's lifecycle rule.
 */
public final class MultipartUpload {

    private final S3Transfers transfers;
    private final Pacing pacing;
    private final ObjectSpec spec;
    private final boolean uniqueKey;
    private final String uploadId;
    private final boolean createRetried;
    private final ConcurrentSkipListMap<Integer, CompletedPart> parts = new ConcurrentSkipListMap<>();
    private final AtomicLong size = new AtomicLong();

    private MultipartUpload(S3Transfers transfers, Pacing pacing, ObjectSpec spec, boolean uniqueKey, String uploadId,
            boolean createRetried) {
        this.transfers = transfers;
        this.pacing = pacing;
        this.spec = spec;
        this.uniqueKey = uniqueKey;
        this.uploadId = uploadId;
        this.createRetried = createRetried;
    }

    static MultipartUpload start(S3Transfers transfers, Pacing pacing, ObjectSpec spec, boolean uniqueKey) throws IOException {
        int[] attempts = new int[1];
        String uploadId = transfers.call(pacing, spec.label("CreateMultipartUpload"), attempt -> {
            attempts[0] = attempt;
            return transfers.client().createMultipartUpload(b -> b.bucket(spec.bucket()).key(spec.key())
                    .contentType(spec.contentType())
                    .metadata(spec.metadata())
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                    .overrideConfiguration(SINGLE_ATTEMPT)).uploadId();
        });
        return new MultipartUpload(transfers, pacing, spec, uniqueKey, uploadId, attempts[0] > 1);
    }

    /** The upload's id. */
    public String uploadId() {
        return uploadId;
    }

    /**
     * Uploads part {@code number} (from 1): {@code length} bytes of {@code body} from {@code
     * bodyOffset}, which are bytes {@code objectOffset} on of the object. Returns the part's entity tag.
     */
    public String uploadPart(int number, long objectOffset, long length, UploadBody body, long bodyOffset) throws IOException {
        RequestLabel label = new RequestLabel("UploadPart", spec.bucket(), spec.key(), RequestLabel.bytes(objectOffset, objectOffset + length));
        UploadPartResponse response = transfers.call(pacing, label, attempt -> transfers.client().uploadPart(b -> b
                        .bucket(spec.bucket()).key(spec.key()).uploadId(uploadId).partNumber(number)
                        .contentLength(length)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                        .overrideConfiguration(SINGLE_ATTEMPT),
                S3Transfers.requestBody(body, bodyOffset, length, spec.contentType())));
        parts.put(number, CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumCRC32(response.checksumCRC32()).build());
        size.addAndGet(length);
        return response.eTag();
    }

    /**
     * Completes the upload with the parts uploaded so far. Without {@link ObjectSpec#overwrite()},
     * an object already under the key stays, is reported as {@link S3Transfers.Written#existed()},
     * and this upload is aborted.
     */
    public S3Transfers.Written complete() throws IOException {
        List<CompletedPart> completed = new ArrayList<>(parts.values());
        String expected = Etags.ofParts(completed.stream().map(CompletedPart::eTag).toList());
        S3Transfers.Written written = transfers.call(pacing, spec.label("CompleteMultipartUpload"), attempt -> {
            try {
                String etag = transfers.client().completeMultipartUpload(b -> b.bucket(spec.bucket()).key(spec.key()).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed))
                        .ifNoneMatch(spec.ifNoneMatch())
                        .overrideConfiguration(SINGLE_ATTEMPT)).eTag();
                return new S3Transfers.Written(etag, false);
            } catch (S3Exception e) {
                boolean alreadyCompleted = e instanceof NoSuchUploadException || "NoSuchUpload".equals(RetryPolicy.errorCode(e));
                boolean exists = !spec.overwrite() && e.statusCode() == 412;
                if (!(exists || (alreadyCompleted && attempt > 1))) {
                    throw e;
                }
                Optional<HeadObjectResponse> existing = transfers.head(pacing, spec.bucket(), spec.key());
                boolean ours = attempt > 1 && existing.isPresent() && isOurs(existing.get(), expected);
                if (alreadyCompleted && !ours) {
                    throw e;
                }
                return new S3Transfers.Written(existing.map(HeadObjectResponse::eTag).orElse(null), !ours);
            }
        });
        if (written.existed()) {
            abort();
        } else {
            abortStrays();
        }
        return written;
    }

    /** Whether {@code existing} is the object this upload's parts make. */
    private boolean isOurs(HeadObjectResponse existing, String expectedEtag) {
        if (expectedEtag != null) {
            return Etags.same(existing.eTag(), expectedEtag);
        }
        return uniqueKey && existing.contentLength() != null && existing.contentLength() == size.get();
    }

    /**
     * Aborts the upload, so that none of its parts remains; one that is gone already (completed or
     * aborted) is no error. It runs whether or not the work was cancelled: it is what cleans up after.
     */
    public void abort() throws IOException {
        abort(uploadId);
        abortStrays();
    }

    private void abort(String id) throws IOException {
        transfers.call(Pacing.BLOCKING, spec.label("AbortMultipartUpload"), attempt -> {
            try {
                return transfers.client().abortMultipartUpload(b -> b.bucket(spec.bucket()).key(spec.key()).uploadId(id)
                        .overrideConfiguration(SINGLE_ATTEMPT));
            } catch (NoSuchUploadException e) {
                return null;
            }
        });
    }

    /** Aborts the other incomplete uploads to a key of this upload's alone, which a retried create may have made. */
    private void abortStrays() throws IOException {
        if (!uniqueKey || !createRetried) {
            return;
        }
        List<software.amazon.awssdk.services.s3.model.MultipartUpload> uploads = transfers.call(Pacing.BLOCKING,
                spec.label("ListMultipartUploads"), attempt -> transfers.client().listMultipartUploads(b -> b.bucket(spec.bucket())
                        .prefix(spec.key()).overrideConfiguration(SINGLE_ATTEMPT))).uploads();
        for (software.amazon.awssdk.services.s3.model.MultipartUpload upload : uploads) {
            if (upload.key().equals(spec.key()) && !upload.uploadId().equals(uploadId)) {
                abort(upload.uploadId());
            }
        }
    }
}
