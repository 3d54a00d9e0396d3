package dev.rivulet.storage.s3.internal.transfer;

import java.util.Map;

/**
 * What an upload writes, besides its bytes.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param contentType the object's content type
 * @param metadata the object's user metadata
 * @param overwrite whether an object already under the key is replaced; if not, the write carries
 *     {@code If-None-Match: *} and leaves such an object as it is
 */
public record ObjectSpec(String bucket, String key, String contentType, Map<String, String> metadata, boolean overwrite) {

    public ObjectSpec {
        metadata = Map.copyOf(metadata);
    }

    /** {@code If-None-Match} of the write: {@code *} unless it overwrites. */
    String ifNoneMatch() {
        return overwrite ? null : "*";
    }

    RequestLabel label(String operation) {
        return RequestLabel.of(operation, bucket, key);
    }
}
