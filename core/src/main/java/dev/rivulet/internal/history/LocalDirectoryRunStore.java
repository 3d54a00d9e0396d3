package dev.rivulet.internal.history;

import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunStore;
import dev.rivulet.io.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Run records as files named {@link RunKey#fileName()} in a directory, written through {@link
 * AtomicFile}; writers as lock files {@code writers/<writer id>.lock}, each locked by its process
 * while the writer is open. The operating system releases a lock when its process ends, however
 * it ends, so a lock file whose lock can be taken belongs to a writer that is gone.
 *
 * <p>A lock belongs to the process, and closing any channel on a file releases the process's lock
 * on it: so this JVM never opens a lock file it holds ({@link #HELD}), and checks the others one
 * at a time ({@link #CHECKING}), since the JDK refuses two locks of one JVM on one file.
 */
public final class LocalDirectoryRunStore implements RunStore {

    private static final String SUFFIX = ".json";
    private static final String LOCK_SUFFIX = ".lock";
    private static final String WRITERS = "writers";
    private static final Pattern WRITER_ID = Pattern.compile("[0-9a-f-]{36}");
    /** The lock files of writers open in this JVM, by absolute path, with their channels. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();
    private static final Object CHECKING = new Object();

    private final Path root;
    private String writerId;
    private Path writerFile;

    public LocalDirectoryRunStore(Path directory) {
        this.root = directory.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return "local(" + root + ")";
    }

    /** {@return the file of {@code key}; records are named by time first, so that they sort by it} */
    Path file(RunKey key) {
        return root.resolve(key.fileName());
    }

    @Override
    public void write(RunKey key, byte[] record) throws IOException {
        try (AtomicFile file = AtomicFile.create(file(key), AtomicFile.Durability.NOT_FORCED)) {
            file.outputStream().write(record);
            file.commit();
        }
    }

    @Override
    public byte[] read(RunKey key) throws IOException {
        return Files.readAllBytes(file(key));
    }

    @Override
    public List<RunKey> list() throws IOException {
        List<RunKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*" + SUFFIX)) {
            for (Path file : files) {
                RunKey.fromFileName(file.getFileName().toString()).ifPresent(keys::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();  // nothing was written yet
        }
        return keys;
    }

    @Override
    public void delete(RunKey key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    /** Deletes the temporary files of writes whose process died before they were renamed, a minute after the fact. */
    void removeStaleTemporaryFiles() throws IOException {
        Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, ".*.tmp")) {
            for (Path file : files) {
                AtomicFile.removeIfStale(file, before);
            }
        } catch (NoSuchFileException e) {
            // nothing was written yet
        }
    }

    @Override
    public synchronized String registerWriter() throws IOException {
        if (writerId != null) {
            return writerId;
        }
        String id = UUID.randomUUID().toString();
        Path writers = Files.createDirectories(root.resolve(WRITERS)).toRealPath();
        Path file = writers.resolve(id + LOCK_SUFFIX);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException("cannot lock " + file + ", which this writer just made");
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
        HELD.put(file, channel);
        writerFile = file;
        writerId = id;
        removeStaleTemporaryFiles();
        return id;
    }

    @Override
    public boolean isWriterAlive(String id) throws IOException {
        if (!WRITER_ID.matcher(id).matches()) {
            return false;  // no writer of this store has such an id
        }
        Path file;
        try {
            file = root.resolve(WRITERS).toRealPath().resolve(id + LOCK_SUFFIX);
        } catch (NoSuchFileException e) {
            return false;  // no writer ever wrote here
        }
        if (HELD.containsKey(file)) {
            return true;
        }
        synchronized (CHECKING) {
            if (HELD.containsKey(file)) {
                return true;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return true;  // another process holds it
                }
                Files.deleteIfExists(file);  // its process is gone: nothing will take this id again
                return false;
            } catch (NoSuchFileException e) {
                return false;  // closed, or cleaned up after its process died
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (writerFile == null) {
            return;
        }
        FileChannel channel = HELD.remove(writerFile);
        try {
            Files.deleteIfExists(writerFile);
        } finally {
            writerFile = null;
            writerId = null;
            if (channel != null) {
                channel.close();
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
