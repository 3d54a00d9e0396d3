package dev.rivulet.storage.s3;

import dev.rivulet.storage.s3.internal.bulk.UploadSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One object for {@link S3Bulk#putMany}: a key, the data from a file or a byte array, a content
 * type and user metadata. Immutable; the {@code with} methods return changed copies.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3BulkSnippetsTest.java" region="puts"}
 */
public final class S3Put {

    /** The content type of objects that are not given one. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final String key;
    private final Path file;
    private final byte[] bytes;
    private final String contentType;
    private final Map<String, String> metadata;

    private S3Put(String key, Path file, byte[] bytes, String contentType, Map<String, String> metadata) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        this.key = key;
        this.file = file;
        this.bytes = bytes;
        this.contentType = contentType;
        this.metadata = metadata;
    }

    /**
     * Uploads file {@code file} as {@code key}; the file is read when {@link S3Bulk#putMany} runs.
     *
     * @param key the object's key
     * @param file the file to upload
     * @return the upload
     */
    public static S3Put file(String key, Path file) {
        return new S3Put(key, Objects.requireNonNull(file, "file"), null, DEFAULT_CONTENT_TYPE, Map.of());
    }

    /**
     * Uploads {@code bytes} as {@code key}. The array is not copied: leave it alone until the upload is done.
     *
     * @param key the object's key
     * @param bytes the content
     * @return the upload
     */
    public static S3Put bytes(String key, byte[] bytes) {
        return new S3Put(key, null, Objects.requireNonNull(bytes, "bytes"), DEFAULT_CONTENT_TYPE, Map.of());
    }

    /**
     * This upload with content type {@code contentType}, such as {@code text/csv}; {@value #DEFAULT_CONTENT_TYPE} unless set.
     *
     * @param contentType a MIME type
     * @return a copy of this upload with that content type
     */
    public S3Put withContentType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        if (contentType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank for key '" + key + "'");
        }
        return new S3Put(key, file, bytes, contentType, metadata);
    }

    /**
     * This upload with user metadata {@code metadata}, sent as {@code x-amz-meta-<name>} headers.
     * S3 keeps names in lower case and limits all metadata of an object to 2 KB.
     *
     * @param metadata names and values, which replace any set before
     * @return a copy of this upload with that metadata
     * @throws IllegalArgumentException if a name is blank
     */
    public S3Put withMetadata(Map<String, String> metadata) {
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            Objects.requireNonNull(name, "metadata name");
            Objects.requireNonNull(value, () -> "metadata value of '" + name + "'");
            if (name.isBlank()) {
                throw new IllegalArgumentException("metadata names must not be blank for key '" + key + "'");
            }
            copy.put(name, value);
        });
        return new S3Put(key, file, bytes, contentType, Map.copyOf(copy));
    }

    /** {@return the object's key} */
    public String key() {
        return key;
    }

    /** {@return the file to upload; empty for an upload from a byte array} */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** {@return the content type} */
    public String contentType() {
        return contentType;
    }

    /** {@return the user metadata} */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The data, sized now: a missing file fails here, before anything is sent. */
    UploadSource source() throws IOException {
        return file != null ? UploadSource.ofFile(file) : UploadSource.ofBytes(bytes);
    }

    @Override
    public String toString() {
        return "S3Put{" + key + " <- " + (file != null ? file.toString() : bytes.length + " bytes") + ", " + contentType + "}";
    }
}
