/**
 * How {@link dev.rivulet.storage.s3.S3Bulk} moves many objects: a bounded pool of platform threads
 * that runs one request per thread, parts of started transfers before new ones; a retry loop with
 * exponential backoff and full jitter around each request; ranged downloads written in place into
 * a file sized up front; multipart uploads. Not API: it may change in any release.
 */
package dev.rivulet.storage.s3.internal.bulk;
