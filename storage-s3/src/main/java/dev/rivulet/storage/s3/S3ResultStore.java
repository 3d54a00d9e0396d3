package dev.rivulet.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rivulet.result.CorruptResultException;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.StoreSupport;
import dev.rivulet.result.StoredResult;
import dev.rivulet.storage.s3.internal.results.ResultDocument;
import dev.rivulet.storage.s3.internal.transfer.ErrorMapping;
import dev.rivulet.storage.s3.internal.transfer.ObjectSpec;
import dev.rivulet.storage.s3.internal.transfer.Pacing;
import dev.rivulet.storage.s3.internal.transfer.ResumingGet;
import dev.rivulet.storage.s3.internal.transfer.RetryPolicy;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import dev.rivulet.storage.s3.internal.transfer.UploadBody;
import dev.rivulet.storage.s3.internal.transfer.UploadStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Results in an S3 bucket (or an S3-compatible server), under a prefix.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3ResultStoreSnippetsTest.java" region="store"}
 *
 * <h2>Layout</h2>
 * Each entry is two objects under {@code <prefix>/}:
 *
 * <ul>
 *   <li>{@code <key>.<id>.data}: the bytes exactly as the serializer wrote them, in an object of its
 *       own whose name no other write uses ({@code <id>} is 16 random hex digits);
 *   <li>{@code <key>.record.json}: the {@link ResultRecord} as JSON, with the name of the data object
 *       it describes.
 * </ul>
 *
 * <p>A write uploads the data object first, then puts the record, then deletes the data object of
 * the record it replaced. The record is the commit point: S3 replaces an object in one step, so a
 * reader finds the old record or the new one, and each names a data object that is complete (S3
 * shows an object only once its upload is finished) and never changes. A write that fails before
 * its record is put deletes its data object and leaves the entry as it was. A record put that fails
 * may have been carried out with its answers lost, so the write reads the record back: if it names
 * the new data object, the write returns as one that succeeded; if not, it deletes the new data
 * object and throws. After a write that throws, the key therefore reads as the old entry or the new
 * one, complete, never neither. When the record cannot be read back either, the write deletes
 * nothing and throws saying so, and one data object, the new or the replaced one, is left that no
 * record names; so is one by a write that crashes between its upload and its record. Such an
 * orphan takes space but is never read.
 *
 * <p>Reads start from the record: when the data object it names has just been deleted by a newer
 * write, the read reads the record again and follows it. A record whose size or checksum disagrees
 * with its data object is reported as {@link CorruptResultException}, as is a record that names a
 * missing data object.
 *
 * <p>Why two objects: the record is known only after the bytes have streamed past (size and
 * checksum), so it cannot be given with the upload's user metadata, which S3 takes before the first
 * byte (and caps at 2 KB); appending it to the data, as the local store does in a file, would keep
 * other tools from reading a Parquet or JSON result in place. Why a new data object each write:
 * replacing the data under a fixed name would leave a moment in which the old record describes new
 * bytes, and a reader in that moment would see a sound entry as corrupt.
 *
 * <h2>Transfers</h2>
 * The store moves bytes with the same transfer engine as {@link S3Bulk}: one multipart upload, one
 * resuming GET, one retry policy and one error mapping. Values up to {@link Builder#partSize(long)
 * partSize} (8 MiB by default) are held in memory and sent with one PutObject; larger ones go up as
 * a multipart upload, one part in memory at a time, each part with a CRC32 that S3 checks, and a
 * failed write aborts its upload so that no part remains. Reads stream the GetObject body through a
 * check of the size and CRC32C in the record; a connection that breaks in the middle of the body is
 * resumed with a ranged GET from the byte reached, with {@code If-Match} on the data object's ETag,
 * so that bytes of a replaced object are never mixed in.
 *
 * <p>Every request is tried up to {@link S3ClientOptions#maxAttempts()} times after throttling,
 * 5xx answers, S3's {@code RequestTimeout}, resets and timeouts, waiting with exponential backoff
 * and full jitter ({@link S3ClientOptions#baseDelay()}, {@link
 * S3ClientOptions#throttlingBaseDelay()} after throttling, up to {@link
 * S3ClientOptions#maxBackoff()}); a resumed read counts its attempts afresh once bytes arrive. The
 * SDK's own retries are off for each of these requests, so the numbers are the whole story: the
 * client the store builds has none, and a client given to {@link Builder#client(S3Client)} keeps
 * its other settings but not its retry strategy. A request that fails for good throws {@link
 * S3StorageException}, whose message names the operation, the object, the S3 error code and what
 * to do, in the same form as the bulk client's.
 *
 * <h2>Locks</h2>
 * {@link #lock(String)} holds nothing: the runtime already computes an entry once per JVM, and two
 * machines that compute the same entry at the same time both write complete, equal entries, the
 * later replacing the earlier (the earlier one's data object may then stay behind as an orphan).
 *
 * <p>The store uses the synchronous client: results stream through blocking {@code InputStream}s
 * and {@code OutputStream}s, and the synchronous client over Apache HttpClient needs neither Netty
 * nor the CRT. It is thread-safe. Nothing deletes orphan data objects later: find them by listing
 * the {@code .data} objects that no {@code .record.json} names. A bucket lifecycle rule cannot tell
 * them from live data (one that expires {@code .data} objects expires older entries too, which
 * then read as corrupt); one for incomplete multipart uploads is a good idea on any bucket.
 */
public final class S3ResultStore implements ResultStore {

    /** The default part size: 8 MiB. */
    public static final int DEFAULT_PART_SIZE = 8 << 20;
    /** The smallest part size S3 accepts: 5 MiB. */
    public static final int MIN_PART_SIZE = 5 << 20;
    /** The largest part size, held in memory during a write: 1 GiB. */
    public static final int MAX_PART_SIZE = 1 << 30;

    private static final Logger LOG = LoggerFactory.getLogger(S3ResultStore.class);
    private static final String RECORD_SUFFIX = ".record.json";
    private static final String DATA_SUFFIX = ".data";
    private static final String DATA_TYPE = "application/octet-stream";
    private static final String RECORD_TYPE = "application/json";
    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{8}");
    private static final int FORMAT = 1;
    /** How often a read follows a record to a data object that a newer write has just deleted. */
    private static final int READ_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final S3Client client;
    private final S3Transfers transfers;
    private final boolean ownsClient;
    private final String bucket;
    private final String prefix;
    private final int partSize;

    private S3ResultStore(Builder b, S3Client client, boolean ownsClient, S3ClientOptions options) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.bucket = b.location.bucket();
        this.prefix = b.location.prefix();
        this.partSize = b.partSize;
        this.transfers = new S3Transfers(client, RetryPolicy.of(options), ErrorMapping.forResultStore());
    }

    /** {@return a builder; {@link Builder#bucket(String) bucket} is required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the bucket} */
    public String bucket() {
        return bucket;
    }

    /** {@return the prefix of every object of this store, without a trailing {@code /}; empty for the bucket's root} */
    public String prefix() {
        return prefix;
    }

    /** {@return the part size of multipart uploads, in bytes} */
    public int partSize() {
        return partSize;
    }

    @Override
    public boolean readableElsewhere() {
        return true;
    }

    @Override
    public String describe() {
        return "s3(s3://" + bucket + "/" + prefix + ")";
    }

    private String objectKey(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String location(String key) {
        return "stored result '" + key + "' in s3://" + bucket + "/" + prefix;
    }

    @Override
    public ResultRecord write(ResultRecord record, DataWriter data) throws IOException {
        String key = StoreSupport.checkKey(record.key());
        String dataName = key + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + DATA_SUFFIX;
        ResultRecord complete = upload(record, data, dataName);
        Optional<String> replaced;
        byte[] json;
        try {
            replaced = currentData(key);
            json = JSON.writeValueAsBytes(new ResultDocument(FORMAT, dataName, complete));
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(objectKey(dataName), e);
            throw e;
        }
        putRecord(key, dataName, json);
        replaced.filter(name -> !name.equals(dataName)).ifPresent(this::deleteData);
        return complete;
    }

    /** Uploads the data object and returns the record completed with its size and checksum. */
    private ResultRecord upload(ResultRecord record, DataWriter data, String dataName) throws IOException {
        String dataObject = objectKey(dataName);
        boolean uploading = false;
        ObjectSpec spec = new ObjectSpec(bucket, dataObject, DATA_TYPE, Map.of(), true);
        try (UploadStream upload = new UploadStream(transfers, spec, true, partSize)) {
            StoreSupport.ChecksummingOutputStream counted = new StoreSupport.ChecksummingOutputStream(upload);
            data.writeTo(counted);
            ResultRecord complete = record.withContent(counted.size(), counted.checksum());
            uploading = true;
            upload.finish();
            return complete;
        } catch (IOException | RuntimeException | Error e) {
            if (uploading) {
                // The upload may have succeeded with its answer lost; no record names the object.
                deleteQuietly(dataObject, e);
            }
            throw e;
        }
    }

    /**
     * Puts the record naming {@code dataName}. A put that fails may still have been carried out,
     * its answer lost: {@link #confirmWritten} reads the record back to find out.
     */
    private void putRecord(String key, String dataName, byte[] json) throws IOException {
        String recordObject = objectKey(key + RECORD_SUFFIX);
        try {
            ObjectSpec spec = new ObjectSpec(bucket, recordObject, RECORD_TYPE, Map.of(), true);
            transfers.putObject(Pacing.BLOCKING, spec, UploadBody.ofBytes(json, json.length));
        } catch (IOException | RuntimeException e) {
            confirmWritten(key, dataName, e);
            LOG.info("PutObject s3://{}/{} failed, but the record reads back as written, so the write is complete: {}", bucket, recordObject,
                    e.getMessage());
        }
    }

    /**
     * Returns if the record of {@code key} names {@code dataName}, so that the put that threw
     * {@code failure} was carried out. Otherwise deletes that data object, which no record names,
     * and throws {@code failure}. When the record cannot be read, the data object stays, since the
     * record may name it, and the exception says so.
     */
    private void confirmWritten(String key, String dataName, Exception failure) throws IOException {
        String dataObject = objectKey(dataName);
        Optional<String> named;
        try {
            named = currentData(key);
        } catch (IOException | RuntimeException readBack) {
            failure.addSuppressed(readBack);
            throw withOutcome(failure, "reading the record back failed too, so whether it was written is unknown: data object s3://"
                    + bucket + "/" + dataObject + " was left in place, since the record may name it; either it or the data object of the"
                    + " entry it would replace is now named by no record and can be deleted");
        }
        if (named.filter(dataName::equals).isEmpty()) {
            deleteQuietly(dataObject, failure);
            throw withOutcome(failure, "the record was not written (read back, it does not name this write's data), so the entry is as it was");
        }
    }

    /** {@code failure} with {@code outcome} added to its message, as an {@link S3StorageException} if it was one. */
    private static IOException withOutcome(Exception failure, String outcome) {
        String message = failure.getMessage() + "; " + outcome;
        return failure instanceof S3StorageException s3
                ? new S3StorageException(message, s3.bucket(), s3.objectKey(), s3.errorCode(), s3.statusCode(), failure)
                : new IOException(message, failure);
    }

    /** The data object the entry's current record names, if it can be read. */
    private Optional<String> currentData(String key) throws IOException {
        try {
            return entry(key).map(ResultDocument::data);
        } catch (CorruptResultException e) {
            return Optional.empty();
        }
    }

    /** Deletes a data object that no record names any more; a failure only leaves it behind. */
    private void deleteData(String dataName) {
        String dataObject = objectKey(dataName);
        try {
            transfers.delete(Pacing.BLOCKING, bucket, dataObject);
        } catch (IOException e) {
            LOG.warn("Could not delete s3://{}/{}, which no result record names any more; it takes space until deleted: {}",
                    bucket, dataObject, e.getMessage());
        }
    }

    private void deleteQuietly(String dataObject, Throwable failure) {
        try {
            transfers.delete(Pacing.BLOCKING, bucket, dataObject);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public Optional<ResultRecord> record(String key) throws IOException {
        return entry(key).map(ResultDocument::record);
    }

    private Optional<ResultDocument> entry(String key) throws IOException {
        Optional<byte[]> json = recordJson(key);
        return json.isEmpty() ? Optional.empty() : Optional.of(parse(key, json.get()));
    }

    private Optional<byte[]> recordJson(String key) throws IOException {
        String recordObject = objectKey(StoreSupport.checkKey(key) + RECORD_SUFFIX);
        return transfers.getBytes(Pacing.BLOCKING, bucket, recordObject);
    }

    private ResultDocument parse(String key, byte[] json) throws CorruptResultException {
        ResultDocument document;
        try {
            document = JSON.readValue(json, ResultDocument.class);
        } catch (IOException | RuntimeException e) {
            throw new CorruptResultException(location(key) + " has an unreadable record: " + e.getMessage(), e);
        }
        if (document.format() != FORMAT) {
            throw new CorruptResultException(location(key) + " has a record of format " + document.format() + ", not " + FORMAT
                    + "; a newer version of Rivulet may have written it");
        }
        ResultRecord record = document.record();
        String data = document.data();
        if (record == null || data == null || !record.key().equals(key) || record.size() < 0 || record.checksum() == null
                || !CHECKSUM.matcher(record.checksum()).matches() || !isDataName(key, data)) {
            throw new CorruptResultException(location(key) + " has a record that does not describe it: " + new String(json, StandardCharsets.UTF_8));
        }
        return document;
    }

    private static boolean isDataName(String key, String name) {
        return name.length() == key.length() + 1 + 16 + DATA_SUFFIX.length()
                && name.startsWith(key + ".")
                && name.endsWith(DATA_SUFFIX)
                && name.substring(key.length() + 1, key.length() + 17).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    @Override
    public Optional<StoredResult> read(String key) throws IOException {
        String missing = null;
        for (int attempt = 1; ; attempt++) {
            Optional<ResultDocument> entry = entry(key);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            ResultDocument document = entry.get();
            String dataObject = objectKey(document.data());
            Optional<ResponseInputStream<GetObjectResponse>> body = transfers.open(Pacing.BLOCKING, bucket, dataObject);
            if (body.isPresent()) {
                return Optional.of(open(document.record(), dataObject, body.get()));
            }
            if (document.data().equals(missing) || attempt == READ_ATTEMPTS) {
                throw new CorruptResultException(location(key) + " is incomplete: its record names data object s3://" + bucket + "/"
                        + dataObject + ", which is missing");
            }
            // A newer write replaced the entry and deleted this data object meanwhile: follow the new record.
            missing = document.data();
        }
    }

    private StoredResult open(ResultRecord record, String dataObject, ResponseInputStream<GetObjectResponse> body) throws IOException {
        GetObjectResponse response = body.response();
        if (response.contentLength() == null || response.contentLength() != record.size()) {
            body.abort();
            body.close();
            throw new CorruptResultException(location(record.key()) + " does not match its record: data object s3://" + bucket + "/"
                    + dataObject + " has " + response.contentLength() + " bytes, the record " + record.size());
        }
        ResumingGet data = transfers.resume(Pacing.BLOCKING, bucket, dataObject, response.eTag(), 0, record.size(), body);
        return new StoredResult(record, StoreSupport.verifying(data, record));
    }

    @Override
    public boolean delete(String key) throws IOException {
        Optional<byte[]> json = recordJson(key);
        if (json.isEmpty()) {
            return false;
        }
        String dataName;
        try {
            dataName = parse(key, json.get()).data();
        } catch (CorruptResultException e) {
            dataName = null;
        }
        String recordObject = objectKey(key + RECORD_SUFFIX);
        transfers.delete(Pacing.BLOCKING, bucket, recordObject);
        if (dataName != null) {
            deleteData(dataName);
        }
        return true;
    }

    /** Closes the client if the store built it; a client given to {@link Builder#client} stays open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Builds an {@link S3ResultStore}; each setter checks its value at once. */
    public static final class Builder {
        private final S3Location location = new S3Location("");
        private S3Client client;
        private S3ClientOptions clientOptions;
        private int partSize = DEFAULT_PART_SIZE;

        private Builder() {}

        /**
         * The bucket; required. It must exist: the store does not create it.
         *
         * @param bucket an existing bucket's name
         * @return this builder
         * @throws IllegalArgumentException if {@code bucket} is blank or holds a {@code /}
         */
        public Builder bucket(String bucket) {
            location.bucket(bucket);
            return this;
        }

        /**
         * The folder of the store's objects in the bucket, such as {@code rivulet/results}: {@code
         * /}-separated segments of letters, digits and {@code . _ = -}. Empty, the default, for the
         * bucket's root; a leading or trailing {@code /} is dropped.
         *
         * @param prefix the folder, or {@code ""} for the root
         * @return this builder
         * @throws IllegalArgumentException if {@code prefix} has a segment that is not allowed
         */
        public Builder prefix(String prefix) {
            location.prefix(prefix);
            return this;
        }

        /**
         * The client to use, which the store leaves open when it closes; instead of {@link
         * #clientOptions}. Its endpoint, credentials, timeouts and connection pool apply as set;
         * its retry strategy does not: the store sends each request with the SDK's retries off and
         * retries it itself, with the attempts and backoff of {@link S3ClientOptions#defaults()}
         * (5 attempts, 100 ms to 20 s), so that the two never multiply.
         *
         * @param client the client, which stays the caller's
         * @return this builder
         */
        public Builder client(S3Client client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * How to build the store's own client, closed with the store; {@link S3ClientOptions#defaults()} when neither this nor {@link #client} is set.
         *
         * @param clientOptions how to reach S3
         * @return this builder
         */
        public Builder clientOptions(S3ClientOptions clientOptions) {
            this.clientOptions = Objects.requireNonNull(clientOptions, "clientOptions");
            return this;
        }

        /**
         * The part size of multipart uploads, and the largest value sent with one PutObject: 8 MiB by
         * default, 5 MiB to 1 GiB. A write holds one part in memory.
         *
         * @param bytes from 5 MiB to 1 GiB
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is outside 5 MiB to 1 GiB
         */
        public Builder partSize(long bytes) {
            if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize must be between " + MIN_PART_SIZE + " (5 MiB) and " + MAX_PART_SIZE
                        + " (1 GiB) bytes, was " + bytes);
            }
            this.partSize = (int) bytes;
            return this;
        }

        /**
         * A store with this configuration.
         *
         * @return a new store, which the Rivulet it is registered on closes
         * @throws IllegalStateException if no bucket is set, or both a client and client options are
         */
        public S3ResultStore build() {
            location.requireBucket();
            if (client != null && clientOptions != null) {
                throw new IllegalStateException("set client or clientOptions, not both: client " + client + ", options " + clientOptions);
            }
            if (client != null) {
                return new S3ResultStore(this, client, false, S3ClientOptions.defaults());
            }
            S3ClientOptions options = clientOptions != null ? clientOptions : S3ClientOptions.defaults();
            return new S3ResultStore(this, options.buildClientWithoutRetries(), true, options);
        }
    }
}
