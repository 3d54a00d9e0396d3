package dev.rivulet.assets.internal.storage;

import dev.rivulet.io.LockFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an artifact root keeps its files: artifacts, snapshots and catalog entries, each named by
 * a path relative to the root with {@code /} separators. Materialisations stage their fragments in
 * a local directory first and publish whole files.
 */
public interface ArtifactStorage extends AutoCloseable {

    /** {@return the root, for messages} */
    String describe();

    /** {@return where the file at {@code path} is, as a URI} */
    URI location(String path);

    /** {@return a local directory for the fragments and temporary files of materialisations under way} */
    Path staging();

    /** {@return the size and identity of the file at {@code path}, if there is one} */
    Optional<StoredFile> stat(String path) throws IOException;

    /**
     * Makes the complete local file {@code file} the file at {@code path} in one step: a reader sees
     * the old file or the new one, never part of one. {@code file} is gone afterwards.
     *
     * @param checksum the SHA-256 of the file's bytes, hex
     * @return what was stored
     */
    StoredFile publish(Path file, String path, String checksum) throws IOException;

    /**
     * The bytes of the file at {@code path} as a local file, checked against what was recorded of
     * it: the file itself for a local root, a cached copy for a remote one.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws ContentChangedException if it does not match {@code expected} (changed behind the catalog's back)
     * @throws IOException if it cannot be read
     */
    Path localFile(String path, StoredFile expected) throws IOException;

    /** {@return the small document at {@code path}, such as a catalog entry, if there is one} */
    Optional<byte[]> readDocument(String path) throws IOException;

    /** Writes the small document at {@code path} in one step. */
    void writeDocument(String path, byte[] content) throws IOException;

    /** {@return the paths of the files under the directory {@code prefix}, in name order} */
    List<String> list(String prefix) throws IOException;

    /**
     * Takes the lock of {@code key} across the threads of this JVM and the processes of this host,
     * waiting while another holds it.
     */
    LockFiles.Held lock(String key) throws IOException, InterruptedException;

    /**
     * Lets go of what reaching the files holds, such as a remote store's client; the files stay. A
     * storage used again after this opens what it needs again.
     */
    @Override
    default void close() throws IOException {}

    /**
     * What a file holds: its size and what identifies its content (the SHA-256 recorded when it
     * was published, or an S3 ETag).
     *
     * @param bytes its size
     * @param checksum what identifies its content
     */
    record StoredFile(long bytes, String checksum) {}

    /** The file at a path is not what was recorded of it: it was replaced or changed behind the catalog's back. */
    final class ContentChangedException extends IOException {

        private static final long serialVersionUID = 1L;

        public ContentChangedException(String message) {
            super(message);
        }
    }
}
