package dev.rivulet.history;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A file a task run materialised or found still valid, such as a data asset's artifact: where it
 * is, what it holds and when it was written. Recorded with the task run ({@link
 * TaskRunRecord#artifact()}), so the run store that keeps a run's record also tells what it made.
 *
 * @param name the artifact's name, such as an asset's resolved name
 * @param location where the artifact is: a {@code file} or {@code s3} URI
 * @param format the file format, such as {@code json} or {@code parquet}
 * @param bytes the artifact's size in bytes
 * @param rows how many rows it holds, or -1 if that is not known
 * @param checksum what identifies its content: a SHA-256 of the file, or an S3 ETag
 * @param materialized when the artifact was published
 * @param taskRunId the id of the task run that wrote it (another run's, when this run reused it)
 * @param batches how many batches it was written from
 * @param snapshot where the dated snapshot of it is, or null if none was kept
 */
public record ArtifactRecord(String name, URI location, String format, long bytes, long rows, String checksum,
                             Instant materialized, String taskRunId, int batches, URI snapshot) {

    /**
     * Checks that no part but the snapshot is missing.
     *
     * @throws NullPointerException if a part other than the snapshot is null
     */
    public ArtifactRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(materialized, "materialized");
        Objects.requireNonNull(taskRunId, "taskRunId");
    }

    /**
     * One line for people: {@code orders-eu: file:/data/orders/eu.parquet (parquet, 1200 rows, 40213 bytes)}.
     *
     * @return the artifact's name, location, format, rows and size
     */
    public String describe() {
        return name + ": " + location + " (" + format + (rows >= 0 ? ", " + rows + " rows" : "") + ", " + bytes + " bytes)";
    }
}
