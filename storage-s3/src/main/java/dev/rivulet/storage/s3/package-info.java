/**
 * Rivulet on S3: {@link dev.rivulet.storage.s3.S3ResultStore}, a result store in an S3 bucket;
 * {@link dev.rivulet.storage.s3.S3Bulk}, which lists, downloads and uploads many objects at once;
 * and {@link dev.rivulet.storage.s3.S3ClientOptions}, how to reach S3 (region, endpoint,
 * credentials, retries, timeouts). With this module present, {@link dev.rivulet.io.RangedSources}
 * reads {@code s3://bucket/key} by range; {@link dev.rivulet.storage.s3.S3RangedSources} chooses the
 * client it reads with.
 *
 * <p>{@code rivulet-storage-s3-testing} has an S3-compatible server and a fault-injecting proxy
 * for tests: {@code dev.rivulet.storage.s3.testing}.
 */
package dev.rivulet.storage.s3;
