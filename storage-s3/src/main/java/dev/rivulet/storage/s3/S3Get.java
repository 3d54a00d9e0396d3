package dev.rivulet.storage.s3;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One object, or one byte range of an object, for {@link S3Bulk#getMany}.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3BulkSnippetsTest.java" region="gets"}
 *
 * <p>A range must lie within the object: one that ends beyond it fails the call with a message that
 * gives the object's size, rather than quietly returning fewer bytes.
 *
 * @param key the object's key
 * @param offset where the range starts; 0 for the whole object
 * @param length how many bytes; {@link #TO_END} for everything from {@code offset} on
 */
public record S3Get(String key, long offset, long length) {

    /** The length of a range that runs to the end of the object. */
    public static final long TO_END = -1;

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a part is out of range; the message names it and the key
     * @throws NullPointerException if a required part is null
     */
    public S3Get {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset + " for key '" + key + "'");
        }
        if (length != TO_END && length < 1) {
            throw new IllegalArgumentException("length must be positive or S3Get.TO_END, was " + length + " for key '" + key + "'");
        }
        if (length != TO_END && offset + length < 0) {
            throw new IllegalArgumentException("offset + length overflows: " + offset + " + " + length + " for key '" + key + "'");
        }
    }

    /**
     * The whole object {@code key}.
     *
     * @param key the object's key
     * @return the request
     */
    public static S3Get object(String key) {
        return new S3Get(key, 0, TO_END);
    }

    /**
     * {@code length} bytes of object {@code key} from {@code offset} on ({@link #TO_END} for the rest of it).
     *
     * @param key the object's key
     * @param offset the first byte, from 0
     * @param length how many bytes, or {@link #TO_END}
     * @return the request
     */
    public static S3Get range(String key, long offset, long length) {
        return new S3Get(key, offset, length);
    }

    /**
     * The whole objects {@code keys}, in their order.
     *
     * @param keys the objects' keys
     * @return one request for each key
     */
    public static List<S3Get> objects(Collection<String> keys) {
        return keys.stream().map(S3Get::object).toList();
    }

    /** {@return whether this asks for part of the object rather than all of it} */
    public boolean isRange() {
        return offset != 0 || length != TO_END;
    }

    @Override
    public String toString() {
        if (!isRange()) {
            return key;
        }
        return key + " [bytes " + offset + "-" + (length == TO_END ? "" : Long.toString(offset + length - 1)) + "]";
    }
}
