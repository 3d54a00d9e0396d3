package dev.rivulet.storage.s3;

import java.util.Objects;

/**
 * How one {@link S3Bulk#getMany getMany} call behaves, as an immutable value.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3BulkSnippetsTest.java" region="get-many-options"}
 */
public final class GetManyOptions {

    private static final GetManyOptions DEFAULTS = newBuilder().build();

    private final boolean returnMissing;
    private final boolean inMemory;
    private final S3Progress.Listener progress;

    private GetManyOptions(Builder b) {
        this.returnMissing = b.returnMissing;
        this.inMemory = b.inMemory;
        this.progress = b.progress;
    }

    /** {@return the defaults: files in a temporary directory, missing keys fail the call, no progress listener} */
    public static GetManyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options, to change some of them.
     *
     * @return a new builder holding these options' values
     */
    public Builder toBuilder() {
        return new Builder().returnMissing(returnMissing).inMemory(inMemory).progress(progress);
    }

    /** {@return whether a missing key gives a download marked {@linkplain S3Download#isMissing() missing} instead of failing the call} */
    public boolean returnMissing() {
        return returnMissing;
    }

    /** {@return whether downloads are held in memory instead of in files} */
    public boolean inMemory() {
        return inMemory;
    }

    /** {@return the progress listener; null for none} */
    public S3Progress.Listener progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "GetManyOptions{returnMissing=" + returnMissing + ", inMemory=" + inMemory + ", progress=" + (progress != null) + "}";
    }

    /** Builds {@link GetManyOptions}. */
    public static final class Builder {
        private boolean returnMissing;
        private boolean inMemory;
        private S3Progress.Listener progress;

        private Builder() {}

        /**
         * With {@code true}, a key that does not exist gives a download marked {@linkplain
         * S3Download#isMissing() missing} and the call goes on, as Metaflow's {@code
         * return_missing=True} does; with {@code false} (the default) the call fails with an {@link
         * S3BulkException} whose {@linkplain S3BulkException#errorCode() error code} is {@code
         * NoSuchKey} and whose message names the key. A missing bucket fails the call either way.
         *
         * @param returnMissing true to return missing keys as downloads marked missing
         * @return this builder
         */
        public Builder returnMissing(boolean returnMissing) {
            this.returnMissing = returnMissing;
            return this;
        }

        /**
         * With {@code true}, each download is held in a byte array ({@link S3Download#bytes()})
         * instead of a temporary file; objects must then be under 2 GiB. Off by default.
         *
         * @param inMemory true for byte arrays, false for temporary files
         * @return this builder
         */
        public Builder inMemory(boolean inMemory) {
            this.inMemory = inMemory;
            return this;
        }

        /**
         * Reports progress to {@code listener}; null for none.
         *
         * @param listener called as bytes arrive, from the transfer threads
         * @return this builder
         */
        public Builder progress(S3Progress.Listener listener) {
            this.progress = listener;
            return this;
        }

        /**
         * The options set so far, the defaults for the rest.
         *
         * @return immutable options
         */
        public GetManyOptions build() {
            return new GetManyOptions(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetManyOptions other && returnMissing == other.returnMissing && inMemory == other.inMemory
                && Objects.equals(progress, other.progress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnMissing, inMemory, progress);
    }
}
