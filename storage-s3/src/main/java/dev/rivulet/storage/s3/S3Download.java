package dev.rivulet.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One result of {@link S3Bulk#getMany}: the object or range that was asked for and where its bytes
 * are, in a file of the call's temporary directory or in memory. A download is complete when you
 * see it: its size was checked, and its checksum where S3 gives one (see {@link S3Bulk}).
 *
 * <p>A key that did not exist, with {@link GetManyOptions#returnMissing()}, gives a download
 * {@linkplain #isMissing() marked missing} that has no data.
 */
public final class S3Download {

    private final S3Get request;
    private final boolean missing;
    private final long size;
    private final String etag;
    private final Instant lastModified;
    private final String contentType;
    private final Map<String, String> metadata;
    private final Path path;
    private final byte[] bytes;

    S3Download(S3Get request, boolean missing, long size, String etag, Instant lastModified, String contentType,
            Map<String, String> metadata, Path path, byte[] bytes) {
        this.request = request;
        this.missing = missing;
        this.size = size;
        this.etag = etag;
        this.lastModified = lastModified;
        this.contentType = contentType;
        this.metadata = metadata;
        this.path = path;
        this.bytes = bytes;
    }

    /** {@return what was asked for} */
    public S3Get request() {
        return request;
    }

    /** {@return the object's key} */
    public String key() {
        return request.key();
    }

    /** {@return whether the key did not exist (only with {@link GetManyOptions#returnMissing()})} */
    public boolean isMissing() {
        return missing;
    }

    /** {@return how many bytes were downloaded: the object's size, or the range's length; 0 when missing} */
    public long size() {
        return size;
    }

    /** {@return the object's entity tag, without quotes; null when missing} */
    public String etag() {
        return etag;
    }

    /** {@return when the object was last written; null when missing or when S3 did not say} */
    public Instant lastModified() {
        return lastModified;
    }

    /** {@return the object's content type; null when missing} */
    public String contentType() {
        return contentType;
    }

    /** {@return the object's user metadata ({@code x-amz-meta-*}); empty when missing} */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** {@return whether the bytes are held in memory rather than in a file} */
    public boolean isInMemory() {
        return bytes != null;
    }

    /**
     * The file that holds the bytes, in the call's temporary directory; deleted when the {@link
     * S3Downloads} are closed, unless you move it away first ({@link Files#move}).
     *
     * @return the file
     * @throws IllegalStateException when the download is missing or held in memory
     */
    public Path path() {
        if (path == null) {
            throw new IllegalStateException(missing ? "s3 key '" + key() + "' is missing: it has no file"
                    : "s3 key '" + key() + "' was downloaded into memory: use bytes()");
        }
        return path;
    }

    /**
     * The bytes: the array itself when held in memory (not a copy), else the file read into a new
     * array.
     *
     * @return the downloaded bytes
     * @throws IllegalStateException when the download is missing
     * @throws UncheckedIOException when the file cannot be read
     */
    public byte[] bytes() {
        if (bytes != null) {
            return bytes;
        }
        try {
            return Files.readAllBytes(path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the download of s3 key '" + key() + "' from " + path, e);
        }
    }

    @Override
    public String toString() {
        if (missing) {
            return "S3Download{" + request + ", missing}";
        }
        return "S3Download{" + request + ", " + size + " bytes, etag " + etag + ", " + (bytes != null ? "in memory" : path) + "}";
    }
}
