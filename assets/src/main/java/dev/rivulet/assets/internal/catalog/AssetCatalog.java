package dev.rivulet.assets.internal.catalog;

import dev.rivulet.assets.internal.query.QueryEngine;
import dev.rivulet.assets.internal.query.QueryPlan;
import dev.rivulet.assets.internal.write.ResolvedAsset;
import dev.rivulet.assets.internal.write.ArtifactContent;
import dev.rivulet.assets.internal.write.Materialization;
import dev.rivulet.assets.internal.storage.ArtifactStorage;
import dev.rivulet.assets.internal.storage.Layout;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.AssetException;
import dev.rivulet.assets.AssetNotMaterializedException;
import dev.rivulet.assets.AssetQuery;
import dev.rivulet.extension.TaskInvocation;
import dev.rivulet.history.ArtifactRecord;
import dev.rivulet.io.LockFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assets of one artifacts root: each asset's last materialisation by name (an entry written
 * after its artifact is published), materialisation itself, and queries that refer to assets.
 */
public final class AssetCatalog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.assets");
    /** {@code {asset}} or {@code {asset:name}}; nothing else in braces is touched. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{asset(?::([^{}]+))?}");
    /** The first words of a whole statement; any other query text is a clause after {@code SELECT * FROM {asset}}. */
    private static final Set<String> STATEMENTS = Set.of("SELECT", "WITH", "FROM", "DESCRIBE", "SUMMARIZE", "PIVOT", "UNPIVOT",
            "VALUES", "TABLE", "EXPLAIN", "SHOW", "(");

    /** The asset run whose body runs on this thread, so that its queries record what they read. */
    private static final ThreadLocal<TaskInvocation> RUNNING = new ThreadLocal<>();

    private final ArtifactStorage storage;
    private final QueryEngine queries;

    public AssetCatalog(ArtifactStorage storage, QueryEngine queries) {
        this.storage = storage;
        this.queries = queries;
    }

    ArtifactStorage storage() {
        return storage;
    }

    // ---- materialising ---------------------------------------------------------------------------

    /**
     * Runs one call of an asset: returns its last artifact if it is still good under the asset's
     * expiration, else runs the body and materialises what it returns. Materialisations of one
     * path take turns, across threads and processes.
     */
    public Artifact materialize(ResolvedAsset asset, TaskInvocation invocation) throws Throwable {
        try (LockFiles.Held lock = storage.lock("asset " + asset.path())) {
            if (asset.cacheExpiration() != null) {
                Optional<CatalogEntry> fresh;
                try {
                    fresh = reusable(asset);
                } catch (IOException e) {
                    throw storageFailure(asset, e);
                }
                if (fresh.isPresent()) {
                    invocation.reused();
                    invocation.recordArtifact(fresh.get().artifact());
                    return new StoredArtifact(this, fresh.get()).handle();
                }
            }
            // the body and the batches it returns (pulled while they are written) read other assets as this run
            TaskInvocation outer = RUNNING.get();
            RUNNING.set(invocation);
            try {
                return runAndWrite(asset, invocation);
            } finally {
                if (outer == null) {
                    RUNNING.remove();
                } else {
                    RUNNING.set(outer);
                }
            }
        }
    }

    private Artifact runAndWrite(ResolvedAsset asset, TaskInvocation invocation) throws Throwable {
        Object returned = invocation.proceed();
        ArtifactContent content = returned instanceof Artifact artifact ? ApiBridge.content(artifact) : null;
        if (content == null) {
            throw new AssetException("asset '" + asset.name() + "' (" + describe(invocation) + ") returned "
                    + (returned == null ? "null" : "an artifact that is already written, " + returned)
                    + "; its body returns what to write: Artifact.ofRecords(...), Artifact.ofBatches(...), Artifact.ofTable(...)");
        }
        CatalogEntry entry;
        try {
            entry = write(asset, content, invocation.taskRun().id());
        } catch (IOException e) {
            throw storageFailure(asset, e);
        }
        invocation.recordArtifact(entry.artifact());
        return new StoredArtifact(this, entry).handle();
    }

    /** A failure of the root's storage (S3's messages name the bucket, the key and the fix), named after the asset. */
    private AssetException storageFailure(ResolvedAsset asset, IOException e) {
        return new AssetException("asset '" + asset.name() + "' cannot be materialised under " + storage.describe() + ": "
                + e.getMessage(), e);
    }

    private static String describe(TaskInvocation invocation) {
        return invocation.method().getDeclaringClass().getSimpleName() + "." + invocation.method().getName();
    }

    /** The last materialisation, if it is younger than the expiration and its file is still as written. */
    private Optional<CatalogEntry> reusable(ResolvedAsset asset) throws IOException {
        Optional<CatalogEntry> last = entry(asset.name());
        if (last.isEmpty()) {
            return Optional.empty();
        }
        CatalogEntry entry = last.get();
        ArtifactRecord record = entry.artifact();
        if (!entry.path().equals(asset.path()) || !entry.format().equals(asset.format().extension())
                || record.materialized().plus(asset.cacheExpiration()).isBefore(Instant.now())) {
            return Optional.empty();
        }
        Optional<ArtifactStorage.StoredFile> file = storage.stat(asset.path());
        if (file.isEmpty() || file.get().bytes() != record.bytes()
                || file.get().checksum() != null && !file.get().checksum().equals(record.checksum())) {
            LOG.info("The artifact of asset '{}' at {} was {} after it was written; materialising it again", asset.name(),
                    record.location(), file.isEmpty() ? "removed" : "changed");
            return Optional.empty();
        }
        return last;
    }

    private CatalogEntry write(ResolvedAsset asset, ArtifactContent content, String runId) throws Exception {
        try (Materialization materialization = new Materialization(asset, storage.staging(), runId, queries)) {
            try {
                materialization.writeBatches(content);
            } finally {
                content.close();
            }
            Materialization.Combined combined = materialization.combine();
            Instant now = Instant.now();
            String snapshotPath = null;
            ArtifactStorage.StoredFile snapshot = null;
            if (asset.snapshots()) {
                snapshotPath = Layout.snapshot(asset.path(), asset.format().extension(), now);
                snapshot = storage.publish(materialization.copyForSnapshot(combined.file()), snapshotPath, combined.checksum());
            }
            ArtifactStorage.StoredFile stored = storage.publish(combined.file(), asset.path(), combined.checksum());
            ArtifactRecord record = new ArtifactRecord(asset.name(), storage.location(asset.path()), asset.format().extension(),
                    stored.bytes(), materialization.rows(), stored.checksum(), now, runId, materialization.batches(),
                    snapshotPath == null ? null : storage.location(snapshotPath));
            CatalogEntry entry = new CatalogEntry(CatalogEntry.VERSION, record, asset.path(), asset.format().extension(),
                    materialization.jsonColumns(), materialization.jsonFormats()[0], materialization.jsonFormats()[1], snapshotPath);
            if (snapshot != null) {
                // The snapshot's own identity: where each upload gets an ETag of its own (SSE-KMS), it differs from the artifact's.
                storage.writeDocument(snapshotEntries(asset.name()) + "/" + snapshotPath.substring(snapshotPath.lastIndexOf('/') + 1)
                        + ".json", entry.atSnapshot(storage.location(snapshotPath), snapshot.checksum()).toJson());
            }
            storage.writeDocument(Layout.catalogEntry(asset.name()), entry.toJson());
            return entry;
        }
    }

    private static String snapshotEntries(String assetName) {
        return Layout.CATALOG + "/" + Layout.fileName(assetName) + ".snapshots";
    }

    // ---- reading ---------------------------------------------------------------------------------

    Optional<CatalogEntry> entry(String assetName) throws IOException {
        String path = Layout.catalogEntry(assetName);
        Optional<byte[]> json = storage.readDocument(path);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CatalogEntry.fromJson(json.get(), path));
        } catch (IOException e) {
            throw new AssetException("the catalog entry of asset '" + assetName + "' in " + storage.describe()
                    + " cannot be read (" + e.getMessage() + "); materialise the asset again to replace it", e);
        }
    }

    /** The last materialisation of an asset. */
    public Optional<StoredArtifact> latest(String assetName) {
        try {
            return entry(assetName).map(entry -> new StoredArtifact(this, entry));
        } catch (IOException e) {
            throw new AssetException("cannot read the catalog of " + storage.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The snapshots kept of an asset, oldest first. */
    List<StoredArtifact> snapshots(String assetName) {
        try {
            List<StoredArtifact> snapshots = new ArrayList<>();
            for (String path : storage.list(snapshotEntries(assetName))) {
                CatalogEntry entry = CatalogEntry.fromJson(storage.readDocument(path).orElseThrow(), path);
                snapshots.add(new StoredArtifact(this, entry));
            }
            return snapshots;
        } catch (IOException e) {
            throw new AssetException("cannot list the snapshots of asset '" + assetName + "' in " + storage.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    // ---- queries ---------------------------------------------------------------------------------

    /**
     * A query in which {@code {asset}} stands for {@code subject} (null: there is none) and {@code
     * {asset:name}} for the last artifact of the asset of that name; text that is not a whole
     * statement is a clause after {@code SELECT * FROM {asset}}.
     */
    public AssetQuery query(StoredArtifact subject, String sql) {
        String text = sql == null ? "" : sql.strip();
        String what = subject == null ? "assets of " + storage.describe() : "asset '" + subject.record().name() + "'";
        if (subject != null && !isStatement(text)) {
            text = "SELECT * FROM {asset}" + (text.isEmpty() ? "" : " " + text);
        }
        Matcher placeholders = PLACEHOLDER.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (placeholders.find()) {
            String name = placeholders.group(1);
            StoredArtifact artifact;
            if (name == null) {
                if (subject == null) {
                    throw new AssetException("{asset} in '" + sql + "' stands for no asset: this query was not made from an "
                            + "artifact; name the asset, {asset:name}");
                }
                artifact = subject;
            } else {
                artifact = latest(name.strip()).orElseThrow(() -> new AssetNotMaterializedException(name.strip(), "asset '"
                        + name.strip() + "' in the query of " + what + " was never materialised under " + storage.describe()
                        + ": call the asset before querying it"));
                TaskInvocation reader = RUNNING.get();
                if (reader != null) {
                    reader.readArtifact(name.strip());
                }
            }
            placeholders.appendReplacement(resolved, Matcher.quoteReplacement(artifact.readerSql()));
        }
        placeholders.appendTail(resolved);
        return ApiBridge.query(new QueryPlan(queries, resolved.toString(), what));
    }

    private static boolean isStatement(String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (text.startsWith("(")) {
            return true;
        }
        String first = text.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        return STATEMENTS.contains(first);
    }
}
