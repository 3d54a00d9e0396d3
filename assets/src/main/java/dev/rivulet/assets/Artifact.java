package dev.rivulet.assets;

import dev.rivulet.assets.internal.catalog.ApiBridge;
import dev.rivulet.assets.internal.write.ArtifactContent;
import dev.rivulet.assets.internal.catalog.StoredArtifact;
import dev.rivulet.history.ArtifactRecord;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A data asset's artifact, both ways: what an {@link Asset} method's body returns to have written
 * ({@link #ofRecords}, {@link #ofBatches}, {@link #ofTable}, ...), and what its caller gets back
 * once it is written, a handle to the file: where it is, its record, {@link #query(String) SQL
 * queries} over it, and an explicit {@link #readArrow read into Arrow}. The data is never loaded
 * into the JVM by the handle itself.
 *
 * {@snippet file="dev/rivulet/assets/snippets/AssetSnippetsTest.java" region="query"}
 *
 * <p>The handle's methods throw {@link IllegalStateException} on content that was not
 * materialised (an {@code Artifact.of...} value not returned through an asset call), and content
 * has nothing else to offer.
 */
public final class Artifact {

    private final ArtifactContent content;
    private final StoredArtifact stored;

    private Artifact(ArtifactContent content, StoredArtifact stored) {
        this.content = content;
        this.stored = stored;
    }

    static {
        ApiBridge.artifacts(stored -> new Artifact(null, stored), artifact -> artifact.content, artifact -> artifact.stored);
    }

    // ---- content ---------------------------------------------------------------------------------

    /**
     * One record: a Java record, a map or a bean, written as one JSON object or one row.
     *
     * @param value the record
     * @return content for an asset method to return
     */
    public static Artifact ofValue(Object value) {
        return content(ArtifactContent.records(List.of(Objects.requireNonNull(value, "value"))));
    }

    /**
     * Records in one batch: Java records, maps or beans, one JSON object or row each.
     *
     * @param records the records
     * @return content for an asset method to return
     */
    public static Artifact ofRecords(Iterable<?> records) {
        return content(ArtifactContent.records(Objects.requireNonNull(records, "records")));
    }

    /**
     * An Arrow table in one batch; the caller keeps it and closes it.
     *
     * @param table the table
     * @return content for an asset method to return
     */
    public static Artifact ofTable(VectorSchemaRoot table) {
        return content(ArtifactContent.table(Objects.requireNonNull(table, "table")));
    }

    /**
     * JSON text in one batch: an array of objects, one object, or JSON lines, such as a page an
     * HTTP API returned.
     *
     * @param json the text
     * @return content for an asset method to return
     */
    public static Artifact ofJson(String json) {
        return content(ArtifactContent.json(Objects.requireNonNull(json, "json")));
    }

    /**
     * The rows of a query, such as one over another asset ({@code silver.query("SELECT ...")}):
     * DuckDB writes them straight into the artifact's file, without passing them through the JVM.
     *
     * @param query the query, which runs when the asset is materialised
     * @return content for an asset method to return
     */
    public static Artifact ofQuery(AssetQuery query) {
        return content(ArtifactContent.query(ApiBridge.plan(Objects.requireNonNull(query, "query"))));
    }

    /**
     * Batches, each written as it arrives so that memory holds one batch at a time. A batch is an
     * {@link Iterable} of records, a {@link VectorSchemaRoot} (closed once written) or a {@link
     * String} of JSON text; batches of one artifact may mix kinds. See the assets page for how the
     * columns of JSON batches are reconciled.
     *
     * @param batches the batches, pulled one at a time while the asset is materialised
     * @return content for an asset method to return
     */
    public static Artifact ofBatches(Iterator<?> batches) {
        return content(ArtifactContent.batches(Objects.requireNonNull(batches, "batches"), null));
    }

    /**
     * Batches from a stream, closed once read; see {@link #ofBatches(Iterator)}.
     *
     * @param batches the batches
     * @return content for an asset method to return
     */
    public static Artifact ofBatches(Stream<?> batches) {
        return content(ArtifactContent.batches(batches.iterator(), batches));
    }

    private static Artifact content(ArtifactContent content) {
        return new Artifact(content, null);
    }

    // ---- handle ----------------------------------------------------------------------------------

    /** {@return whether this is a written artifact's handle, rather than content to write} */
    public boolean isMaterialized() {
        return stored != null;
    }

    /** {@return the asset's name, as queries refer to it} */
    public String name() {
        return stored().record().name();
    }

    /** {@return the artifact's format} */
    public ArtifactFormat format() {
        return stored().format();
    }

    /** {@return where the artifact is: a {@code file} or {@code s3} URI} */
    public URI location() {
        return stored().record().location();
    }

    /**
     * The artifact as a local file: the file itself under a local root, a copy in the local
     * cache (fetched if needed) under an S3 root.
     *
     * @return a readable file; do not change it
     * @throws AssetException if it cannot be fetched, or no longer matches its record
     */
    public Path path() {
        return stored().localFile();
    }

    /** {@return what the run that wrote it recorded: size, rows, checksum, time, snapshot} */
    public ArtifactRecord record() {
        return stored().record();
    }

    /** {@return how many rows it holds} */
    public long rows() {
        return stored().record().rows();
    }

    /**
     * A query over this artifact alone: {@code "WHERE amount > 10"} (the rows of the asset that
     * match), or a whole statement where {@code {asset}} stands for this asset and {@code
     * {asset:name}} for another: {@code "SELECT region, sum(amount) FROM {asset} GROUP BY 1"}.
     * Nothing runs until the query's results are asked for.
     *
     * @param sql a condition, or a DuckDB statement with placeholders
     * @return the query
     */
    public AssetQuery query(String sql) {
        return stored().query(sql);
    }

    /** {@return a query of all its rows} */
    public AssetQuery query() {
        return query("");
    }

    /**
     * Reads the artifact into Arrow batches, through DuckDB: the caller closes the reader, then
     * the allocator.
     *
     * @param allocator where the batches' memory comes from
     * @return a reader of the artifact's rows
     */
    public ArrowReader readArrow(BufferAllocator allocator) {
        return query().arrow(allocator);
    }

    /** {@return the dated snapshots kept of this asset, oldest first, as handles} */
    public List<Artifact> snapshots() {
        return stored().snapshots();
    }

    private StoredArtifact stored() {
        if (stored == null) {
            throw new IllegalStateException("this artifact is content to write, not a written artifact: return it from an @Asset "
                    + "method and use what the call returns");
        }
        return stored;
    }

    @Override
    public String toString() {
        return stored == null ? "Artifact[content " + content.describe() + "]"
                : "Artifact[" + stored.record().name() + " at " + stored.record().location() + "]";
    }
}
