package dev.rivulet.assets.internal.catalog;

import dev.rivulet.assets.internal.query.Sql;
import dev.rivulet.assets.internal.storage.ArtifactStorage;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactFormat;
import dev.rivulet.assets.AssetException;
import dev.rivulet.assets.AssetQuery;
import dev.rivulet.history.ArtifactRecord;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A written artifact: its catalog entry, and the catalog that reads and queries it. */
public final class StoredArtifact {

    private final AssetCatalog catalog;
    private final CatalogEntry entry;

    StoredArtifact(AssetCatalog catalog, CatalogEntry entry) {
        this.catalog = catalog;
        this.entry = entry;
    }

    public ArtifactRecord record() {
        return entry.artifact();
    }

    public ArtifactFormat format() {
        return ArtifactFormat.named(entry.format());
    }

    /** The artifact as a local file, checked against its record. */
    public Path localFile() {
        ArtifactRecord record = entry.artifact();
        try {
            return catalog.storage().localFile(entry.path(), new ArtifactStorage.StoredFile(record.bytes(), record.checksum()));
        } catch (NoSuchFileException e) {
            throw new AssetException("the artifact of asset '" + record.name() + "' at " + record.location()
                    + " was removed after it was written; call the asset again to materialise it", e);
        } catch (ArtifactStorage.ContentChangedException e) {
            throw new AssetException("the artifact of asset '" + record.name() + "' at " + record.location()
                    + " no longer matches what was written (" + e.getMessage() + "); call the asset again to materialise it", e);
        } catch (IOException e) {
            throw new AssetException("the artifact of asset '" + record.name() + "' at " + record.location()
                    + " cannot be read from " + catalog.storage().describe() + ": " + e.getMessage(), e);
        }
    }

    /** SQL that reads the artifact, for a query's {@code FROM}. */
    String readerSql() {
        Path file = localFile();
        if (format() == ArtifactFormat.PARQUET) {
            return Sql.readParquet(List.of(file));
        }
        return Sql.readJson(List.of(file), entry.columns(), entry.dateFormat(), entry.timestampFormat());
    }

    public AssetQuery query(String sql) {
        return catalog.query(this, sql);
    }

    public List<Artifact> snapshots() {
        return catalog.snapshots(entry.artifact().name()).stream().map(StoredArtifact::handle).toList();
    }

    public Artifact handle() {
        return ApiBridge.handle(this);
    }
}
