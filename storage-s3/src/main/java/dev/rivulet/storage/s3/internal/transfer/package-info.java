/**
 * The one way storage-s3 moves bytes to and from S3, used by both {@link
 * dev.rivulet.storage.s3.S3ResultStore} and {@link dev.rivulet.storage.s3.S3Bulk}: {@link
 * S3Transfers} runs each request under one {@link RetryPolicy} (the SDK's own retries off) and turns
 * what fails for good into an exception through one {@link ErrorMapping}; {@link MultipartUpload}
 * and {@link UploadStream} write objects in parts; {@link ResumingGet} reads a range of one version
 * of an object and resumes it after a broken connection. Not API: it may change in any release.
 */
package dev.rivulet.storage.s3.internal.transfer;
