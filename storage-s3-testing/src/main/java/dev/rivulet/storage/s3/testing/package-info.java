/**
 * S3 for tests, without S3: {@link dev.rivulet.storage.s3.testing.S3TestServer}, an S3-compatible
 * server (S3Proxy) in the test's JVM on 127.0.0.1 with its objects in a temporary directory;
 * {@link dev.rivulet.storage.s3.testing.S3TestServerExtension}, one server and bucket per JUnit 5
 * test class; and {@link dev.rivulet.storage.s3.testing.FaultInjectingProxy}, which stands between a
 * client and the server and drops, delays, cuts short or fails the requests a test chooses.
 */
package dev.rivulet.storage.s3.testing;
