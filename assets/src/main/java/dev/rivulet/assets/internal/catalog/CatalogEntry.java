package dev.rivulet.assets.internal.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rivulet.assets.internal.storage.Layout;
import dev.rivulet.history.ArtifactRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the catalog keeps of one materialisation of an asset: the record the task run got, the
 * path under the root, and how to read a JSON artifact back (the columns and their types, inferred
 * from its batches and overridden by the asset's options). Written after the artifact is published,
 * so an entry never names a file that is not whole.
 *
 * @param path the artifact's path under the root (or the snapshot's)
 * @param format {@code json} or {@code parquet}
 * @param columns for JSON: each column's DuckDB type, in order; empty for Parquet
 * @param dateFormat for JSON: the strptime format of dates; null for ISO
 * @param timestampFormat for JSON: the strptime format of timestamps; null for ISO
 * @param snapshotPath the path of the snapshot taken of it; null if none
 */
record CatalogEntry(int version, ArtifactRecord artifact, String path, String format, Map<String, String> columns,
                    String dateFormat, String timestampFormat, String snapshotPath) {

    static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    CatalogEntry {
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the catalog entry of " + artifact.name(), e);
        }
    }

    static CatalogEntry fromJson(byte[] json, String where) throws IOException {
        CatalogEntry entry = JSON.readValue(json, CatalogEntry.class);
        if (entry.version() > VERSION) {
            throw new IOException(where + " was written by a newer Rivulet (catalog version " + entry.version() + ")");
        }
        String refused = entry.path() == null ? "it names no path" : Layout.escapes(entry.path());
        if (refused != null && !(entry.path() != null && entry.path().startsWith(Layout.SNAPSHOTS + "/"))) {
            throw new IOException(where + " names the artifact '" + entry.path() + "', which is refused: " + refused);
        }
        return entry;
    }

    /** The same materialisation's entry for its snapshot: the snapshot's path, location and identity. */
    CatalogEntry atSnapshot(java.net.URI location, String checksum) {
        ArtifactRecord a = artifact;
        return new CatalogEntry(version, new ArtifactRecord(a.name(), location, a.format(), a.bytes(), a.rows(), checksum,
                a.materialized(), a.taskRunId(), a.batches(), location), snapshotPath, format, columns, dateFormat, timestampFormat, snapshotPath);
    }
}
