package dev.rivulet.tables;

/**
 * How Rivulet writes Parquet files: zstd-compressed, with dictionary encoding where it pays, in row
 * groups of a size you choose. Immutable; made with {@link #newBuilder()}:
 *
 * {@snippet file="dev/rivulet/tables/snippets/TablesSnippetsTest.java" region="options"}
 *
 * <p>Row groups are the unit a reader decodes in parallel: a file of one row group is decoded by
 * one thread, so for files read alone prefer several row groups; for many files read together
 * (see {@link ParquetTables#load}), one row group a file is enough.
 */
public final class ParquetOptions {

    private static final ParquetOptions DEFAULTS = newBuilder().build();

    private final long rowGroupBytes;
    private final int rowGroupRows;
    private final int pageBytes;
    private final int zstdLevel;
    private final boolean dictionary;

    private ParquetOptions(Builder builder) {
        this.rowGroupBytes = builder.rowGroupBytes;
        this.rowGroupRows = builder.rowGroupRows;
        this.pageBytes = builder.pageBytes;
        this.zstdLevel = builder.zstdLevel;
        this.dictionary = builder.dictionary;
    }

    /** {@return the defaults: row groups of up to 128 MiB and any number of rows, 1 MiB pages, zstd level 3, dictionaries on} */
    public static ParquetOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder that starts from the {@linkplain #defaults() defaults}.
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
        Builder b = new Builder();
        b.rowGroupBytes = rowGroupBytes;
        b.rowGroupRows = rowGroupRows;
        b.pageBytes = pageBytes;
        b.zstdLevel = zstdLevel;
        b.dictionary = dictionary;
        return b;
    }

    /** {@return the size, in encoded bytes held in memory before a flush, at which a row group is closed} */
    public long rowGroupBytes() {
        return rowGroupBytes;
    }

    /** {@return the most rows a row group holds; {@link Integer#MAX_VALUE} for no limit} */
    public int rowGroupRows() {
        return rowGroupRows;
    }

    /** {@return the size of a data page, in bytes before compression} */
    public int pageBytes() {
        return pageBytes;
    }

    /** {@return the zstd level of every column chunk} */
    public int zstdLevel() {
        return zstdLevel;
    }

    /** {@return whether columns are dictionary-encoded while their dictionary stays small (Parquet falls back to plain encoding per column)} */
    public boolean dictionary() {
        return dictionary;
    }

    @Override
    public String toString() {
        return "ParquetOptions[rowGroupBytes=" + rowGroupBytes + ", rowGroupRows=" + rowGroupRows + ", pageBytes=" + pageBytes
                + ", zstdLevel=" + zstdLevel + ", dictionary=" + dictionary + "]";
    }

    /** Builds {@link ParquetOptions}; every value is checked when it is set. */
    public static final class Builder {
        private long rowGroupBytes = 128L << 20;
        private int rowGroupRows = Integer.MAX_VALUE;
        private int pageBytes = 1 << 20;
        private int zstdLevel = 3;
        private boolean dictionary = true;

        private Builder() {}

        /**
         * Closes a row group once its encoded bytes held in memory reach {@code bytes}; 128 MiB by default.
         *
         * @param bytes the size, at least 1 KiB
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is below 1 KiB
         */
        public Builder rowGroupBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("rowGroupBytes must be at least 1024, got " + bytes);
            }
            this.rowGroupBytes = bytes;
            return this;
        }

        /**
         * Closes a row group once it holds {@code rows} rows, whatever its size; no limit by default.
         *
         * @param rows the most rows a row group holds
         * @return this builder
         * @throws IllegalArgumentException if {@code rows} is not positive
         */
        public Builder rowGroupRows(int rows) {
            if (rows <= 0) {
                throw new IllegalArgumentException("rowGroupRows must be positive, got " + rows);
            }
            this.rowGroupRows = rows;
            return this;
        }

        /**
         * The size of a page, the unit of encoding and compression within a column chunk; 1 MiB by default.
         *
         * @param bytes the size, at least 1 KiB
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is below 1 KiB
         */
        public Builder pageBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("pageBytes must be at least 1024, got " + bytes);
            }
            this.pageBytes = bytes;
            return this;
        }

        /**
         * The zstd level pages are compressed at; 3 by default. Readers read any level.
         *
         * @param level from 1 (fastest) to 22 (smallest)
         * @return this builder
         * @throws IllegalArgumentException if {@code level} is outside 1 to 22
         */
        public Builder zstdLevel(int level) {
            if (level < 1 || level > 22) {
                throw new IllegalArgumentException("zstdLevel must be between 1 and 22, got " + level);
            }
            this.zstdLevel = level;
            return this;
        }

        /**
         * Whether columns are dictionary-encoded where it makes them smaller (Parquet falls back to
         * plain encoding for a column chunk whose dictionary grows too large); on by default.
         *
         * @param dictionary true to allow dictionary encoding
         * @return this builder
         */
        public Builder dictionary(boolean dictionary) {
            this.dictionary = dictionary;
            return this;
        }

        /**
         * The options set so far, the defaults for the rest.
         *
         * @return immutable options
         */
        public ParquetOptions build() {
            return new ParquetOptions(this);
        }
    }
}
