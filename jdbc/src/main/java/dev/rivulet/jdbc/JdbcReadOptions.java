package dev.rivulet.jdbc;

/**
 * How {@link JdbcTables} reads a query: the rows of each Arrow batch and the driver's fetch size.
 * Immutable; {@link #defaults()} or {@link #builder()}.
 *
 * <p>The fetch size is what makes a driver stream: without it, MariaDB's and MySQL's drivers read
 * the whole result into the Java heap before the first row is returned, whatever the batch size.
 * {@link JdbcTables} always runs queries on forward-only, read-only statements, with this fetch size:
 *
 * <ul>
 *   <li>MariaDB Connector/J streams with any positive fetch size (the default, the batch size, is
 *       fine); with {@code useCursorFetch=true} in the URL it fetches through a server-side cursor
 *       instead.
 *   <li>MySQL Connector/J streams row by row with a fetch size of {@link Integer#MIN_VALUE}, or,
 *       with {@code useCursorFetch=true} in the URL, through a server-side cursor with a positive
 *       fetch size; a positive fetch size without that option reads the whole result.
 *   <li>PostgreSQL's driver streams with a positive fetch size only when auto-commit is off: pass a
 *       connection with auto-commit off.
 * </ul>
 */
public final class JdbcReadOptions {

    /** The default batch size: 65,536 rows. */
    public static final int DEFAULT_BATCH_ROWS = 65_536;

    private static final JdbcReadOptions DEFAULTS = builder().build();

    private final int batchRows;
    private final int fetchSize;

    private JdbcReadOptions(Builder builder) {
        this.batchRows = builder.batchRows;
        this.fetchSize = builder.fetchSizeSet ? builder.fetchSize : builder.batchRows;
    }

    /** {@return options with {@value #DEFAULT_BATCH_ROWS} rows a batch and that as the fetch size} */
    public static JdbcReadOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the most rows one batch holds} */
    public int batchRows() {
        return batchRows;
    }

    /** {@return the fetch size set on the statement: the batch size unless set} */
    public int fetchSize() {
        return fetchSize;
    }

    @Override
    public String toString() {
        return "JdbcReadOptions[batchRows=" + batchRows + ", fetchSize=" + fetchSize + "]";
    }

    /** Builds {@link JdbcReadOptions}. */
    public static final class Builder {

        private int batchRows = DEFAULT_BATCH_ROWS;
        private int fetchSize;
        private boolean fetchSizeSet;

        private Builder() {}

        /**
         * Sets the most rows one batch holds; the memory a reader holds is about one batch.
         *
         * @param batchRows at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code batchRows} is less than 1
         */
        public Builder batchRows(int batchRows) {
            if (batchRows < 1) {
                throw new IllegalArgumentException("batchRows must be at least 1, was " + batchRows);
            }
            this.batchRows = batchRows;
            return this;
        }

        /**
         * Sets the statement's fetch size, when the driver needs another than the batch size to
         * stream: {@link Integer#MIN_VALUE} for MySQL Connector/J without {@code useCursorFetch}.
         *
         * @param fetchSize a positive size, or {@link Integer#MIN_VALUE}
         * @return this builder
         * @throws IllegalArgumentException if {@code fetchSize} is 0 or negative other than
         *     {@link Integer#MIN_VALUE}: such a fetch size reads the whole result at once
         */
        public Builder fetchSize(int fetchSize) {
            if (fetchSize < 1 && fetchSize != Integer.MIN_VALUE) {
                throw new IllegalArgumentException("fetchSize must be positive, or Integer.MIN_VALUE for MySQL Connector/J's row streaming; was "
                        + fetchSize + ", which drivers take as 'read everything'");
            }
            this.fetchSize = fetchSize;
            this.fetchSizeSet = true;
            return this;
        }

        /** {@return the options} */
        public JdbcReadOptions build() {
            return new JdbcReadOptions(this);
        }
    }
}
