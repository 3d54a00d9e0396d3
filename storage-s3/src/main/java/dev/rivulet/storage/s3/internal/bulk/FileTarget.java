package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.internal.transfer.LocalFileException;
import dev.rivulet.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * A download into a file, through an {@link AtomicFile}: the bytes go to its hidden temporary file,
 * sized up front (sparse) and written by positional writes so that ranges land in any order from
 * any thread; when the last range is in, the file is renamed atomically to its name, so a file
 * under its name is always complete. Not forced to disk: a download lost to a crash of the machine
 * is downloaded again.
 */
final class FileTarget implements DownloadTarget {

    /** Bytes read from a response per write; one reused buffer per worker thread. */
    static final int CHUNK = 256 * 1024;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[CHUNK]);

    private final AtomicFile file;
    private final FileChannel channel;

    private FileTarget(AtomicFile file) {
        this.file = file;
        this.channel = file.channel();
    }

    /**
     * A target for download {@code index} of key {@code key}, of {@code size} bytes, in {@code
     * directory}: named {@code <index>-<last part of the key>}, so that names are unique and keep
     * the key's extension.
     */
    static FileTarget create(Path directory, int index, String key, long size) throws IOException {
        Path target = directory.resolve(index + "-" + fileName(key));
        AtomicFile file = null;
        try {
            file = AtomicFile.create(target, AtomicFile.Durability.NOT_FORCED);
            if (size > 0) {
                file.channel().write(ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            if (file != null) {
                file.close();
            }
            throw new LocalFileException("cannot create " + target + " for " + size + " bytes: " + e.getMessage(), e);
        }
        return new FileTarget(file);
    }

    /** The last segment of {@code key}, with characters that are unsafe in file names replaced. */
    static String fileName(String key) {
        String last = key.substring(key.lastIndexOf('/') + 1);
        StringBuilder name = new StringBuilder(Math.min(last.length(), 120));
        for (int i = 0; i < last.length() && name.length() < 120; i++) {
            char c = last.charAt(i);
            name.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return "object";
        }
        return name.toString();
    }

    @Override
    public int readFrom(InputStream in, long offset, int max, MessageDigest digest) throws IOException {
        byte[] buffer = BUFFER.get();
        int n = in.read(buffer, 0, Math.min(max, buffer.length));
        if (n <= 0) {
            return n;
        }
        if (digest != null) {
            digest.update(buffer, 0, n);
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        long position = offset;
        try {
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot write to " + file.temporary() + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** Closes the file and gives it its name; returns the named file. */
    Path complete() throws IOException {
        try {
            file.commit();
        } catch (IOException e) {
            file.close();
            throw new LocalFileException("cannot complete " + file.target() + ": " + e.getMessage(), e);
        }
        return file.target();
    }

    @Override
    public void discard() {
        try {
            file.close();
        } catch (IOException e) {
            // The call's directory is deleted as a whole afterwards.
        }
    }
}
