package dev.rivulet.tables;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a Parquet read takes and where it works: the columns, a condition that skips row groups,
 * the allocator of the table, and the threads that decode. Immutable; made with {@link
 * #newBuilder()}. The defaults read every column of every row group into {@link
 * ArrowTables#allocator()} on one thread per processor.
 *
 * <p>Columns are named as in the file's schema, top-level only: a struct, list or map column comes
 * whole. Only the chunks of the columns named are read (from an object store, only their byte
 * ranges), in the order given, which is the order of the table's columns.
 *
 * <p>A {@link ColumnPredicate} skips the row groups whose footer statistics prove that none of
 * their rows matches; the rows of the row groups read are all kept. It may name columns that are
 * not read.
 */
public final class ParquetReadOptions {

    private static final ParquetReadOptions DEFAULTS = newBuilder().build();

    private final List<String> columns;
    private final ColumnPredicate rowGroupFilter;
    private final BufferAllocator allocator;
    private final int threads;
    private final Executor executor;

    private ParquetReadOptions(Builder builder) {
        this.columns = builder.columns;
        this.rowGroupFilter = builder.rowGroupFilter;
        this.allocator = builder.allocator;
        this.threads = builder.threads;
        this.executor = builder.executor;
    }

    /**
     * Every column and row group, into the shared allocator, on one thread per processor.
     *
     * @return the defaults
     */
    public static ParquetReadOptions defaults() {
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
        b.columns = columns;
        b.rowGroupFilter = rowGroupFilter;
        b.allocator = allocator;
        b.threads = threads;
        b.executor = executor;
        return b;
    }

    /**
     * The columns read, in the table's order; empty for all of them, in the file's order.
     *
     * @return the top-level column names
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * The condition whose row groups are read, if any.
     *
     * @return the condition, or empty to read every row group
     */
    public Optional<ColumnPredicate> rowGroupFilter() {
        return Optional.ofNullable(rowGroupFilter);
    }

    /**
     * Where the table's memory is allocated.
     *
     * @return the allocator; {@link ArrowTables#allocator()} unless set
     */
    public BufferAllocator allocator() {
        return allocator == null ? ArrowTables.allocator() : allocator;
    }

    /**
     * How many row groups are decoded at once, on a pool made for the read and shut down before it
     * returns; ignored when an {@link #executor()} is set.
     *
     * @return the threads; the available processors unless set
     */
    public int threads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The executor that decodes, which stays its owner's to shut down, if one is set.
     *
     * @return the executor, or empty to use a pool of {@link #threads()} threads made for the read
     */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    @Override
    public String toString() {
        return "ParquetReadOptions[columns=" + (columns.isEmpty() ? "all" : columns) + ", rowGroupFilter="
                + (rowGroupFilter == null ? "none" : rowGroupFilter) + ", threads=" + (executor == null ? threads() : "executor") + "]";
    }

    /** Builds {@link ParquetReadOptions}; each setter replaces what was set before. */
    public static final class Builder {
        private List<String> columns = List.of();
        private ColumnPredicate rowGroupFilter;
        private BufferAllocator allocator;
        private int threads;
        private Executor executor;

        private Builder() {}

        /**
         * Reads only these top-level columns, in this order.
         *
         * @param names the columns; none for all
         * @return this builder
         * @throws IllegalArgumentException if a name is blank or given twice
         */
        public Builder columns(String... names) {
            return columns(List.of(names));
        }

        /**
         * Reads only these top-level columns, in this order.
         *
         * @param names the columns; empty for all
         * @return this builder
         * @throws IllegalArgumentException if a name is blank or given twice
         */
        public Builder columns(List<String> names) {
            LinkedHashSet<String> unique = new LinkedHashSet<>();
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("a column name must not be blank, got " + names);
                }
                if (!unique.add(name)) {
                    throw new IllegalArgumentException("column \"" + name + "\" is named twice in " + names);
                }
            }
            this.columns = List.copyOf(unique);
            return this;
        }

        /**
         * Skips the row groups whose statistics prove no row matches {@code condition}.
         *
         * @param condition the condition; null to read every row group
         * @return this builder
         */
        public Builder rowGroupFilter(ColumnPredicate condition) {
            this.rowGroupFilter = condition;
            return this;
        }

        /**
         * Allocates the table in {@code allocator}.
         *
         * @param allocator the allocator; null for {@link ArrowTables#allocator()}
         * @return this builder
         */
        public Builder allocator(BufferAllocator allocator) {
            this.allocator = allocator;
            return this;
        }

        /**
         * Decodes {@code threads} row groups at once on a pool made for each read, and clears any executor.
         *
         * @param threads the threads, at least one
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is not positive
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive, got " + threads);
            }
            this.threads = threads;
            this.executor = null;
            return this;
        }

        /**
         * Decodes on {@code executor}, which stays yours to shut down: to share one pool among many
         * reads. When a read returns, none of its work is left on the executor.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The options.
         *
         * @return the options this builder holds
         */
        public ParquetReadOptions build() {
            return new ParquetReadOptions(this);
        }
    }
}
