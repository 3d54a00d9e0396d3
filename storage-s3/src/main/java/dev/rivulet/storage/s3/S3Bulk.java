package dev.rivulet.storage.s3;

import dev.rivulet.io.FileTrees;
import dev.rivulet.storage.s3.internal.bulk.BulkContext;
import dev.rivulet.storage.s3.internal.bulk.GetMany;
import dev.rivulet.storage.s3.internal.bulk.ListRecursive;
import dev.rivulet.storage.s3.internal.bulk.PutMany;
import dev.rivulet.storage.s3.internal.bulk.TransferPool;
import dev.rivulet.storage.s3.internal.transfer.ErrorMapping;
import dev.rivulet.storage.s3.internal.transfer.RetryPolicy;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Moves many S3 objects at once from one JVM: lists prefixes recursively, downloads and uploads
 * with many requests in flight, splits large objects into parallel ranged GETs and multipart
 * uploads, retries what is worth retrying, and reports progress.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3BulkSnippetsTest.java" region="bulk"}
 *
 * <h2>Concurrency</h2>
 * An {@code S3Bulk} owns a pool of {@link Builder#concurrency(int) concurrency} platform threads,
 * each running one blocking request at a time, shared by all its calls: that is the most requests
 * it has in flight, whatever the number of calls. Give the client's HTTP connection pool at least
 * as many connections ({@code Apache5HttpClient.builder().maxConnections(n)}; the SDK's default is
 * 50), or threads wait for connections. The client belongs to the caller: closing the {@code
 * S3Bulk} stops its threads and leaves the client open.
 *
 * <h2>Downloads</h2>
 * Each object starts with one GET for its first {@link Builder#multipartThreshold(long)
 * multipartThreshold} bytes, as a range so that no HEAD request is needed. Its answer tells the
 * object's size; anything beyond is fetched as ranges of {@link Builder#partSize(long) partSize}
 * by other threads at once, each written in place into the object's file with positional writes.
 * Queued parts of started objects go before new objects, so objects finish in order rather than
 * all at the end. Files live in a new temporary directory per call under {@link
 * Builder#tempDirectory(Path) tempDirectory}; a file appears under its name only when it is
 * complete (it is written as a hidden {@code .part} file, then renamed), and {@link
 * S3Downloads#close()} deletes them all.
 *
 * <p>Verified: every answer covers exactly the bytes asked for and its body is as long as
 * announced; the parts of one object all come from the same version of it ({@code If-Match} with
 * the entity tag of the first answer: an object overwritten while it is downloaded fails the call
 * instead of mixing versions); and an object that came whole in one request has the MD5 its entity
 * tag says, where the tag is an MD5 (objects uploaded in one request, not encrypted with KMS or a
 * customer key) and {@link Builder#verifyChecksums(boolean) verifyChecksums} is on. Objects uploaded
 * in parts, and objects larger than {@code multipartThreshold}, are checked for size and version
 * only: the MD5 of an object fetched in parts would have to be computed in order after the fact,
 * and a multipart entity tag depends on part boundaries that S3 does not tell.
 *
 * <h2>Uploads</h2>
 * An object up to {@code multipartThreshold} bytes goes up in one {@code PutObject}, a larger one
 * as a multipart upload of {@code partSize} parts (larger if it would otherwise need more than
 * S3's 10,000 parts), uploaded in parallel; a multipart upload that fails is aborted. The SDK adds
 * a CRC32 checksum to each request, which S3 verifies.
 *
 * <h2>Retries</h2>
 * The bulk client moves bytes with the same transfer engine as {@link S3ResultStore}: one retry
 * policy, one resuming GET, one multipart upload, one error mapping. Each request, and each part of
 * an object, is tried up to {@link Builder#maxAttempts(int) maxAttempts} times: after throttling
 * (503 {@code SlowDown}, 429), other 5xx answers, S3's 400 {@code RequestTimeout}, connection resets,
 * timeouts and bodies cut short. Before retry {@code n} it waits a random time between zero and
 * {@code min(maxBackoff, baseDelay * 2^(n-1))} (exponential backoff, full jitter): at most 12.7
 * seconds in all with the defaults. A download that breaks in the middle of a body resumes where it
 * broke, and counts its attempts afresh once bytes arrive. Other 4xx answers fail at once. The
 * client's own retry strategy is turned off for each of these requests, also on a client given to
 * {@link #newBuilder(S3Client)}, so these numbers are the whole story and never multiply with the
 * SDK's; a connection or socket timeout of the client bounds each attempt.
 *
 * <p>The first request that fails for good fails the call: the rest of the call is cancelled
 * (queued requests dropped, bodies being read aborted, temporary files deleted) and the call
 * throws an {@link S3BulkException} that names the operation, bucket, key and range, the number of
 * attempts and the last error.
 */
public final class S3Bulk implements AutoCloseable {

    /** The default part size: 8 MiB, the size AWS suggests for ranged GETs and the transfer manager's default. */
    public static final long DEFAULT_PART_SIZE = 8L << 20;
    /** The default multipart threshold: 8 MiB, one default part, as in the AWS CLI, boto3 and the CRT transfer manager. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 8L << 20;
    /** The default number of attempts per request, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** The default first wait before a retry (before jitter). */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(100);
    /** The default longest wait before a retry. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(20);

    /** S3's smallest part of a multipart upload (except the last). */
    private static final long MIN_PART_SIZE = 5L << 20;
    /** S3's largest part of a multipart upload. */
    private static final long MAX_PART_SIZE = 5L << 30;

    private final S3Client s3;
    /** Whether {@link #close()} closes {@link #s3}: only a client this bulk client built itself. */
    private final boolean ownsClient;
    private final int concurrency;
    private final long partSize;
    private final long multipartThreshold;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxBackoff;
    private final Path tempDirectory;
    private final boolean verifyChecksums;
    private final TransferPool pool;
    private final BulkContext context;

    private S3Bulk(Builder b, S3Client s3, boolean ownsClient) {
        this.s3 = s3;
        this.ownsClient = ownsClient;
        this.concurrency = b.concurrency;
        this.partSize = b.partSize;
        this.multipartThreshold = b.multipartThreshold;
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxBackoff = b.maxBackoff;
        this.tempDirectory = b.tempDirectory;
        this.verifyChecksums = b.verifyChecksums;
        this.pool = new TransferPool(concurrency);
        RetryPolicy retry = new RetryPolicy(maxAttempts, baseDelay, baseDelay, maxBackoff);
        this.context = new BulkContext(new S3Transfers(s3, retry, ErrorMapping.forBulkClient()), pool, partSize, multipartThreshold,
                verifyChecksums);
    }

    /**
     * A builder for a bulk client that sends its requests through {@code s3}, which the caller closes.
     *
     * @return a new builder
     * @param s3 the client the requests go through; it stays the caller's to close
     */
    public static Builder newBuilder(S3Client s3) {
        return new Builder(Objects.requireNonNull(s3, "s3"), null);
    }

    /**
     * A builder for a bulk client with a client of its own, built from {@code options} with a
     * connection pool at least as large as the bulk client's concurrency, and closed with it.
     *
     * @return a new builder
     * @param options how to reach S3; the client built from them is closed with the {@code S3Bulk}
     */
    public static Builder newBuilder(S3ClientOptions options) {
        return new Builder(null, Objects.requireNonNull(options, "options"));
    }

    /**
     * The default concurrency: twice the available processors, at least 8 and at most 64. 8 on a
     * 2-core machine, 16 on an 8-core laptop, 64 on a 32-core machine, as many requests as the 64
     * worker processes Metaflow runs there. Downloading is waiting on the network far more than
     * computing, so more requests than cores pay; each needs a connection and up to a part's worth
     * of bandwidth.
     *
     * @return the number of requests in flight at once
     */
    public static int defaultConcurrency() {
        return Math.max(8, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Every object under any of {@code prefixes} in {@code bucket}, each once, sorted by key; {@code
     * ""} lists the whole bucket. Prefixes are listed in parallel, each page after page; a prefix
     * that another contains ({@code data/2024/} in {@code data/}) is not listed twice. Prefixes are
     * plain string prefixes of keys: {@code data/2024} also finds {@code data/2024-old/x}.
     *
     * @return the objects, sorted by key
     * @param bucket the bucket
     * @param prefixes the key prefixes to list, such as {@code data/2024/}; {@code ""} lists the whole bucket
     * @throws S3BulkException when a listing fails for good, such as for a missing bucket
     */
    public List<S3ObjectInfo> listRecursive(String bucket, String... prefixes) throws IOException {
        return listRecursive(bucket, List.of(prefixes));
    }

    /**
     * As {@link #listRecursive(String, String...)}.
     *
     * @return the objects, sorted by key
     * @param bucket the bucket
     * @param prefixes the key prefixes to list, such as {@code data/2024/}; {@code ""} lists the whole bucket
     * @throws IOException if a listing fails after its retries; an {@link S3BulkException}
     */
    public List<S3ObjectInfo> listRecursive(String bucket, Collection<String> prefixes) throws IOException {
        requireBucket(bucket);
        List<String> checked = new ArrayList<>(prefixes.size());
        for (String prefix : prefixes) {
            checked.add(Objects.requireNonNull(prefix, "prefix"));
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("listRecursive needs at least one prefix; \"\" lists the whole bucket");
        }
        return ListRecursive.run(context, bucket, checked);
    }

    /**
     * As {@link #getMany(String, List, GetManyOptions)} with the {@linkplain GetManyOptions#defaults() defaults}.
     *
     * @return the downloads, in the order of {@code gets}, which the caller closes
     * @param bucket the bucket
     * @param gets the objects and ranges to download
     * @throws IOException if a download fails after its retries (an {@link S3BulkException}), or the temporary directory cannot be made
     */
    public S3Downloads getMany(String bucket, List<S3Get> gets) throws IOException {
        return getMany(bucket, gets, GetManyOptions.defaults());
    }

    /**
     * Downloads {@code gets} from {@code bucket}, at most {@link #concurrency()} requests at once,
     * and returns when every one is complete and verified (see the class comment). The results are
     * in the order of {@code gets}; the same key may be asked for more than once, for example as
     * several ranges. Close the result to delete its files.
     *
     * @return the downloads, in the order of {@code gets}, which the caller closes
     * @param bucket the bucket
     * @param gets the objects and ranges to download
     * @param options missing keys, memory or files, progress
     * @throws S3BulkException when a request fails for good; then nothing is left behind on disk.
     *     A missing key fails the call unless {@link GetManyOptions#returnMissing()}; a missing
     *     bucket, refused credentials and a range beyond the end of its object always do
     * @throws java.io.InterruptedIOException when the calling thread is interrupted; the call
     *     stops its requests first
     */
    public S3Downloads getMany(String bucket, List<S3Get> gets, GetManyOptions options) throws IOException {
        requireBucket(bucket);
        Objects.requireNonNull(options, "options");
        List<S3Get> checked = List.copyOf(gets);
        Path directory = options.inMemory() ? null : Files.createTempDirectory(tempDirectory, "rivulet-s3-get-");
        try {
            List<GetMany.Fetched> fetched = GetMany.run(context, bucket, checked, options.returnMissing(), directory, options.progress());
            List<S3Download> downloads = new ArrayList<>(fetched.size());
            for (GetMany.Fetched f : fetched) {
                downloads.add(new S3Download(f.request(), f.missing(), f.size(), f.etag(), f.lastModified(), f.contentType(),
                        f.metadata(), f.path(), f.bytes()));
            }
            return new S3Downloads(downloads, directory);
        } catch (IOException | RuntimeException | Error e) {
            if (directory != null) {
                try {
                    FileTrees.deleteRecursively(directory);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * As {@link #putMany(String, List, PutManyOptions)} with the {@linkplain PutManyOptions#defaults() defaults}.
     *
     * @return one result for each upload, in the order of {@code puts}
     * @param bucket the bucket
     * @param puts the objects to upload, each key once
     * @throws IOException if an upload fails after its retries (an {@link S3BulkException}), or a file cannot be read
     */
    public List<S3PutResult> putMany(String bucket, List<S3Put> puts) throws IOException {
        return putMany(bucket, puts, PutManyOptions.defaults());
    }

    /**
     * Uploads {@code puts} to {@code bucket}, at most {@link #concurrency()} requests at once, each
     * with its content type and user metadata; returns what was done with each, in the order of
     * {@code puts}. Files are sized before anything is sent, so a missing file fails the call at
     * once.
     *
     * @return one result for each upload, in the order of {@code puts}; skipped keys marked so
     * @param bucket the bucket
     * @param puts the objects to upload, each key once
     * @param options overwriting and progress
     * @throws IllegalArgumentException when two uploads have the same key
     * @throws S3BulkException when a request fails for good; objects uploaded by then stay, and
     *     multipart uploads under way are aborted
     */
    public List<S3PutResult> putMany(String bucket, List<S3Put> puts, PutManyOptions options) throws IOException {
        requireBucket(bucket);
        Objects.requireNonNull(options, "options");
        Set<String> keys = new HashSet<>();
        List<PutMany.Upload> uploads = new ArrayList<>(puts.size());
        for (S3Put put : puts) {
            Objects.requireNonNull(put, "put");
            if (!keys.add(put.key())) {
                throw new IllegalArgumentException("key '" + put.key() + "' is uploaded twice in one putMany call");
            }
            uploads.add(new PutMany.Upload(put.key(), put.source(), put.contentType(), put.metadata()));
        }
        List<PutMany.Uploaded> uploaded = PutMany.run(context, bucket, uploads, options.overwrite(), options.progress());
        return uploaded.stream().map(u -> new S3PutResult(u.key(), u.size(), u.etag(), u.skipped())).toList();
    }

    /** {@return the most requests in flight at once} */
    public int concurrency() {
        return concurrency;
    }

    /** {@return the size of a part of a ranged download or a multipart upload} */
    public long partSize() {
        return partSize;
    }

    /** {@return the largest object fetched by its first request or uploaded in one request} */
    public long multipartThreshold() {
        return multipartThreshold;
    }

    /** {@return how many times a request is tried in all} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Stops the threads. Calls still running fail. A client given to {@link #newBuilder(S3Client)}
     * stays open; one built from {@link S3ClientOptions} is closed.
     */
    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            if (ownsClient) {
                s3.close();
            }
        }
    }

    @Override
    public String toString() {
        return "S3Bulk{concurrency=" + concurrency + ", partSize=" + partSize + ", multipartThreshold=" + multipartThreshold
                + ", maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxBackoff=" + maxBackoff
                + ", tempDirectory=" + tempDirectory + ", verifyChecksums=" + verifyChecksums + "}";
    }

    private static void requireBucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank, was '" + bucket + "'");
        }
    }

    /** Builds an {@link S3Bulk}; each setter checks its value at once. */
    public static final class Builder {
        private final S3Client s3;
        private final S3ClientOptions clientOptions;
        private int concurrency = defaultConcurrency();
        private long partSize = DEFAULT_PART_SIZE;
        private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration baseDelay = DEFAULT_BASE_DELAY;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private boolean verifyChecksums = true;

        private Builder(S3Client s3, S3ClientOptions clientOptions) {
            this.s3 = s3;
            this.clientOptions = clientOptions;
        }

        /**
         * The most requests in flight at once, across all calls; {@link #defaultConcurrency()} by
         * default. Size the client's connection pool to at least this.
         *
         * @param concurrency from 1 to 1024
         * @return this builder
         * @throws IllegalArgumentException if {@code concurrency} is outside 1 to 1024
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 1024) {
                throw new IllegalArgumentException("concurrency must be between 1 and 1024, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * The size of each range of a large download and of each part of a multipart upload; 8 MiB
         * by default, between 5 MiB and 5 GiB (S3's limits for parts). Larger parts mean fewer
         * requests; smaller ones spread a single large object over more connections.
         *
         * @param partSize in bytes
         * @return this builder
         * @throws IllegalArgumentException if {@code partSize} is outside 5 MiB to 5 GiB
         */
        public Builder partSize(long partSize) {
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize must be between " + MIN_PART_SIZE + " (5 MiB) and " + MAX_PART_SIZE
                        + " (5 GiB), was " + partSize);
            }
            this.partSize = partSize;
            return this;
        }

        /**
         * The largest object that is uploaded in one request, and how much of an object its first
         * download request asks for: objects up to this size come whole in one request, and their
         * MD5 is checked. 8 MiB by default; at least {@link #partSize(long) partSize}. A higher
         * threshold checks the MD5 of more objects and makes fewer requests; a lower one spreads
         * mid-sized objects over more connections.
         *
         * @param multipartThreshold in bytes
         * @return this builder
         * @throws IllegalArgumentException if {@code multipartThreshold} is outside 5 MiB to 5 GiB
         */
        public Builder multipartThreshold(long multipartThreshold) {
            if (multipartThreshold < MIN_PART_SIZE || multipartThreshold > MAX_PART_SIZE) {
                throw new IllegalArgumentException("multipartThreshold must be between " + MIN_PART_SIZE + " (5 MiB) and "
                        + MAX_PART_SIZE + " (5 GiB), was " + multipartThreshold);
            }
            this.multipartThreshold = multipartThreshold;
            return this;
        }

        /**
         * How many times each request is tried in all, the first included; 8 by default, 1 for no retries.
         *
         * @param maxAttempts from 1 to 100
         * @return this builder
         * @throws IllegalArgumentException if {@code maxAttempts} is outside 1 to 100
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The longest first wait before a retry; 100 ms by default. The actual wait is random below it.
         *
         * @param baseDelay a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code baseDelay} is not positive
         */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = positive("baseDelay", baseDelay);
            return this;
        }

        /**
         * The longest any wait before a retry may be; 20 s by default.
         *
         * @param maxBackoff a positive duration, no shorter than the base delay
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBackoff} is not positive
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive("maxBackoff", maxBackoff);
            return this;
        }

        /**
         * Where each {@code getMany} call makes its temporary directory; {@code java.io.tmpdir} by default.
         *
         * @param tempDirectory an existing directory
         * @return this builder
         */
        public Builder tempDirectory(Path tempDirectory) {
            this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
            return this;
        }

        /**
         * Whether an object fetched whole in one request has its MD5 checked against its entity tag
         * (see the class comment); on by default. MD5 runs at about 600 MB/s on one core, so the
         * check costs some 1.7 CPU-seconds per GB: turn it off when CPU is short and the data is
         * checked anyway (Parquet pages carry their own CRCs, for one). Sizes and versions are
         * checked either way.
         *
         * @param verifyChecksums false to skip the checksum check
         * @return this builder
         */
        public Builder verifyChecksums(boolean verifyChecksums) {
            this.verifyChecksums = verifyChecksums;
            return this;
        }

        /**
         * A bulk client with this configuration.
         *
         * @return a new client, which the caller closes
         * @throws IllegalStateException if the multipart threshold is below the part size, the
         *     longest backoff below the base delay, or the temporary directory is not a directory
         */
        public S3Bulk build() {
            if (multipartThreshold < partSize) {
                throw new IllegalStateException("multipartThreshold " + multipartThreshold + " must not be smaller than partSize "
                        + partSize);
            }
            if (baseDelay.compareTo(maxBackoff) > 0) {
                throw new IllegalStateException("maxBackoff " + maxBackoff + " must not be shorter than baseDelay " + baseDelay);
            }
            if (!Files.isDirectory(tempDirectory)) {
                throw new IllegalStateException("tempDirectory " + tempDirectory + " is not a directory");
            }
            if (s3 != null) {
                return new S3Bulk(this, s3, false);
            }
            S3Client own = clientOptions.toBuilder()
                    .maxConnections(Math.max(clientOptions.maxConnections(), concurrency))
                    .build()
                    .buildClientWithoutRetries();
            try {
                return new S3Bulk(this, own, true);
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
