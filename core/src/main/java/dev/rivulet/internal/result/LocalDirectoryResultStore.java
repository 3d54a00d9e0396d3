package dev.rivulet.internal.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rivulet.io.AtomicFile;
import dev.rivulet.result.CorruptResultException;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.StoreSupport;
import dev.rivulet.result.StoredResult;
import dev.rivulet.io.LockFiles;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results in a directory. Each entry is one file, {@code <root>/<key>.result}: the data bytes as
 * the serializer wrote them, then the record as JSON, its length and a magic number. Writes go
 * through an {@link AtomicFile}, forced to disk: a reader sees the old entry or the new one, never
 * part of one; a crash leaves at most a temporary file that no reader looks at. Reads check the trailer, the size and the CRC32C
 * of the data.
 *
 * <p>Locks for single flight are files under {@code <root>/.locks}, taken through {@link LockFiles}:
 * threads of every store of this JVM on the directory, and processes of the host sharing it,
 * compute an entry once, and wait (never fail) while another computes it. A lock file goes when
 * its holder lets go.
 *
 * <p>A writer holds a lock on its temporary file until the file is renamed or deleted, so that a
 * temporary file can be told from one left by a writer that died: a temporary file is stale when
 * no process holds its lock and it was last modified more than {@link #STALE_AFTER} ago. Stale
 * temporary files and lock files left by dead processes are removed in the background when the
 * store is opened ({@link #removeStaleFiles}).
 */
public final class LocalDirectoryResultStore implements ResultStore {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.Results");
    private static final byte[] MAGIC = "RVLTRES1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL = Integer.BYTES + MAGIC.length;
    private static final int MAX_TRAILER = 64 * 1024;
    private static final String SUFFIX = ".result";
    /**
     * The buffer between the file and the streams of serializers and codecs that read it (writes go
     * through {@link AtomicFile#outputStream()}'s buffer of the same size): they read in small
     * pieces (JDK serialization copies a byte[] through 1 KiB blocks), and each piece must not
     * become a system call.
     */
    private static final int BUFFER = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String LOCKS = ".locks";
    /** How long a temporary file nobody holds must have been left alone to count as stale. */
    static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private final Path root;
    private final Thread cleanUp;

    public LocalDirectoryResultStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
        this.cleanUp = Thread.ofPlatform().daemon().name("rivulet-local-store-clean-up").start(() -> {
            try {
                removeStaleFiles(STALE_AFTER);
            } catch (ClosedByInterruptException e) {
                // the store was closed first
            } catch (IOException | RuntimeException e) {
                LOG.warn("Removing stale files from {} failed; they stay until the next time the store is opened", this.root, e);
            }
        });
    }

    @Override
    public String describe() {
        return "local(" + root + ")";
    }

    private Path file(String key) {
        Path file = root.resolve(StoreSupport.checkKey(key) + SUFFIX).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("storage key '" + key + "' escapes the store's root " + root);
        }
        return file;
    }

    @Override
    public ResultRecord write(ResultRecord record, DataWriter data) throws IOException {
        try (AtomicFile file = AtomicFile.create(file(record.key()))) {
            OutputStream out = file.outputStream();
            StoreSupport.ChecksummingOutputStream counted = new StoreSupport.ChecksummingOutputStream(out);
            data.writeTo(counted);
            counted.flush();
            ResultRecord complete = record.withContent(counted.size(), counted.checksum());
            byte[] trailer = JSON.writeValueAsBytes(complete);
            out.write(trailer);
            out.write(ByteBuffer.allocate(Integer.BYTES).putInt(trailer.length).array());
            out.write(MAGIC);
            file.commit();
            return complete;
        }
    }

    @Override
    public Optional<ResultRecord> record(String key) throws IOException {
        Path file = file(key);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return Optional.of(readRecord(key, channel));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<StoredResult> read(String key) throws IOException {
        Path file = file(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            ResultRecord record = readRecord(key, channel);
            channel.position(0);
            // The buffer may read on into the trailer; the bound stops the data at its recorded size.
            InputStream data = new BoundedInputStream(new BufferedInputStream(Channels.newInputStream(channel), BUFFER), record.size());
            return Optional.of(new StoredResult(record, StoreSupport.verifying(data, record)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private ResultRecord readRecord(String key, FileChannel channel) throws IOException {
        long length = channel.size();
        if (length < TAIL) {
            throw new CorruptResultException("stored result '" + key + "' in " + root + " is truncated or not a result (" + length + " bytes)");
        }
        ByteBuffer tail = ByteBuffer.allocate(TAIL);
        readFully(channel, tail, length - TAIL);
        tail.flip();
        int trailerLength = tail.getInt();
        byte[] magic = new byte[MAGIC.length];
        tail.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC) || trailerLength <= 0 || trailerLength > MAX_TRAILER || trailerLength > length - TAIL) {
            throw new CorruptResultException("stored result '" + key + "' in " + root + " is truncated or not a result: its trailer is missing");
        }
        ByteBuffer trailer = ByteBuffer.allocate(trailerLength);
        readFully(channel, trailer, length - TAIL - trailerLength);
        ResultRecord record;
        try {
            record = JSON.readValue(trailer.array(), ResultRecord.class);
        } catch (IOException e) {
            throw new CorruptResultException("stored result '" + key + "' in " + root + " has an unreadable record", e);
        }
        if (!record.key().equals(key) || record.size() != length - TAIL - trailerLength) {
            throw new CorruptResultException("stored result '" + key + "' in " + root + " does not match its record (key '"
                    + record.key() + "', " + record.size() + " data bytes recorded, " + (length - TAIL - trailerLength) + " present)");
        }
        return record;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new CorruptResultException("unexpected end of a stored result");
            }
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(file(key));
    }

    @Override
    public KeyLock lock(String key) throws IOException, InterruptedException {
        StoreSupport.checkKey(key);
        Path locks = Files.createDirectories(root.resolve(LOCKS));
        return LockFiles.lock(locks.resolve(sha256(key) + ".lock"), key, describe())::close;
    }

    /**
     * Removes what processes that died left behind: lock files nobody holds, and temporary files
     * nobody holds that were last modified more than {@code staleAfter} ago. Safe while other
     * threads and processes use the store: a lock file is deleted only by whoever holds its lock,
     * and a temporary file only when its writer's lock is gone.
     *
     * @return how many files were removed
     */
    int removeStaleFiles(Duration staleAfter) throws IOException {
        int removed = 0;
        Path locks = root.resolve(LOCKS);
        if (Files.isDirectory(locks)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(locks)) {
                for (Path file : files) {
                    if (LockFiles.removeIfFree(file)) {
                        removed++;
                    }
                }
            }
        }
        List<Path> temporaries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                if (Thread.currentThread().isInterrupted()) {
                    return FileVisitResult.TERMINATE;  // the store is closing: the rest waits for the next opening
                }
                return directory.equals(locks) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (AtomicFile.isTemporary(file)) {
                    temporaries.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;  // removed meanwhile
            }
        });
        Instant staleBefore = Instant.now().minus(staleAfter);
        for (Path temporary : temporaries) {
            if (AtomicFile.removeIfStale(temporary, staleBefore)) {
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} file(s) left in {} by writers that stopped", removed, root);
        }
        return removed;
    }

    @Override
    public void close() {
        cleanUp.interrupt();
        try {
            cleanUp.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The first {@code limit} bytes of a stream: the data part of an entry file. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
