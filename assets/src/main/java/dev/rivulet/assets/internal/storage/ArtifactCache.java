package dev.rivulet.assets.internal.storage;

import dev.rivulet.io.AtomicFile;
import dev.rivulet.io.LockFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local copies of remote artifacts, one file per object version: keyed by the object's location
 * and its entity tag, so a replaced object is a new key and never mixes with the old copy.
 *
 * <p>Under the directory: {@code objects/} the copies, {@code downloads/} downloads under way,
 * {@code locks/} a lock file per key. A key is filled under its lock, across the threads of this
 * JVM and the processes of this host ({@link LockFiles}): one downloads, the others wait and then
 * find the copy. A copy appears under its name in one rename, complete, so a reader never sees part
 * of one.
 *
 * <p>Bound: after each fill, the copies least recently used are deleted until the total is within
 * {@code maxBytes}, except copies used in the last {@code keepRecent} (a query may be about to open
 * them), so the total can stay above the bound while that many bytes are in use. A copy is used
 * when it is handed out or filled; its modification time records it, so every process sharing the
 * directory sees the same order. Deleting a copy that a query has open is safe on POSIX systems:
 * the query reads on until it closes it.
 */
final class ArtifactCache {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.assets");

    /** Fetches one object version into a local file of the caller's choosing, complete. */
    interface Fetcher {
        /**
         * Puts the object's bytes at {@code target} in one rename.
         *
         * @throws ArtifactStorage.ContentChangedException if the object is not the expected version
         */
        void fetch(Path target) throws IOException;
    }

    private final Path directory;
    private final long maxBytes;
    private final Duration keepRecent;
    private volatile boolean secured;

    ArtifactCache(Path directory, long maxBytes, Duration keepRecent) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the artifact cache's size bound must not be negative, was " + maxBytes);
        }
        this.directory = Layout.checkDirectory(directory.toAbsolutePath().normalize(), "the artifact cache");
        this.maxBytes = maxBytes;
        this.keepRecent = keepRecent;
    }

    Path directory() {
        return directory;
    }

    /**
     * The cache's directory, made private to this user if it is new; one that exists must be a
     * real directory of this user's, as other users of the host could otherwise plant or swap the
     * copies queries read and the files uploads take.
     */
    Path secured() throws IOException {
        if (secured) {
            return directory;
        }
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.getParent());
            try {
                if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(directory);
                }
            } catch (FileAlreadyExistsException e) {
                // made meanwhile: checked below like any existing one
            }
        }
        if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the artifact cache " + directory + " is not a directory of its own (a link or a file); "
                    + "choose another cache directory");
        }
        String owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName();
        String user = System.getProperty("user.name");
        if (user != null && !owner.equals(user)) {
            throw new IOException("the artifact cache " + directory + " belongs to " + owner + ", not to " + user
                    + "; choose another cache directory");
        }
        secured = true;
        return directory;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Where downloads are written before they are renamed into place: on the cache's file system. */
    Path downloads() throws IOException {
        return Files.createDirectories(secured().resolve("downloads"));
    }

    /**
     * The local copy of {@code source} at version {@code etag}: the cached one, or one {@code
     * fetcher} fills now while other fillers of the key wait.
     *
     * @param extension the copy's file extension, with its dot
     */
    Path file(String source, String etag, long bytes, String extension, Fetcher fetcher) throws IOException {
        String name = name(source, etag, extension);
        Path copy = objects().resolve(name);
        try (LockFiles.Held held = lock(name)) {
            if (!isComplete(copy, bytes)) {
                fetcher.fetch(copy);
                if (!isComplete(copy, bytes)) {
                    long found = Files.size(copy);
                    Files.deleteIfExists(copy);
                    throw new ArtifactStorage.ContentChangedException("the downloaded copy of " + source + " has "
                            + found + " bytes where " + bytes + " were written");
                }
            }
            Files.setLastModifiedTime(copy, FileTime.from(Instant.now()));
        }
        evictBeyondBound(copy);
        return copy;
    }

    /**
     * Makes the complete local file {@code file}, just uploaded as {@code source} at version {@code
     * etag}, the cached copy of that version, so the artifact just written is read without a
     * download. {@code file} is gone afterwards.
     */
    void adopt(String source, String etag, String extension, Path file) throws IOException {
        String name = name(source, etag, extension);
        Path copy = objects().resolve(name);
        try (LockFiles.Held held = lock(name)) {
            Files.move(file, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(copy, FileTime.from(Instant.now()));
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(file);  // another file system: the first read downloads it instead
            return;
        }
        evictBeyondBound(copy);
    }

    private Path objects() throws IOException {
        return Files.createDirectories(secured().resolve("objects"));
    }

    /** One file name per source and version, readable where it is safe and without glob characters. */
    private static String name(String source, String etag, String extension) {
        return Layout.fileName(source) + "." + Layout.sha256(etag).substring(0, 16) + extension;
    }

    private static boolean isComplete(Path copy, long bytes) throws IOException {
        try {
            return Files.size(copy) == bytes;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private LockFiles.Held lock(String name) throws IOException {
        Path locks = Files.createDirectories(secured().resolve("locks"));
        try {
            return LockFiles.lock(locks.toRealPath().resolve(name + ".lock"), name, "artifact cache " + directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the artifact cache's key " + name);
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    /** Deletes the copies least recently used, other than {@code keep} and those in recent use, until the total is within the bound. */
    private void evictBeyondBound(Path keep) {
        try {
            List<Cached> copies = copies();
            long total = copies.stream().mapToLong(Cached::bytes).sum();
            if (total <= maxBytes) {
                return;
            }
            Instant recent = Instant.now().minus(keepRecent);
            copies.sort(Comparator.comparing(Cached::used));
            for (Cached copy : copies) {
                if (total <= maxBytes) {
                    return;
                }
                if (copy.file().equals(keep) || !copy.used().isBefore(recent)) {
                    continue;
                }
                if (evict(copy, recent)) {
                    total -= copy.bytes();
                }
            }
            if (total > maxBytes) {
                LOG.debug("The artifact cache {} holds {} bytes, above its bound of {}: the rest is in recent use", directory, total, maxBytes);
            }
        } catch (IOException e) {
            LOG.warn("Cannot trim the artifact cache {} to {} bytes", directory, maxBytes, e);
        }
    }

    /** Deletes a copy under its key's lock, unless it was used since it was listed. */
    private boolean evict(Cached copy, Instant recent) throws IOException {
        try (LockFiles.Held held = lock(copy.file().getFileName().toString())) {
            FileTime used;
            try {
                used = Files.getLastModifiedTime(copy.file());
            } catch (NoSuchFileException e) {
                return true;  // another process evicted it
            }
            if (!used.toInstant().isBefore(recent)) {
                return false;
            }
            Files.delete(copy.file());
            LOG.debug("Evicted {} ({} bytes) from the artifact cache {}", copy.file().getFileName(), copy.bytes(), directory);
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot evict {} from the artifact cache", copy.file(), e);
            return false;
        }
    }

    private List<Cached> copies() throws IOException {
        List<Cached> copies = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(objects())) {
            for (Path file : files) {
                if (AtomicFile.isTemporary(file)) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        copies.add(new Cached(file, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                } catch (NoSuchFileException e) {
                    // evicted meanwhile
                }
            }
        }
        return copies;
    }

    private record Cached(Path file, long bytes, Instant used) {}

    @Override
    public String toString() {
        return directory + " (at most " + maxBytes + " bytes)";
    }
}
