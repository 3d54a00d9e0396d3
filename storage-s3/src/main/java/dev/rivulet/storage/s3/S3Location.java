package dev.rivulet.storage.s3;

import dev.rivulet.result.StoreSupport;
import java.util.Objects;

/** Where a store keeps its objects: a bucket and a prefix, checked as the stores' builders are given them. */
final class S3Location {

    private String bucket;
    private String prefix;

    /** No bucket yet, and {@code defaultPrefix}. */
    S3Location(String defaultPrefix) {
        this.prefix = defaultPrefix;
    }

    void bucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("bucket must be a bucket name without '/', was '" + bucket + "'");
        }
        this.bucket = bucket;
    }

    /** Sets the prefix, without leading or trailing slashes. */
    void prefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        if (!trimmed.isEmpty()) {
            try {
                StoreSupport.checkKey(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prefix '" + prefix + "' is not a relative path of letters, digits and . _ = -: " + e.getMessage(), e);
            }
        }
        this.prefix = trimmed;
    }

    void requireBucket() {
        if (bucket == null) {
            throw new IllegalStateException("bucket must be set");
        }
    }

    String bucket() {
        return bucket;
    }

    String prefix() {
        return prefix;
    }
}
