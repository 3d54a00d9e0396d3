package dev.rivulet.io;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks held through lock files: by one thread of this JVM at a time, and by one process on the
 * host at a time.
 *
 * <p>Three traps of {@link FileLock} on Linux shape it. A lock belongs to the process, not the
 * channel, and closing any channel on the file releases it: so within this JVM, one registry for
 * all stores, keyed by the file's real path, lets only the holding thread open a channel on a lock
 * file. The JDK refuses a second lock on a file this JVM holds ({@code
 * OverlappingFileLockException}): the registry makes that impossible. And a blocking {@code
 * lock()} may fail with "Resource deadlock avoided" when two processes each hold one lock and want
 * the other's, because the kernel sees processes, not threads: so the wait is {@code tryLock} with
 * backoff, which never fails for that reason, and which an interrupt (a timeout) ends.
 *
 * <p>A lock file is deleted by its holder before it lets go, so files do not pile up. To take a
 * lock, a process reads the file's identity, opens it, locks it, and checks that the path still
 * names the same file; if a holder deleted it meanwhile, it tries again with a new file. Files left
 * by a process that died while holding them are removed by {@link #removeIfFree} under the same
 * protocol.
 */
public final class LockFiles {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.io.LockFiles");
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long LONGEST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long REPORT_WAIT_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Every lock file this JVM holds or waits for, by real path. */
    private static final ConcurrentHashMap<Path, Entry> ENTRIES = new ConcurrentHashMap<>();

    private static final class Entry {
        final ReentrantLock inJvm = new ReentrantLock();
        /** Threads holding or waiting; guarded by {@link #ENTRIES}' compute. */
        int users;
        /** While held: what the lock is for, its channel and its lock; touched by the holding thread only. */
        volatile String key;
        FileChannel channel;
        FileLock lock;
    }

    /** A held lock; closing it deletes the lock file and releases the lock. */
    public interface Held extends AutoCloseable {
        /**
         * Deletes the lock file and releases the lock.
         *
         * @throws IOException if the file cannot be deleted or closed
         */
        @Override
        void close() throws IOException;
    }

    private LockFiles() {}

    /**
     * Takes the lock of {@code file}, waiting as long as another thread or process holds it.
     *
     * @param file the lock file's path, as a real path (so that two spellings of one file are one lock)
     * @param key what the lock is for, named in messages
     * @param store where the key is, such as the store's description, named in messages
     * @return the held lock, which the same thread closes
     * @throws IOException if the lock file cannot be made or locked
     * @throws InterruptedException if interrupted while waiting; the message names {@code key} and
     *     the other keys this JVM holds under {@code file}'s directory, which a cycle would involve
     */
    public static Held lock(Path file, String key, String store) throws IOException, InterruptedException {
        Entry entry = use(file);
        try {
            entry.inJvm.lockInterruptibly();
        } catch (InterruptedException e) {
            unuse(file, entry);
            throw interrupted(file, key, store, "another run in this JVM", e);
        }
        if (entry.inJvm.getHoldCount() > 1) {
            return () -> release(file, entry);  // this thread holds it already: the file lock too
        }
        try {
            lockFile(file, entry, key, store);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            release(file, entry);
            throw e;
        }
        entry.key = key;
        return () -> release(file, entry);
    }

    /**
     * Deletes {@code file} if no thread or process holds its lock: the lock file of a process that
     * died while holding it. Never blocks.
     *
     * @param file the lock file
     * @return whether it was deleted
     * @throws IOException if it cannot be opened or deleted
     */
    public static boolean removeIfFree(Path file) throws IOException {
        Entry entry = use(file);
        try {
            // this thread's own lock (a reentrant lock would let it in): held, not free
            if (entry.inJvm.isHeldByCurrentThread() || !entry.inJvm.tryLock()) {
                return false;
            }
            try {
                if (!tryLockFile(file, entry, false)) {
                    return false;
                }
                Files.deleteIfExists(file);
                return true;
            } finally {
                closeFile(entry);
                entry.inJvm.unlock();
            }
        } finally {
            unuse(file, entry);
        }
    }

    private static Entry use(Path file) {
        return ENTRIES.compute(file, (f, e) -> {
            Entry used = e == null ? new Entry() : e;
            used.users++;
            return used;
        });
    }

    private static void unuse(Path file, Entry entry) {
        ENTRIES.compute(file, (f, e) -> --entry.users == 0 ? null : e);
    }

    private static void release(Path file, Entry entry) throws IOException {
        try {
            if (entry.inJvm.getHoldCount() == 1 && entry.channel != null) {
                entry.key = null;
                try {
                    // Deleted while held: whoever opened this file meanwhile sees, once it holds the
                    // lock, that the path names another file or none, and starts again.
                    Files.deleteIfExists(file);
                } finally {
                    closeFile(entry);
                }
            }
        } finally {
            entry.inJvm.unlock();
            unuse(file, entry);
        }
    }

    private static void closeFile(Entry entry) throws IOException {
        FileChannel channel = entry.channel;
        entry.channel = null;
        entry.lock = null;
        if (channel != null) {
            channel.close();  // releases the lock
        }
    }

    /** Waits for the process-wide lock, with backoff; this thread holds {@code entry.inJvm}. */
    private static void lockFile(Path file, Entry entry, String key, String store) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long backoff = FIRST_BACKOFF_NANOS;
        boolean reported = false;
        while (true) {
            try {
                if (tryLockFile(file, entry, true)) {
                    return;
                }
            } catch (ClosedByInterruptException e) {
                Thread.interrupted();  // reported as an InterruptedException, which clears it
                throw interrupted(file, key, store, "another process", e);
            }
            if (!reported && System.nanoTime() - started > REPORT_WAIT_AFTER_NANOS) {
                LOG.info("Waiting for key {} in {}, which another process is computing", key, store);
                reported = true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));
            } catch (InterruptedException e) {
                throw interrupted(file, key, store, "another process", e);
            }
            backoff = Math.min(LONGEST_BACKOFF_NANOS, backoff * 2);
        }
    }

    /**
     * One try at the process-wide lock; this thread holds {@code entry.inJvm}. On success the entry
     * holds the channel and lock of the file that {@code file} names. {@code create}: make the
     * file if there is none.
     */
    private static boolean tryLockFile(Path file, Entry entry, boolean create) throws IOException {
        Identity before = identity(file, create);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return false;  // deleted by its holder since: try again with a new one
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return false;
            }
            // Holding it: the path must still name the file that was opened. The identity was read
            // before the open and again now; a file, once deleted, never comes back under the path.
            if (!before.equals(identity(file, false))) {
                channel.close();
                return false;
            }
            entry.channel = channel;
            entry.lock = lock;
            return true;
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    /** Which file a path names: its file key and modification time; null when there is none. */
    private record Identity(Object fileKey, FileTime modified) {}

    private static Identity identity(Path file, boolean create) throws IOException {
        if (create) {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // held, or left by a process that died: locking it tells which
            }
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Identity(Objects.requireNonNullElse(attributes.fileKey(), file), attributes.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return new Identity(null, null);
        }
    }

    private static KeyLockInterruptedException interrupted(Path file, String key, String store, String whoHolds, Exception cause) {
        List<String> held = new ArrayList<>();
        ENTRIES.forEach((path, entry) -> {
            String heldKey = entry.key;
            if (heldKey != null && !path.equals(file) && Objects.equals(path.getParent(), file.getParent())) {
                held.add(heldKey);
            }
        });
        String cycle = held.isEmpty() ? "" : "; this JVM holds the lock on " + (held.size() == 1 ? "key " : "keys ")
                + String.join(", ", held) + " in the same store: if " + whoHolds
                + " waits for one of them, the two wait for each other";
        return new KeyLockInterruptedException("interrupted while waiting for the lock on key " + key + " in " + store
                + ", held by " + whoHolds + cycle, cause);
    }
}
