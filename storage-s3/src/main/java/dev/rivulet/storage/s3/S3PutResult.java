package dev.rivulet.storage.s3;

/**
 * What {@link S3Bulk#putMany} did with one object.
 *
 * @param key the object's key
 * @param size its size in bytes
 * @param etag the entity tag of the object now under {@code key}, without quotes: the new one, or the
 *     one that was already there when skipped
 * @param skipped whether the upload was skipped because the key existed and {@link
 *     PutManyOptions#overwrite()} was off
 */
public record S3PutResult(String key, long size, String etag, boolean skipped) {}
