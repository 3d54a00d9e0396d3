package dev.rivulet.storage.s3;

import java.util.Objects;

/**
 * How one {@link S3Bulk#putMany putMany} call behaves, as an immutable value.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3BulkSnippetsTest.java" region="put-many-options"}
 */
public final class PutManyOptions {

    private static final PutManyOptions DEFAULTS = newBuilder().build();

    private final boolean overwrite;
    private final S3Progress.Listener progress;

    private PutManyOptions(Builder b) {
        this.overwrite = b.overwrite;
        this.progress = b.progress;
    }

    /** {@return the defaults: existing keys are overwritten, no progress listener} */
    public static PutManyOptions defaults() {
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
        return new Builder().overwrite(overwrite).progress(progress);
    }

    /** {@return whether existing keys are overwritten; when not, they are skipped} */
    public boolean overwrite() {
        return overwrite;
    }

    /** {@return the progress listener; null for none} */
    public S3Progress.Listener progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "PutManyOptions{overwrite=" + overwrite + ", progress=" + (progress != null) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PutManyOptions other && overwrite == other.overwrite && Objects.equals(progress, other.progress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(overwrite, progress);
    }

    /** Builds {@link PutManyOptions}. */
    public static final class Builder {
        private boolean overwrite = true;
        private S3Progress.Listener progress;

        private Builder() {}

        /**
         * With {@code false}, a key that already exists is left alone and its result is marked
         * {@linkplain S3PutResult#skipped() skipped}. Each key is checked with a {@code HEAD}
         * request before its data is sent, and the write itself is conditional ({@code
         * If-None-Match: *}), so an object that appears between the two is not overwritten either.
         * On by default.
         *
         * @param overwrite false to skip keys that exist
         * @return this builder
         */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * Reports progress to {@code listener}; null for none.
         *
         * @param listener called as bytes are sent, from the transfer threads
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
        public PutManyOptions build() {
            return new PutManyOptions(this);
        }
    }
}
