/**
 * Rivulet on S3: a result store in an S3 bucket and a bulk client that lists, downloads and uploads
 * many objects at once, and the reader of {@code s3://bucket/key} URIs by range for {@link
 * dev.rivulet.io.RangedSources} (provided as a {@link dev.rivulet.io.RangedSourceProvider}); see
 * {@link dev.rivulet.storage.s3}.
 *
 * <p>Its API takes the AWS SDK's own types (an {@code S3Client}, a {@code Region}, an
 * {@code AwsCredentialsProvider}), so the SDK modules they live in are read by whoever reads this one.
 */
module dev.rivulet.storage.s3 {
    exports dev.rivulet.storage.s3;

    requires transitive dev.rivulet.core;
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.awscore;
    requires transitive software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.apache5;
    // Apache HttpClient 5, an automatic module, sets TCP options through jdk.net.Sockets when it first
    // connects; nothing else makes the module system resolve jdk.net, so a modular application failed
    // with NoClassDefFoundError: jdk/net/Sockets.
    requires jdk.net;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.retries;
    requires software.amazon.awssdk.retries.api;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;

    // Jackson writes and reads the result store's record documents.
    opens dev.rivulet.storage.s3.internal.results to com.fasterxml.jackson.databind;

    provides dev.rivulet.io.RangedSourceProvider with dev.rivulet.storage.s3.internal.ranged.S3RangedSourceProvider;
}
