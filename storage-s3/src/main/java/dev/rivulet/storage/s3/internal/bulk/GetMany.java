package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.S3Get;
import dev.rivulet.storage.s3.S3Progress;
import dev.rivulet.storage.s3.internal.transfer.Etags;
import dev.rivulet.storage.s3.internal.transfer.Pacing;
import dev.rivulet.storage.s3.internal.transfer.RequestLabel;
import dev.rivulet.storage.s3.internal.transfer.ResumingGet;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import dev.rivulet.storage.s3.internal.transfer.TransferFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * One {@code getMany} call. Each object starts with one GET for its first {@code
 * multipartThreshold} bytes (as a range, so that no HEAD is needed): the answer gives the object's
 * size and entity tag, and if there is more, the rest is queued at once as ranges of {@code partSize}
 * that other workers fetch while this one reads on. Every range after the first carries {@code
 * If-Match} with the first answer's entity tag, so that the parts of one download all come from the
 * same version of the object. Every body is read through the engine's {@link ResumingGet}, which
 * resumes it where it broke, with {@code If-Match} too.
 *
 * <p>What is verified: every answer covers exactly the bytes asked for and every body is as long
 * as announced; the object's size is as the first answer said; and, unless turned off, an object
 * fetched whole in one request has the MD5 its entity tag says, when the tag is an MD5 (not for
 * objects uploaded in parts or encrypted with KMS or a customer key).
 */
public final class GetMany {

    /** The bytes read into place from a response per read, at most. */
    private static final int READ_SIZE = 1 << 20;

    /** One result: what was asked for, what came back and where it is. */
    public record Fetched(S3Get request, boolean missing, long size, String etag, Instant lastModified, String contentType,
            Map<String, String> metadata, Path path, byte[] bytes) {}

    private final BulkContext context;
    private final S3Client s3;
    private final String bucket;
    private final boolean returnMissing;
    private final Path directory;
    private final Batch batch;
    private final ProgressTracker progress;

    private GetMany(BulkContext context, String bucket, boolean returnMissing, Path directory, ProgressTracker progress) {
        this.context = context;
        this.s3 = context.s3();
        this.bucket = bucket;
        this.returnMissing = returnMissing;
        this.directory = directory;
        this.batch = context.pool().newBatch();
        this.progress = progress;
    }

    /**
     * Downloads {@code gets} from {@code bucket} into files in {@code directory}, or into memory
     * when it is null; returns the results in the order of {@code gets}. On failure, files of
     * unfinished downloads are deleted; finished ones stay for the caller to delete with the
     * directory.
     */
    public static List<Fetched> run(BulkContext context, String bucket, List<S3Get> gets, boolean returnMissing, Path directory,
            S3Progress.Listener listener) throws IOException {
        ProgressTracker progress = new ProgressTracker(listener, gets.size());
        return new GetMany(context, bucket, returnMissing, directory, progress).run(gets);
    }

    private List<Fetched> run(List<S3Get> gets) throws IOException {
        List<ObjectDownload> downloads = new ArrayList<>(gets.size());
        for (int i = 0; i < gets.size(); i++) {
            S3Get get = gets.get(i);
            if (get.length() != S3Get.TO_END) {
                progress.addTotal(get.length());
            }
            ObjectDownload download = new ObjectDownload(i, get);
            downloads.add(download);
        }
        for (ObjectDownload download : downloads) {
            batch.start(download::start);
        }
        try {
            batch.await();
        } catch (IOException | RuntimeException | Error e) {
            downloads.forEach(ObjectDownload::discard);
            throw e;
        }
        progress.reportNow();
        return downloads.stream().map(download -> download.result).toList();
    }

    /** Bytes {@code [start, end)} of an object, read up to {@code position} so far. */
    private static final class Range {
        final long start;
        long end;
        long position;
        /** How far the bytes were counted for progress, so that a retry does not count them twice. */
        long counted;

        Range(long start, long end) {
            this.start = start;
            this.end = end;
            this.position = start;
            this.counted = start;
        }
    }

    /** One object or range of the call, from its first request to its completion by whichever part finishes last. */
    private final class ObjectDownload {
        private final int index;
        private final S3Get get;
        private final long start;
        private final AtomicInteger partsLeft = new AtomicInteger(1);
        /** Whether to ask for the object without a range: S3 answers a range of an empty object with 416. */
        private boolean withoutRange;
        private boolean missing;
        // Set from the first answer before any other part is queued; read by the parts afterwards.
        private long end = -1;
        private String etag;
        private Instant lastModified;
        private String contentType;
        private Map<String, String> metadata;
        private DownloadTarget target;
        private MessageDigest md5;
        private volatile Fetched result;

        ObjectDownload(int index, S3Get get) {
            this.index = index;
            this.get = get;
            this.start = get.offset();
        }

        void start() throws IOException {
            long firstEnd = saturatedAdd(start, context.multipartThreshold());
            if (get.length() != S3Get.TO_END) {
                firstEnd = Math.min(firstEnd, start + get.length());
            }
            Range first = new Range(start, firstEnd);
            RequestLabel label = new RequestLabel("GetObject", bucket, get.key(), requestedRange());
            context.transfers().call(batch, label, attempt -> {
                fetchFirst(first);
                return null;
            });
            if (!missing) {
                partDone();
            }
        }

        private void fetchFirst(Range first) throws IOException {
            if (etag != null) {
                // The first answer came whole but failed its MD5 check: read it again.
                readBody(context.transfers().range(batch, bucket, get.key(), etag, first.position, first.end), first, md5);
                verifyWhole(first);
                return;
            }
            GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(get.key())
                    .overrideConfiguration(S3Transfers.SINGLE_ATTEMPT);
            if (!withoutRange) {
                request.range(httpRange(first.start, first.end));
            }
            ResponseInputStream<GetObjectResponse> in;
            try {
                in = s3.getObject(request.build());
            } catch (NoSuchKeyException e) {
                if (!returnMissing) {
                    throw e;
                }
                missing = true;
                result = new Fetched(get, true, 0, null, null, null, Map.of(), null, null);
                progress.objectDone();
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 416) {
                    throw e;
                }
                if (get.isRange()) {
                    throw beyondTheEnd(sizeOrUnknown(), e);
                }
                withoutRange = true;
                fetchFirst(first);
                return;
            }
            readFirst(in, first);
            verifyWhole(first);
        }

        /** Learns the object from the first answer, queues the rest of it, and reads the first body. */
        private void readFirst(ResponseInputStream<GetObjectResponse> in, Range first) throws IOException {
            try {
                GetObjectResponse response = in.response();
                boolean partial = response.sdkHttpResponse().statusCode() == 206;
                long total;
                if (partial) {
                    long[] range = ResumingGet.contentRange(response);
                    if (range[0] != first.start) {
                        throw TransferFailure.permanent("S3 answered " + response.contentRange() + " to a request for "
                                + httpRange(first.start, first.end), null);
                    }
                    total = range[2];
                } else {
                    total = response.contentLength() == null ? -1 : response.contentLength();
                }
                if (total < 0) {
                    throw TransferFailure.permanent("S3 did not give the size of the object", null);
                }
                long wantedEnd = get.length() == S3Get.TO_END ? total : start + get.length();
                if (wantedEnd > total || (get.isRange() && start >= total)) {
                    throw beyondTheEnd(total, null);
                }
                first.end = partial ? Math.min(first.end, wantedEnd) : wantedEnd;
                long announced = response.contentLength() == null ? -1 : response.contentLength();
                long expected = partial ? first.end - first.start : total;
                if (announced != expected) {
                    throw TransferFailure.permanent("S3 announced " + announced + " bytes where " + expected + " were expected", null);
                }
                if (!partial && start > 0) {
                    in.skipNBytes(start);
                }
                if (get.length() == S3Get.TO_END) {
                    progress.addTotal(wantedEnd - start);
                }
                target = createTarget(wantedEnd - start);
                boolean wholeInOneRequest = context.verifyChecksums() && start == 0 && wantedEnd == total && first.end == wantedEnd;
                md5 = wholeInOneRequest && Etags.looksLikeMd5(response.eTag()) && !encryptedWithKeys(response) ? Etags.md5() : null;
                end = wantedEnd;
                lastModified = response.lastModified();
                contentType = response.contentType();
                metadata = Map.copyOf(response.metadata());
                etag = response.eTag();
                queueRest(first.end);
            } catch (IOException | RuntimeException | Error e) {
                in.abort();
                in.close();
                throw e;
            }
            readBody(context.transfers().resume(batch, bucket, get.key(), etag, first.position, first.end, in), first, md5);
        }

        private void queueRest(long from) {
            List<Range> rest = new ArrayList<>();
            for (long p = from; p < end; p = saturatedAdd(p, context.partSize())) {
                rest.add(new Range(p, Math.min(end, saturatedAdd(p, context.partSize()))));
            }
            partsLeft.addAndGet(rest.size());
            for (Range part : rest) {
                batch.continueWith(() -> fetchPart(part));
            }
        }

        private void fetchPart(Range part) throws IOException {
            RequestLabel label = new RequestLabel("GetObject", bucket, get.key(), RequestLabel.bytes(part.start, part.end));
            context.transfers().call(batch, label, attempt -> {
                readBody(context.transfers().range(batch, bucket, get.key(), etag, part.position, part.end), part, null);
                return null;
            });
            partDone();
        }

        /** Reads {@code in}, the rest of {@code range}, into place; a cancelled call aborts it. */
        private void readBody(ResumingGet in, Range range, MessageDigest digest) throws IOException {
            Pacing.Abortable abort = in::abort;
            batch.track(abort);
            try (in) {
                while (range.position < range.end) {
                    batch.checkNotCancelled();
                    int max = (int) Math.min(READ_SIZE, range.end - range.position);
                    int n = target.readFrom(in, range.position - start, max, digest);
                    if (n < 0) {
                        throw TransferFailure.retryable("the answer ended " + (range.end - range.position) + " bytes early");
                    }
                    range.position += n;
                    if (range.position > range.counted) {
                        progress.bytes(range.position - range.counted);
                        range.counted = range.position;
                    }
                }
            } finally {
                batch.untrack(abort);
            }
        }

        /** Checks the MD5 of an object fetched whole in one request, once all of it is in. */
        private void verifyWhole(Range first) throws TransferFailure {
            if (md5 == null || missing) {
                return;
            }
            String actual = Etags.hex(md5.digest());
            if (!Etags.same(actual, etag)) {
                first.position = first.start;
                throw TransferFailure.retryable("the MD5 of the bytes received is " + actual + " but S3's entity tag says "
                        + Etags.unquote(etag));
            }
        }

        private void partDone() throws IOException {
            if (partsLeft.decrementAndGet() != 0) {
                return;
            }
            Path path = null;
            byte[] bytes = null;
            if (target instanceof FileTarget file) {
                path = file.complete();
            } else {
                bytes = ((MemoryTarget) target).bytes();
            }
            result = new Fetched(get, false, end - start, Etags.unquote(etag), lastModified, contentType, metadata, path, bytes);
            progress.objectDone();
        }

        private DownloadTarget createTarget(long size) throws IOException {
            if (directory != null) {
                return FileTarget.create(directory, index, get.key(), size);
            }
            if (size > MemoryTarget.MAX_SIZE) {
                throw TransferFailure.permanent(size + " bytes are too many to hold in memory (at most " + MemoryTarget.MAX_SIZE
                        + "): download into a file instead (GetManyOptions.inMemory(false))", null);
            }
            return new MemoryTarget(size);
        }

        void discard() {
            if (result == null && target != null) {
                target.discard();
            }
        }

        private String requestedRange() {
            if (!get.isRange()) {
                return null;
            }
            return "bytes " + get.offset() + "-" + (get.length() == S3Get.TO_END ? "" : Long.toString(get.offset() + get.length() - 1));
        }

        private TransferFailure beyondTheEnd(long size, Throwable cause) {
            String of = size < 0 ? "" : ", which has " + size + " bytes";
            return TransferFailure.permanent("the range goes beyond the end of the object" + of, cause);
        }

        /** The object's size by a HEAD request, for a message; -1 if that fails too. */
        private long sizeOrUnknown() {
            try {
                Long length = s3.headObject(b -> b.bucket(bucket).key(get.key()).overrideConfiguration(S3Transfers.SINGLE_ATTEMPT))
                        .contentLength();
                return length == null ? -1 : length;
            } catch (SdkException e) {
                return -1;
            }
        }
    }

    /** The HTTP {@code Range} of bytes {@code [start, end)}. */
    private static String httpRange(long start, long end) {
        return "bytes=" + start + "-" + (end - 1);
    }

    /** Whether the entity tag is not the content's MD5 because of how the object is encrypted. */
    private static boolean encryptedWithKeys(GetObjectResponse response) {
        ServerSideEncryption sse = response.serverSideEncryption();
        return sse == ServerSideEncryption.AWS_KMS || sse == ServerSideEncryption.AWS_KMS_DSSE || response.sseCustomerAlgorithm() != null;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
