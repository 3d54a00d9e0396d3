package dev.rivulet.storage.s3;

import java.time.Instant;
import java.util.Objects;

/**
 * An object as a listing shows it.
 *
 * @param key the object's key
 * @param size its size in bytes
 * @param etag its entity tag, without the quotes S3 puts around it: the hex MD5 of the content for
 *     an object uploaded in one request (unless encrypted with KMS or a customer key), {@code
 *     <hex>-<parts>} for one uploaded in parts
 * @param lastModified when it was last written
 */
public record S3ObjectInfo(String key, long size, String etag, Instant lastModified) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if a part is out of range; the message names it and the key
     * @throws NullPointerException if a required part is null
     */
    public S3ObjectInfo {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size + " for key '" + key + "'");
        }
    }
}
