package dev.rivulet.storage.s3;

import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunStore;
import dev.rivulet.storage.s3.internal.transfer.ErrorMapping;
import dev.rivulet.storage.s3.internal.transfer.ObjectSpec;
import dev.rivulet.storage.s3.internal.transfer.Pacing;
import dev.rivulet.storage.s3.internal.transfer.RequestLabel;
import dev.rivulet.storage.s3.internal.transfer.RetryPolicy;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import dev.rivulet.storage.s3.internal.transfer.UploadBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A run history in S3: each flow run's record one object, {@code s3://bucket/prefix/<created>_<run
 * id>.json}, written whole by one {@code PUT}, so a reader sees the old record or the new one.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3RunStoreSnippetsTest.java" region="store"}
 *
 * <p>Live writers are told from dead ones by heartbeats: a registered writer keeps an object
 * {@code prefix/writers/<writer id>} and rewrites it every {@link Builder#heartbeat heartbeat} (10
 * s unless set), and deletes it when closed. A writer whose object is gone, or was last written
 * more than three heartbeats ago by the server's clock, is dead: a record it left unfinished reads
 * as crashed. So a process killed with {@code SIGKILL} shows as crashed 30 s after its last
 * heartbeat at most, provided the reading machine's clock is within a few seconds of the server's.
 *
 * <p>Requests go through the same engine as {@link S3ResultStore}'s: retried as {@link
 * S3ClientOptions} says, and failing with an {@link S3StorageException} that names the request, the
 * object and the status.
 */
public final class S3RunStore implements RunStore {

    private static final Logger log = LoggerFactory.getLogger(S3RunStore.class);
    private static final String WRITERS = "writers/";
    private static final Pattern WRITER_ID = Pattern.compile("[0-9a-f-]{36}");
    /** A writer is dead once this many heartbeats have passed without one. */
    private static final int MISSED_HEARTBEATS = 3;

    private final S3Client client;
    private final S3Transfers transfers;
    private final boolean ownsClient;
    private final String bucket;
    private final String prefix;
    private final Duration heartbeat;
    private final Clock clock;
    private String writerId;
    private ScheduledExecutorService beating;

    private S3RunStore(Builder builder, S3Client client, boolean ownsClient, S3ClientOptions options) {
        this.client = client;
        this.transfers = new S3Transfers(client, RetryPolicy.of(options), ErrorMapping.forResultStore());
        this.ownsClient = ownsClient;
        this.bucket = builder.location.bucket();
        this.prefix = builder.location.prefix();
        this.heartbeat = builder.heartbeat;
        this.clock = Clock.systemUTC();
    }

    /** {@return a builder; {@link Builder#bucket(String) bucket} is required} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return "s3(s3://" + bucket + "/" + prefix + ")";
    }

    private String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public void write(RunKey key, byte[] record) throws IOException {
        transfers.putObject(Pacing.BLOCKING, new ObjectSpec(bucket, key(key.fileName()), "application/json", Map.of(), true),
                UploadBody.ofBytes(record, record.length));
    }

    @Override
    public byte[] read(RunKey key) throws IOException {
        String object = key(key.fileName());
        return transfers.getBytes(Pacing.BLOCKING, bucket, object)
                .orElseThrow(() -> new NoSuchFileException("s3://" + bucket + "/" + object, null, "no run record there"));
    }

    @Override
    public List<RunKey> list() throws IOException {
        String listed = prefix.isEmpty() ? "" : prefix + "/";
        return transfers.call(Pacing.BLOCKING, RequestLabel.of("ListObjectsV2", bucket, listed), attempt -> {
            List<RunKey> keys = new ArrayList<>();
            // The delimiter leaves out writers/ and anything else below the prefix.
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(listed).delimiter("/")
                    .overrideConfiguration(S3Transfers.SINGLE_ATTEMPT))) {
                for (S3Object object : page.contents()) {
                    RunKey.fromFileName(object.key().substring(listed.length())).ifPresent(keys::add);
                }
            }
            return keys;
        });
    }

    @Override
    public void delete(RunKey key) throws IOException {
        transfers.delete(Pacing.BLOCKING, bucket, key(key.fileName()));
    }

    @Override
    public synchronized String registerWriter() throws IOException {
        if (writerId != null) {
            return writerId;
        }
        String id = UUID.randomUUID().toString();
        beat(id);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rivulet-run-store-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = heartbeat.toMillis();
        executor.scheduleAtFixedRate(() -> {
            try {
                beat(id);
            } catch (IOException | RuntimeException e) {
                log.warn("Heartbeat of run history writer {} in {} failed; if none succeeds for {} s, its unfinished runs read as crashed: {}",
                        id, describe(), heartbeat.multipliedBy(MISSED_HEARTBEATS).toSeconds(), e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        beating = executor;
        writerId = id;
        return id;
    }

    private void beat(String id) throws IOException {
        byte[] now = clock.instant().toString().getBytes(StandardCharsets.UTF_8);
        transfers.putObject(Pacing.BLOCKING, new ObjectSpec(bucket, key(WRITERS + id), "text/plain", Map.of(), true), UploadBody.ofBytes(now, now.length));
    }

    @Override
    public synchronized boolean isWriterAlive(String id) throws IOException {
        if (id.equals(writerId)) {
            return true;
        }
        if (!WRITER_ID.matcher(id).matches()) {
            return false;  // no writer of this store has such an id
        }
        Optional<HeadObjectResponse> head = transfers.head(Pacing.BLOCKING, bucket, key(WRITERS + id));
        Instant last = head.map(HeadObjectResponse::lastModified).orElse(null);
        // Last-Modified has whole seconds: a second more, so a live writer never looks late.
        return last != null && Duration.between(last, clock.instant()).compareTo(heartbeat.multipliedBy(MISSED_HEARTBEATS).plusSeconds(1)) < 0;
    }

    /** Stops the heartbeat and deletes the writer's object, so its runs no longer read as live; closes the client if the store made it. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (beating != null) {
                beating.shutdownNow();
                beating = null;
                transfers.delete(Pacing.BLOCKING, bucket, key(WRITERS + writerId));
            }
        } finally {
            if (ownsClient) {
                client.close();
            }
        }
    }

    @Override
    public String toString() {
        return "S3RunStore[" + describe() + "]";
    }

    /** Sets up an {@link S3RunStore}. */
    public static final class Builder {

        private final S3Location location = new S3Location("rivulet/runs");
        private S3Client client;
        private S3ClientOptions clientOptions;
        private Duration heartbeat = Duration.ofSeconds(10);

        private Builder() {}

        /**
         * The bucket; required. It must exist.
         *
         * @param bucket a bucket name
         * @return this builder
         * @throws IllegalArgumentException if {@code bucket} is blank or has a {@code /}
         */
        public Builder bucket(String bucket) {
            location.bucket(bucket);
            return this;
        }

        /**
         * The prefix of the store's objects; {@code rivulet/runs} unless set, empty for the bucket's root.
         *
         * @param prefix a relative path of letters, digits and {@code . _ = -}, slashes between
         * @return this builder
         * @throws IllegalArgumentException if {@code prefix} is not such a path
         */
        public Builder prefix(String prefix) {
            location.prefix(prefix);
            return this;
        }

        /**
         * A client of the caller's, which the store does not close; else one is made from
         * {@link #clientOptions} and closed with the store.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(S3Client client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * How to reach S3 (endpoint, region, credentials, retries); the SDK's defaults unless set.
         *
         * @param clientOptions the options
         * @return this builder
         */
        public Builder clientOptions(S3ClientOptions clientOptions) {
            this.clientOptions = Objects.requireNonNull(clientOptions, "clientOptions");
            return this;
        }

        /**
         * How often a live writer rewrites its heartbeat; 10 s unless set. A writer is dead once
         * three have been missed.
         *
         * @param interval at least 100 ms
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is shorter than 100 ms
         */
        public Builder heartbeat(Duration interval) {
            if (interval.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("a heartbeat interval is at least 100 ms, was " + interval);
            }
            this.heartbeat = interval;
            return this;
        }

        /**
         * {@return the store}
         *
         * @throws IllegalStateException if the bucket is not set, or both a client and client options are
         */
        public S3RunStore build() {
            location.requireBucket();
            if (client != null && clientOptions != null) {
                throw new IllegalStateException("set client or clientOptions, not both");
            }
            if (client != null) {
                return new S3RunStore(this, client, false, S3ClientOptions.defaults());
            }
            S3ClientOptions options = clientOptions != null ? clientOptions : S3ClientOptions.defaults();
            return new S3RunStore(this, options.buildClientWithoutRetries(), true, options);
        }
    }
}
