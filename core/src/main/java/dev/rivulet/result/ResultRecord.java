package dev.rivulet.result;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about a stored result, apart from its bytes.
 *
 * @param key the storage key, a relative path such as {@code etl/extract/3f2a...}
 * @param taskName the task that made the result
 * @param serializer the name of the serializer that wrote it
 * @param javaType the class of the value that was written
 * @param created when it was written
 * @param expires when it stops counting as a cache hit; null for never
 * @param size the number of bytes stored
 * @param checksum CRC32C of the stored bytes, as 8 hex digits
 * @param cacheKey the cache key the result was computed for, when it differs from {@code key} (a
 *     result stored under a {@code resultStorageKey} template); null otherwise
 */
public record ResultRecord(String key, String taskName, String serializer, String javaType, Instant created,
                           Instant expires, long size, String checksum, String cacheKey) {

    /**
     * A record of a result stored under its cache key, or not cached.
     *
     * @param key where the result is stored
     * @param taskName the task that computed it
     * @param serializer the name of the serializer that wrote it
     * @param javaType the declared type it was written as
     * @param created when it was stored
     * @param expires when it stops being a cache hit; null for never
     * @param size the number of bytes stored
     * @param checksum CRC32C of the stored bytes, as 8 hex digits
     */
    public ResultRecord(String key, String taskName, String serializer, String javaType, Instant created,
                        Instant expires, long size, String checksum) {
        this(key, taskName, serializer, javaType, created, expires, size, checksum, null);
    }

    /**
     * Checks the fields that every record has.
     *
     * @throws NullPointerException if {@code key}, {@code taskName}, {@code serializer}, {@code
     *     javaType} or {@code created} is null
     */
    public ResultRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(serializer, "serializer");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(created, "created");
    }

    /**
     * {@return whether the result has expired at {@code now}}
     *
     * @param now the time to check against
     */
    public boolean isExpired(Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    /**
     * {@return this record with the size and checksum of the bytes as stored}
     *
     * @param size the number of bytes stored
     * @param checksum CRC32C of the stored bytes, as 8 hex digits
     */
    public ResultRecord withContent(long size, String checksum) {
        return new ResultRecord(key, taskName, serializer, javaType, created, expires, size, checksum, cacheKey);
    }
}
