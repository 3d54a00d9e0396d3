package dev.rivulet.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written in full or not at all. The bytes go to a temporary file beside the target, and
 * {@link #commit()} renames it over the target in one atomic step, so a reader sees the old file
 * (or none) until the rename and the whole new file after it, never part of one. Closing an
 * {@code AtomicFile} that was not committed, after a failure, an interrupt or a change of mind,
 * deletes the temporary file and the directories it made; the target is left as it was.
 *
 * {@snippet file="dev/rivulet/snippets/AtomicFileSnippetsTest.java" region="create"}
 *
 * <p>or, for one stream of bytes:
 *
 * {@snippet file="dev/rivulet/snippets/AtomicFileSnippetsTest.java" region="write"}
 *
 * <p>The temporary file is {@code .<target name>.<16 hex digits>.tmp} in the target's directory,
 * created with the usual permissions. While it is written, this process holds a lock on it, so that
 * a clean-up can tell a file whose writer is alive from one left by a process that died: see
 * {@link #removeIfStale}.
 *
 * <p>Write either through {@link #outputStream()}, buffered, for sequential writes from one thread,
 * or through {@link #channel()}, whose positional writes may come from several threads at any
 * offsets; not both. {@link #commit()} and {@link #close()} may be called from any thread, and the
 * first of them wins. With {@link Durability#FORCED}, the default, {@link #commit()} forces the
 * bytes to the device before the rename and the directory after it, so the new file survives a
 * power loss once {@code commit} returns. The file system must rename atomically within a
 * directory (local file systems do); if it cannot, {@code commit} fails and the target is left
 * alone.
 */
public final class AtomicFile implements Closeable {

    /** What {@link #commit()} makes sure of beyond atomicity. */
    public enum Durability {
        /** The file's bytes and the rename are forced to the device: the new file survives a crash of the machine. */
        FORCED,
        /** Nothing is forced: a crash of the machine may lose the new file (never expose part of it to a running reader). */
        NOT_FORCED
    }

    /** What an {@link #write(Path, Content) AtomicFile.write} writes. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the file's bytes to {@code out}, which the caller must not close.
         *
         * @param out the temporary file's stream
         * @throws IOException if the bytes cannot be produced or written; the target is left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int BUFFER = 1 << 16;
    /** The temporary files being written in this JVM: a clean-up must not open them, since closing its channel would release their lock. */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private final Path target;
    private final Path temporary;
    private final Durability durability;
    private final Path madeDirectory;
    private final FileChannel channel;
    private OutputStream stream;
    private boolean committed;
    private boolean closed;

    private AtomicFile(Path target, Path temporary, Durability durability, Path madeDirectory, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.durability = durability;
        this.madeDirectory = madeDirectory;
        this.channel = channel;
    }

    /**
     * Starts writing {@code target}, forced to disk on commit; its directories are made if missing.
     *
     * @param target the file to write
     * @return the file being written, which the caller commits and closes
     * @throws IOException if the temporary file or a missing directory cannot be made
     */
    public static AtomicFile create(Path target) throws IOException {
        return create(target, Durability.FORCED);
    }

    /**
     * Starts writing {@code target}; its directories are made if missing.
     *
     * @param target the file to write
     * @param durability what {@link #commit()} forces to the device
     * @return the file being written, which the caller commits and closes
     * @throws IOException if the temporary file or a missing directory cannot be made
     * @throws IllegalArgumentException if {@code target} names no file in a directory
     */
    public static AtomicFile create(Path target, Durability durability) throws IOException {
        Objects.requireNonNull(durability, "durability");
        Path absolute = target.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        if (directory == null || absolute.getFileName() == null) {
            throw new IllegalArgumentException("cannot write " + target + " atomically: it names no file in a directory");
        }
        Path temporary = directory.resolve("." + absolute.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + TEMPORARY_SUFFIX);
        Path made = firstMissing(directory);
        WRITING.add(temporary);
        FileChannel channel = null;
        try {
            channel = createTemporary(temporary);
            channel.lock();  // held until the channel closes, after the rename: the writer is alive
            return new AtomicFile(absolute, temporary, durability, made, channel);
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                closeQuietly(channel);
                Files.deleteIfExists(temporary);
            }
            removeIfEmpty(directory, made);
            WRITING.remove(temporary);
            throw e;
        }
    }

    /**
     * Writes {@code target} atomically with what {@code content} writes, forced to disk; its
     * directories are made if missing. If {@code content} throws, the target is left as it was.
     *
     * @param target the file to write
     * @param content writes the file's bytes
     * @return {@code target}
     * @throws IOException if {@code content} throws one or the file cannot be written
     */
    public static Path write(Path target, Content content) throws IOException {
        try (AtomicFile file = create(target)) {
            content.writeTo(file.outputStream());
            file.commit();
        }
        return target;
    }

    /** {@return the file this writes, as an absolute path} */
    public Path target() {
        return target;
    }

    /** {@return the temporary file the bytes go to until {@link #commit()}} */
    public Path temporary() {
        return temporary;
    }

    /** {@return the temporary file's channel, for positional writes from any thread; not to be closed by the caller} */
    public FileChannel channel() {
        checkOpen();
        return channel;
    }

    /** {@return a buffered stream into the temporary file, the same one on every call; closing it only flushes it} */
    public OutputStream outputStream() {
        checkOpen();
        if (stream == null) {
            stream = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER) {
                @Override
                public synchronized void close() throws IOException {
                    flush();
                }
            };
        }
        return stream;
    }

    /**
     * Renames the written file over the target in one atomic step, after forcing it to disk if so
     * asked, and lets go of it. If this fails, the target is as it was and {@link #close()} removes
     * the temporary file.
     *
     * @throws IOException if a write, the force or the rename fails; an {@link AtomicMoveNotSupportedException}'s
     *     cause says the file system cannot rename atomically
     */
    public synchronized void commit() throws IOException {
        checkOpen();
        if (stream != null) {
            stream.flush();
        }
        if (durability == Durability.FORCED) {
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically; write " + target.getFileName()
                    + " to another directory", e);
        }
        committed = true;
        close();
        if (durability == Durability.FORCED) {
            forceDirectory(target.getParent());
        }
    }

    /** Lets go of the file; unless it was committed, deletes the temporary file and the directories {@link #create} made. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeQuietly(channel);
            if (!committed) {
                Files.deleteIfExists(temporary);
                removeIfEmpty(temporary.getParent(), madeDirectory);
            }
        } finally {
            WRITING.remove(temporary);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the atomic write of " + target + " is already " + (committed ? "committed" : "closed"));
        }
    }

    /**
     * {@return whether {@code file} is named as the temporary file of an {@code AtomicFile}}
     *
     * @param file any path
     */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(".") && name.toString().endsWith(TEMPORARY_SUFFIX);
    }

    /**
     * Deletes {@code temporary}, a temporary file of an {@code AtomicFile}, if its writer is gone: no
     * writer of this JVM writes it, no process holds its lock, and it was last modified no later than
     * {@code modifiedBefore} (a writer may be about to take its lock). Safe while other threads and
     * processes write.
     *
     * @param temporary a temporary file, as found by listing a directory
     * @param modifiedBefore only a file last modified no later than this is deleted
     * @return whether it was deleted
     * @throws IllegalArgumentException if {@code temporary} is not named as a temporary file
     * @throws IOException if the file cannot be inspected or deleted
     */
    public static boolean removeIfStale(Path temporary, Instant modifiedBefore) throws IOException {
        if (!isTemporary(temporary)) {
            throw new IllegalArgumentException("not the temporary file of an atomic write: " + temporary);
        }
        if (WRITING.contains(temporary.toAbsolutePath().normalize())) {
            return false;
        }
        try {
            if (Files.getLastModifiedTime(temporary).toInstant().isAfter(modifiedBefore)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                if (channel.tryLock() == null) {
                    return false;  // its writer is alive
                }
                Files.delete(temporary);
                return true;
            }
        } catch (NoSuchFileException e) {
            return false;  // renamed or removed by its writer
        }
    }

    /**
     * Creates the temporary file and its directories. A writer whose write failed removes the
     * directories it made if they are empty, so a writer beside it may find its new directory gone
     * and makes it again.
     */
    private static FileChannel createTemporary(Path temporary) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(temporary.getParent());
            try {
                return FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The outermost of {@code directory} and its parents that does not exist yet; null if it exists. */
    private static Path firstMissing(Path directory) {
        Path missing = null;
        for (Path d = directory; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing = d;
        }
        return missing;
    }

    /** Removes {@code directory} and its parents up to {@code made}, the ones a write made, while they are empty. */
    private static void removeIfEmpty(Path directory, Path made) {
        if (made == null) {
            return;
        }
        for (Path d = directory; d != null && d.startsWith(made); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                return;  // not empty: another writer uses it
            }
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be forced; the rename is still atomic.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was left to write: a commit forced or flushed before
        }
    }

    @Override
    public String toString() {
        return "AtomicFile[" + target + "]";
    }
}
