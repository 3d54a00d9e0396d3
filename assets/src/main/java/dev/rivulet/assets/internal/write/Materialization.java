package dev.rivulet.assets.internal.write;

import dev.rivulet.assets.internal.query.Sql;
import dev.rivulet.assets.internal.query.QueryEngine;
import dev.rivulet.assets.internal.query.QueryPlan;
import dev.rivulet.assets.internal.storage.Layout;
import dev.rivulet.assets.ArtifactFormat;
import dev.rivulet.assets.AssetException;
import dev.rivulet.io.FileTrees;
import dev.rivulet.io.LockFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One materialisation of an asset: each batch of records or JSON written as a fragment file in a
 * staging directory of its own as it arrives, and each run of table batches as one file streamed
 * through DuckDB, so memory holds a batch or two; then the fragments combined into one file (JSON
 * lines concatenated, a single table run taken as it is, anything else through DuckDB), which is
 * published in one step. The staging
 * directory is removed at the end, whatever happened; one left by a process that died is removed by
 * the next materialisation under the same root.
 */
public final class Materialization implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.assets");
    private static final String OWNER_LOCK = "owner.lock";
    /** The name table batches go by in DuckDB while they are written; a view of the connection writing them. */
    private static final String ARROW_VIEW = "rivulet_table_batches";
    /** A staging directory without an owner lock is only removed once this old: its owner may be starting. */
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(1);

    private final ResolvedAsset asset;
    private final QueryEngine queries;
    private final Path directory;
    private final LockFiles.Held owner;
    private final List<Path> jsonFragments = new ArrayList<>();
    /** Each run of consecutive table batches, written in the artifact's format. */
    private final List<Path> tableFragments = new ArrayList<>();
    private final JsonSchema schema;
    /** The columns of the first table batch, which every other table batch must have. */
    private Schema tableSchema;
    private int tableBatch;
    /** DuckDB's columns and types of the table batches, and of everything combined (JSON artifacts only). */
    private Map<String, String> tableColumns;
    private Map<String, String> combinedColumns;
    // counted on DuckDB's threads while it pulls table batches, read on the caller's once it is done
    private volatile long rows;
    private volatile int batches;

    public Materialization(ResolvedAsset asset, Path staging, String runId, QueryEngine queries) throws IOException, InterruptedException {
        this.asset = asset;
        this.queries = queries;
        this.schema = new JsonSchema(asset.name());
        removeAbandoned(staging);
        this.directory = Files.createDirectories(staging.resolve(Layout.fileName(runId + "-" + asset.path())));
        this.owner = LockFiles.lock(directory.toRealPath().resolve(OWNER_LOCK), "materialisation of " + asset.name(), staging.toString());
    }

    /** Writes every batch of {@code content}: records and JSON text as a fragment each, each run of tables as one. */
    public void writeBatches(ArtifactContent content) throws Exception {
        PeekingBatches pending = new PeekingBatches(content.batches());
        JsonFragmentWriter json = new JsonFragmentWriter(asset.name(), schema);
        while (pending.hasNext()) {
            Object batch = pending.next();
            int number = ++this.batches;
            String fragment = String.format("part-%06d", number);
            if (batch instanceof VectorSchemaRoot table) {
                writeTables(table, number, pending, content.closesTables(), directory.resolve(fragment + "." + asset.format().extension()));
            } else if (batch instanceof QueryPlan query) {
                writeQuery(query, directory.resolve(fragment + "." + asset.format().extension()));
            } else if (batch instanceof Iterable<?> records) {
                Path file = directory.resolve(fragment + ".jsonl");
                rows += json.writeRecords(records, number, file);
                jsonFragments.add(file);
            } else if (batch instanceof CharSequence text) {
                Path file = directory.resolve(fragment + ".jsonl");
                rows += json.writeText(text.toString(), number, file);
                jsonFragments.add(file);
            } else {
                throw new AssetException("asset '" + asset.name() + "': batch " + number + " is a "
                        + (batch == null ? "null" : batch.getClass().getName())
                        + "; a batch is an Iterable of records, an Arrow VectorSchemaRoot or a String of JSON (or return Artifact.ofQuery)");
            }
        }
    }

    /**
     * Writes {@code first} and the tables that directly follow it in {@code pending} into one file
     * in the artifact's format, in one pass: DuckDB reads them as one Arrow stream, pulling each
     * table from the asset's iterator when it needs the next one, so memory holds a batch or two,
     * not the run. The stream ends at the first batch that is not a table, left in {@code pending}.
     */
    private void writeTables(VectorSchemaRoot first, int number, PeekingBatches pending, boolean closesTables, Path file)
            throws Exception {
        if (tableSchema == null) {
            tableSchema = first.getSchema();
            tableBatch = number;
        }
        try (BufferAllocator exports = exportAllocator(first);
             TableRun run = new TableRun(exports, first, number, closesTables)) {
            String subject = "asset '" + asset.name() + "' while writing its table batches from batch " + number;
            String copy = Sql.copyTo("SELECT * FROM " + ARROW_VIEW, file, asset.format());
            CompletableFuture<Map<String, String>> copied = CompletableFuture.supplyAsync(
                    () -> queries.copyFromArrow(run, exports, ARROW_VIEW, copy, subject), COPIERS);
            try {
                run.serve(pending, copied);
            } finally {
                if (!copied.isDone()) {
                    // interrupted (a timeout, a cancel) or failed outside the iterator: DuckDB's next
                    // request is refused, so its COPY ends, and the stream is released before closing
                    run.abandon();
                    copied.exceptionally(failure -> null).join();
                }
            }
            Map<String, String> columns;
            try {
                columns = copied.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof AssetException failed) {
                    throw run.failureOr(failed);
                }
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            run.rethrowFailure();
            tableColumns = columns;
            tableFragments.add(file);
        }
    }

    /** Writes the rows of a query straight into a file in the artifact's format, through DuckDB, and counts them. */
    private void writeQuery(QueryPlan query, Path file) {
        Map<String, String> columns = query.copyTo(file, asset.format());
        String reader = asset.format() == ArtifactFormat.PARQUET ? Sql.readParquet(List.of(file)) : Sql.readJson(List.of(file), columns, null, null);
        rows += ((Number) queries.rows("SELECT count(*) AS n FROM " + reader, "asset '" + asset.name() + "' counting its rows")
                .get(0).get("n")).longValue();
        tableColumns = columns;
        tableFragments.add(file);
    }

    /**
     * The allocator the C data interface exports the tables with: a child of their root allocator,
     * since Arrow exports only buffers of allocators that share its root.
     */
    private BufferAllocator exportAllocator(VectorSchemaRoot table) {
        BufferAllocator root = rootOf(table);
        return root == null ? new RootAllocator() : root.newChildAllocator("export of asset " + asset.name(), 0, Long.MAX_VALUE);
    }

    private static BufferAllocator rootOf(VectorSchemaRoot table) {
        return table.getFieldVectors().isEmpty() ? null : table.getFieldVectors().get(0).getAllocator().getRoot();
    }

    /** The columns and types of a JSON artifact, as the catalog keeps them; empty for Parquet. */
    public Map<String, String> jsonColumns() {
        if (asset.format() != ArtifactFormat.JSON) {
            return Map.of();
        }
        Map<String, String> overrides = asset.jsonColumnTypes();
        if (tableFragments.isEmpty()) {
            return schema.duckDbTypes(overrides);
        }
        Map<String, String> columns = new LinkedHashMap<>(combinedColumns != null ? combinedColumns : tableColumns);
        columns.putAll(overrides);
        return columns;
    }

    /**
     * The date and timestamp formats a JSON artifact is read back with: the asset's own when the
     * artifact is its JSON lines as written, none (ISO) when DuckDB wrote it.
     */
    public String[] jsonFormats() {
        boolean asWritten = asset.format() == ArtifactFormat.JSON && tableFragments.isEmpty();
        return asWritten ? new String[] {asset.dateFormat(), asset.timestampFormat()} : new String[] {null, null};
    }

    public long rows() {
        return rows;
    }

    public int batches() {
        return batches;
    }

    /** Combines the fragments into the artifact's file, in the staging directory; returns it with its SHA-256. */
    public Combined combine() throws IOException {
        Path combined = directory.resolve("artifact." + asset.format().extension());
        if (asset.format() == ArtifactFormat.JSON && tableFragments.isEmpty()) {
            return new Combined(combined, concatenate(jsonFragments, combined));
        }
        if (batches == 0 || jsonFragments.isEmpty() && tableFragments.isEmpty()) {
            throw new AssetException("asset '" + asset.name() + "' gave no batches: a Parquet artifact needs at least one "
                    + "batch to have columns (an empty Arrow table will do)");
        }
        if (jsonFragments.isEmpty() && tableFragments.size() == 1) {
            Files.move(tableFragments.get(0), combined);
            return new Combined(combined, sha256(combined));
        }
        List<String> sources = new ArrayList<>();
        if (!jsonFragments.isEmpty()) {
            sources.add("SELECT * FROM " + Sql.readJson(jsonFragments, schema.duckDbTypes(asset.jsonColumnTypes()), asset.dateFormat(),
                    asset.timestampFormat()));
        }
        if (!tableFragments.isEmpty()) {
            sources.add("SELECT * FROM " + (asset.format() == ArtifactFormat.PARQUET ? Sql.readParquet(tableFragments)
                    : Sql.readJson(tableFragments, tableColumns, null, null)));
        }
        String select = String.join(" UNION ALL BY NAME ", sources);
        String subject = "asset '" + asset.name() + "' while combining its " + batches + " batches";
        if (asset.format() == ArtifactFormat.JSON) {
            combinedColumns = queries.columns(select, subject);
        }
        queries.execute(Sql.copyTo(select, combined, asset.format()), subject);
        return new Combined(combined, sha256(combined));
    }

    /** The combined file and its SHA-256. */
    public record Combined(Path file, String checksum) {}

    private static String concatenate(List<Path> fragments, Path target) throws IOException {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            for (Path fragment : fragments) {
                Files.copy(fragment, out);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the combined file for a snapshot, in the staging directory. */
    public Path copyForSnapshot(Path combined) throws IOException {
        Path copy = directory.resolve("snapshot." + asset.format().extension());
        Files.copy(combined, copy);
        return copy;
    }

    /** Removes the staging directory and lets go of it. */
    @Override
    public void close() throws IOException {
        try {
            deleteAllButOwnerLock(directory);
        } finally {
            owner.close();
            Files.deleteIfExists(directory);
        }
    }

    /** Removes staging directories whose owner died: no process holds their owner lock. */
    private static void removeAbandoned(Path staging) {
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(staging)) {
            for (Path directory : directories) {
                try {
                    Path lock = directory.resolve(OWNER_LOCK);
                    boolean abandoned = Files.exists(lock) ? LockFiles.removeIfFree(lock.toRealPath()) : olderThanGrace(directory);
                    if (abandoned) {
                        LOG.info("Removing the fragments of a materialisation whose process ended before it did: {}", directory);
                        FileTrees.deleteRecursively(directory);
                    }
                } catch (IOException | RuntimeException e) {
                    // its owner finished meanwhile, or it is one this JVM holds: the next sweep sees it again
                    LOG.debug("Skipping {} in the sweep of abandoned fragments", directory, e);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot clean up abandoned fragments under {}", staging, e);
        }
    }

    private static boolean olderThanGrace(Path directory) throws IOException {
        try {
            FileTime modified = Files.getLastModifiedTime(directory);
            return modified.toInstant().isBefore(Instant.now().minus(UNOWNED_GRACE));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Deletes what is under {@code directory} but its owner lock, which goes when the lock is let go. */
    private static void deleteAllButOwnerLock(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(directory) && !file.getFileName().toString().equals(OWNER_LOCK)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** What the caller's thread answers when the run of tables ends: the batches ended, or the next one is not a table. */
    private static final Object END_OF_TABLES = new Object();

    /** The user's iterator failed on the caller's thread while DuckDB waited for a batch. */
    private record PullFailure(Throwable failure) {}

    /** The threads that run a table stream's COPY while the materialising thread pulls the batches. */
    private static final ExecutorService COPIERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "rivulet-asset-copy");
        thread.setDaemon(true);
        return thread;
    });

    /** The asset's batches, one of which can be looked at before it is taken. */
    private static final class PeekingBatches {
        private final Iterator<?> source;
        private Object peeked;
        private boolean hasPeeked;

        PeekingBatches(Iterator<?> source) {
            this.source = source;
        }

        boolean hasNext() {
            return hasPeeked || source.hasNext();
        }

        Object peek() {
            if (!hasPeeked) {
                peeked = source.next();
                hasPeeked = true;
            }
            return peeked;
        }

        Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object next = peek();
            peeked = null;
            hasPeeked = false;
            return next;
        }
    }

    /**
     * A run of table batches as one Arrow stream for DuckDB: each batch is taken from the asset's
     * iterator when DuckDB asks for the next one (on a DuckDB thread, one call at a time), checked
     * against the first table batch's columns, and exported as it is (the export holds its own
     * reference to the buffers, so a batch ours to close is closed as soon as the next one is
     * taken). A failure is kept so that the materialisation fails with it rather than with
     * DuckDB's text of it.
     */
    private final class TableRun extends ArrowReader {
        /** DuckDB's thread asks for the next batch here; the caller's thread answers in {@link #answers}. */
        private final SynchronousQueue<Boolean> requests = new SynchronousQueue<>();
        private final SynchronousQueue<Object> answers = new SynchronousQueue<>();
        private final boolean closesTables;
        private final BufferAllocator exports;
        private volatile VectorSchemaRoot current;
        private volatile int number;
        private volatile boolean started;
        private volatile Throwable failure;
        /** Set when the materialising thread stopped answering; DuckDB's pulls then fail. */
        private volatile boolean abandoned;
        private volatile int failedAt;

        TableRun(BufferAllocator allocator, VectorSchemaRoot first, int number, boolean closesTables) {
            super(allocator);
            this.exports = allocator;
            this.current = first;
            this.number = number;
            this.closesTables = closesTables;
        }

        /**
         * Pulls the asset's batches on this thread, the caller's, each when DuckDB asks for it, until
         * the copy is over: the asset's iterator runs where its body ran, with the flow's context
         * (a task it calls is a task run of the flow), never on DuckDB's threads.
         */
        void serve(PeekingBatches pending, CompletableFuture<?> copied) throws InterruptedException {
            while (!copied.isDone()) {
                if (requests.poll(20, TimeUnit.MILLISECONDS) == null) {
                    continue;
                }
                Object answer;
                try {
                    answer = pending.hasNext() && pending.peek() instanceof VectorSchemaRoot ? pending.next() : END_OF_TABLES;
                } catch (Throwable e) {
                    answer = new PullFailure(e);
                }
                while (!answers.offer(answer, 20, TimeUnit.MILLISECONDS)) {
                    if (copied.isDone()) {
                        return;
                    }
                }
            }
        }

        /** No more batches will be answered: DuckDB's next request, or the one it waits on, fails. */
        void abandon() {
            abandoned = true;
        }

        @Override
        public VectorSchemaRoot getVectorSchemaRoot() {
            return current;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            int at = number;
            try {
                if (!started) {
                    started = true;
                    checkColumns(current, number);
                    rows += current.getRowCount();
                    return true;
                }
                release(current);
                at = number + 1;
                while (!requests.offer(Boolean.TRUE, 20, TimeUnit.MILLISECONDS)) {
                    checkNotAbandoned();
                }
                Object answer;
                while ((answer = answers.poll(20, TimeUnit.MILLISECONDS)) == null) {
                    checkNotAbandoned();
                }
                if (answer instanceof PullFailure pulled) {
                    if (pulled.failure() instanceof RuntimeException e) {
                        throw e;
                    }
                    if (pulled.failure() instanceof Error e) {
                        throw e;
                    }
                    throw new AssetException("asset '" + asset.name() + "': its batches failed: " + pulled.failure(), pulled.failure());
                }
                if (answer == END_OF_TABLES) {
                    return false;
                }
                VectorSchemaRoot table = (VectorSchemaRoot) answer;
                current = table;
                number = ++batches;
                checkColumns(table, number);
                checkAllocator(table, number);
                rows += table.getRowCount();
                return true;
            } catch (RuntimeException | Error e) {
                failedAt = at;
                failure = e;
                throw new IOException("batch " + at + " of asset '" + asset.name() + "' failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failedAt = at;
                failure = e;
                throw new IOException("DuckDB's read of the batches of asset '" + asset.name() + "' was interrupted", e);
            }
        }

        private void checkColumns(VectorSchemaRoot table, int batch) {
            List<Field> expected = tableSchema.getFields();
            List<Field> given = table.getSchema().getFields();
            for (int i = 0; i < Math.max(expected.size(), given.size()); i++) {
                Field want = i < expected.size() ? expected.get(i) : null;
                Field got = i < given.size() ? given.get(i) : null;
                if (want != null && got != null && want.getName().equals(got.getName()) && sameType(want, got)) {
                    continue;
                }
                String column = want != null ? want.getName() : got.getName();
                String gives = got == null ? "no column '" + column + "'"
                        : "column '" + got.getName() + "' as " + describe(got) + (want == null ? "" : " where batch " + tableBatch
                                + " gave " + (want.getName().equals(got.getName()) ? "" : "'" + want.getName() + "' as ") + describe(want));
                throw new AssetException("asset '" + asset.name() + "': table batch " + batch + " gives " + gives
                        + (got == null || want == null ? ", unlike batch " + tableBatch : "")
                        + "; the table batches of an asset all have the columns of its first one, in the same order and of the same types. "
                        + "Convert the batch in the asset's body");
            }
        }

        private void checkAllocator(VectorSchemaRoot table, int batch) {
            BufferAllocator root = rootOf(table);
            if (root != null && root != exports.getRoot()) {
                throw new AssetException("asset '" + asset.name() + "': table batch " + batch + " was allocated under another root "
                        + "allocator than batch " + tableBatch + "; Arrow exports the batches of one stream from one root allocator. "
                        + "Make the asset's tables with child allocators of one root");
            }
        }

        private static boolean sameType(Field want, Field got) {
            if (!want.getType().equals(got.getType()) || want.getChildren().size() != got.getChildren().size()) {
                return false;
            }
            for (int i = 0; i < want.getChildren().size(); i++) {
                Field wantChild = want.getChildren().get(i);
                Field gotChild = got.getChildren().get(i);
                if (!wantChild.getName().equals(gotChild.getName()) || !sameType(wantChild, gotChild)) {
                    return false;
                }
            }
            return true;
        }

        private static String describe(Field field) {
            return field.getChildren().isEmpty() ? field.getType().toString() : field.getType() + "<" + field.getChildren() + ">";
        }

        private void release(VectorSchemaRoot table) {
            if (closesTables && table != null) {
                table.close();
            }
        }

        private void checkNotAbandoned() {
            if (abandoned) {
                throw new AssetException("asset '" + asset.name() + "': the run stopped while its table batches were written "
                        + "(a timeout or a cancel); nothing was published");
            }
        }

        /** The failure of the batches, in place of DuckDB's {@code failed}, if there was one. */
        Exception failureOr(AssetException failed) {
            Throwable cause = failure;
            if (cause == null) {
                return failed;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof AssetException refused) {
                return refused;
            }
            return new AssetException("asset '" + asset.name() + "': its batches failed at batch " + failedAt + " (" + cause + ")"
                    + "; nothing was published", cause);
        }

        /** Throws the failure of the batches if DuckDB did not. */
        void rethrowFailure() throws Exception {
            if (failure != null) {
                throw failureOr(null);
            }
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
            release(current);
        }

        @Override
        protected Schema readSchema() {
            return Objects.requireNonNull(tableSchema);
        }
    }
}
