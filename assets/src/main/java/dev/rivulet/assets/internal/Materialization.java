package dev.rivulet.assets.internal;

import dev.rivulet.assets.ArtifactFormat;
import dev.rivulet.assets.AssetException;
import dev.rivulet.io.LockFiles;
import dev.rivulet.tables.ParquetTables;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One materialisation of an asset: each batch written as a fragment file in a staging directory of
 * its own as it arrives, so memory holds one batch; then the fragments combined into one file (JSON
 * lines concatenated, anything else through DuckDB), which is published in one step. The staging
 * directory is removed at the end, whatever happened; one left by a process that died is removed by
 * the next materialisation under the same root.
 */
final class Materialization implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.assets");
    private static final String OWNER_LOCK = "owner.lock";
    /** A staging directory without an owner lock is only removed once this old: its owner may be starting. */
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(1);

    private final ResolvedAsset asset;
    private final QueryEngine queries;
    private final Path directory;
    private final LockFiles.Held owner;
    private final List<Path> jsonFragments = new ArrayList<>();
    private final List<Path> parquetFragments = new ArrayList<>();
    private final JsonSchema schema;
    private long rows;
    private int batches;

    Materialization(ResolvedAsset asset, Path staging, String runId, QueryEngine queries) throws IOException, InterruptedException {
        this.asset = asset;
        this.queries = queries;
        this.schema = new JsonSchema(asset.name());
        removeAbandoned(staging);
        this.directory = Files.createDirectories(staging.resolve(Layout.fileName(runId + "-" + asset.path())));
        this.owner = LockFiles.lock(directory.toRealPath().resolve(OWNER_LOCK), "materialisation of " + asset.name(), staging.toString());
    }

    /** Writes every batch of {@code content} as a fragment. */
    void writeBatches(ArtifactContent content) throws Exception {
        Iterator<?> batches = content.batches();
        JsonFragmentWriter json = new JsonFragmentWriter(asset.name(), schema);
        while (batches.hasNext()) {
            Object batch = batches.next();
            int number = ++this.batches;
            String fragment = String.format("part-%06d", number);
            if (batch instanceof VectorSchemaRoot table) {
                try {
                    Path file = directory.resolve(fragment + ".parquet");
                    ParquetTables.write(table, file);
                    parquetFragments.add(file);
                    rows += table.getRowCount();
                } finally {
                    if (content.closesTables()) {
                        table.close();
                    }
                }
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
                        + "; a batch is an Iterable of records, an Arrow VectorSchemaRoot or a String of JSON");
            }
        }
    }

    /** The columns and types of a JSON artifact, as the catalog keeps them; empty for Parquet. */
    Map<String, String> jsonColumns() {
        return asset.format() == ArtifactFormat.JSON ? schema.duckDbTypes(asset.jsonColumnTypes()) : Map.of();
    }

    long rows() {
        return rows;
    }

    int batches() {
        return batches;
    }

    /** Combines the fragments into the artifact's file, in the staging directory; returns it with its SHA-256. */
    Combined combine() throws IOException {
        Path combined = directory.resolve("artifact." + asset.format().extension());
        if (asset.format() == ArtifactFormat.JSON && parquetFragments.isEmpty()) {
            return new Combined(combined, concatenate(jsonFragments, combined));
        }
        if (batches == 0 || jsonFragments.isEmpty() && parquetFragments.isEmpty()) {
            throw new AssetException("asset '" + asset.name() + "' gave no batches: a Parquet artifact needs at least one "
                    + "batch to have columns (an empty Arrow table will do)");
        }
        if (asset.format() == ArtifactFormat.PARQUET && jsonFragments.isEmpty() && parquetFragments.size() == 1) {
            Files.move(parquetFragments.get(0), combined);
            return new Combined(combined, sha256(combined));
        }
        List<String> sources = new ArrayList<>();
        if (!jsonFragments.isEmpty()) {
            sources.add("SELECT * FROM " + Sql.readJson(jsonFragments, schema.duckDbTypes(asset.jsonColumnTypes()), null, null));
        }
        if (!parquetFragments.isEmpty()) {
            sources.add("SELECT * FROM " + Sql.readParquet(parquetFragments));
        }
        String options = asset.format() == ArtifactFormat.PARQUET ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT json";
        queries.execute("COPY (" + String.join(" UNION ALL BY NAME ", sources) + ") TO " + Sql.literal(combined.toString())
                + " (" + options + ")", "asset '" + asset.name() + "' while combining its " + batches + " batches");
        return new Combined(combined, sha256(combined));
    }

    /** The combined file and its SHA-256. */
    record Combined(Path file, String checksum) {}

    private static String concatenate(List<Path> fragments, Path target) throws IOException {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            for (Path fragment : fragments) {
                Files.copy(fragment, out);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
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
    Path copyForSnapshot(Path combined) throws IOException {
        Path copy = directory.resolve("snapshot." + asset.format().extension());
        Files.copy(combined, copy);
        return copy;
    }

    /** Removes the staging directory and lets go of it. */
    @Override
    public void close() throws IOException {
        try {
            deleteTree(directory, OWNER_LOCK);
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
                Path lock = directory.resolve(OWNER_LOCK);
                boolean abandoned = Files.exists(lock) ? LockFiles.removeIfFree(lock.toRealPath()) : olderThanGrace(directory);
                if (abandoned) {
                    LOG.info("Removing the fragments of a materialisation whose process ended before it did: {}", directory);
                    deleteTree(directory, null);
                    Files.deleteIfExists(directory);
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

    /** Deletes what is under {@code directory}, but {@code keep}. */
    private static void deleteTree(Path directory, String keep) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(directory) && (keep == null || !file.getFileName().toString().equals(keep))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
