package dev.rivulet.storage.s3.internal.transfer;

/**
 * What a request is about, for messages: {@code GetObject s3://bucket/key [bytes 0-99]}.
 *
 * @param operation the S3 operation, such as {@code GetObject}
 * @param bucket the bucket
 * @param key the key, or for a listing the prefix; null for none
 * @param range the byte range as {@code bytes 0-99}; null for none
 */
public record RequestLabel(String operation, String bucket, String key, String range) {

    public static RequestLabel of(String operation, String bucket, String key) {
        return new RequestLabel(operation, bucket, key, null);
    }

    /** {@code bytes first-last}, the range of bytes {@code [start, end)}. */
    public static String bytes(long start, long end) {
        return "bytes " + start + "-" + (end - 1);
    }

    @Override
    public String toString() {
        return operation + " s3://" + bucket + "/" + (key == null ? "" : key) + (range == null ? "" : " [" + range + "]");
    }
}
