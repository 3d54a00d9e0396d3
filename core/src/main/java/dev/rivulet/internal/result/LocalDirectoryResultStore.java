package dev.rivulet.internal.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rivulet.result.CorruptResultException;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.StoreSupport;
import dev.rivulet.result.StoredResult;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Results in a directory. Each entry is one file, {@code <root>/<key>.result}: the data bytes as
 * the serializer wrote them, then the record as JSON, its length and a magic number. Writes go to
 * a temporary file in the same directory, are forced to disk and renamed over the entry in one
 * atomic step, so a reader sees the old entry or the new one, never part of one; a crash leaves at
 * most a temporary file that no reader looks at. Reads check the trailer, the size and the CRC32C
 * of the data.
 *
 * <p>Locks for single flight are files under {@code <root>/.locks}, held with {@link FileLock}, so
 * processes sharing the directory compute an entry once.
 */
public final class LocalDirectoryResultStore implements ResultStore {

    private static final byte[] MAGIC = "RVLTRES1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAIL = Integer.BYTES + MAGIC.length;
    private static final int MAX_TRAILER = 64 * 1024;
    private static final String SUFFIX = ".result";
    /**
     * The buffer between the file and the streams of serializers and codecs, both ways: they write
     * and read in small pieces (JDK serialization copies a byte[] through 1 KiB blocks), and each
     * piece must not become a system call.
     */
    private static final int BUFFER = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path root;
    private final KeyLocks keyLocks = new KeyLocks();

    public LocalDirectoryResultStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
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
        Path target = file(record.key());
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        ResultRecord complete;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
            StoreSupport.ChecksummingOutputStream counted = new StoreSupport.ChecksummingOutputStream(file);
            data.writeTo(counted);
            counted.flush();
            complete = record.withContent(counted.size(), counted.checksum());
            byte[] trailer = JSON.writeValueAsBytes(complete);
            file.write(trailer);
            file.write(ByteBuffer.allocate(Integer.BYTES).putInt(trailer.length).array());
            file.write(MAGIC);
            file.flush();
            channel.force(true);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("the file system of " + root + " cannot rename atomically; choose another directory for the local store", e);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        forceDirectory(target.getParent());
        return complete;
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be forced; the rename is still atomic.
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
        Runnable releaseInJvm = keyLocks.lock(key);
        try {
            Path locks = Files.createDirectories(root.resolve(".locks"));
            FileChannel channel = FileChannel.open(locks.resolve(sha256(key) + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return () -> {
                try {
                    fileLock.release();
                    channel.close();
                } finally {
                    releaseInJvm.run();
                }
            };
        } catch (IOException | RuntimeException e) {
            releaseInJvm.run();
            throw e;
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
