package dev.rivulet.history;

import dev.rivulet.result.ResultStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link dev.rivulet.Rivulet} records its flow runs: whether it does, in which store, for
 * how long, and in how much detail. Given to {@link dev.rivulet.Rivulet.Builder#runHistory}; the
 * defaults are {@link #defaults()}.
 *
 * {@snippet file="dev/rivulet/snippets/RunHistorySnippetsTest.java" region="options"}
 *
 * <p>The system property {@value #ENABLED_PROPERTY}{@code =false} turns the history off whatever
 * the options say, so that it can be turned off without changing code.
 */
public final class RunHistoryOptions {

    /** The system property that turns the history off when {@code false}. */
    public static final String ENABLED_PROPERTY = "rivulet.history";
    /** The system property that sets the default directory of the local run store. */
    public static final String DIRECTORY_PROPERTY = "rivulet.runs.dir";
    /** How many records are kept by default. */
    public static final int DEFAULT_KEEP_RUNS = 1_000;
    /** How long records are kept by default: 30 days. */
    public static final Duration DEFAULT_KEEP_FOR = Duration.ofDays(30);
    /**
     * How many task runs a record details by default, and so a finished flow run of {@link
     * dev.rivulet.Rivulet#recentFlowRuns()} lists: enough for the flows people read task by
     * task (a record of about 300 KB for a fan-out of a million tasks), few enough that a flow of many short tasks does not spend more on its record than on
     * them (encoding a task run's detail costs a few microseconds).
     */
    public static final int DEFAULT_TASK_RUNS_IN_DETAIL = 1_000;
    /** How many log lines a record keeps by default. */
    public static final int DEFAULT_LOG_TAIL_LINES = 200;

    private static final RunHistoryOptions DEFAULTS = newBuilder().build();
    private static final RunHistoryOptions DISABLED = newBuilder().enabled(false).build();

    private final boolean enabled;
    private final Path directory;
    private final RunStore store;
    private final int keepRuns;
    private final Duration keepFor;
    private final int taskRunsInDetail;
    private final int logTailLines;

    private RunHistoryOptions(Builder builder) {
        this.enabled = builder.enabled;
        this.directory = builder.directory;
        this.store = builder.store;
        this.keepRuns = builder.keepRuns;
        this.keepFor = builder.keepFor;
        this.taskRunsInDetail = builder.taskRunsInDetail;
        this.logTailLines = builder.logTailLines;
    }

    /** {@return the defaults: on, in the local store at {@link #defaultDirectory()}, 1,000 runs for 30 days} */
    public static RunHistoryOptions defaults() {
        return DEFAULTS;
    }

    /** {@return options that turn the history off} */
    public static RunHistoryOptions disabled() {
        return DISABLED;
    }

    /** {@return a builder with the defaults} */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The directory of the local run store when none is set: the system property {@value
     * #DIRECTORY_PROPERTY}; else {@code runs} beside the local result store's default directory
     * ({@link ResultStores#defaultLocalDirectory()}): {@code ~/.rivulet/runs}, or beside the
     * directory the system property {@code rivulet.results.dir} names. A directory given to {@link
     * dev.rivulet.Rivulet.Builder#localResultsDirectory} does not move it.
     *
     * @return the directory
     */
    public static Path defaultDirectory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return ResultStores.defaultLocalDirectory().toAbsolutePath().resolveSibling("runs");
    }

    /** {@return whether runs are recorded: as set, and not turned off by {@value #ENABLED_PROPERTY}{@code =false}} */
    public boolean enabled() {
        return enabled && !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "").trim());
    }

    /** {@return the store set with {@link Builder#store}, if one was} */
    public Optional<RunStore> store() {
        return Optional.ofNullable(store);
    }

    /** {@return the local store's directory: as set, else {@link #defaultDirectory()}} */
    public Path directory() {
        return directory != null ? directory : defaultDirectory();
    }

    /** {@return how many records are kept: older ones beyond this number are deleted} */
    public int keepRuns() {
        return keepRuns;
    }

    /** {@return how long records are kept: records of runs made longer ago are deleted} */
    public Duration keepFor() {
        return keepFor;
    }

    /** {@return how many task runs a record details, beyond those that failed} */
    public int taskRunsInDetail() {
        return taskRunsInDetail;
    }

    /** {@return how many of the last log lines of a run its record keeps} */
    public int logTailLines() {
        return logTailLines;
    }

    /** {@return a builder with these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.enabled = enabled;
        builder.directory = directory;
        builder.store = store;
        builder.keepRuns = keepRuns;
        builder.keepFor = keepFor;
        builder.taskRunsInDetail = taskRunsInDetail;
        builder.logTailLines = logTailLines;
        return builder;
    }

    @Override
    public String toString() {
        return "RunHistoryOptions[" + (enabled() ? (store != null ? store.describe() : "local(" + directory() + ")") + ", keepRuns="
                + keepRuns + ", keepFor=" + keepFor + ", taskRunsInDetail=" + taskRunsInDetail + ", logTailLines=" + logTailLines
                : "disabled") + "]";
    }

    /** Builds {@link RunHistoryOptions}; each setter checks its value at once. */
    public static final class Builder {
        private boolean enabled = true;
        private Path directory;
        private RunStore store;
        private int keepRuns = DEFAULT_KEEP_RUNS;
        private Duration keepFor = DEFAULT_KEEP_FOR;
        private int taskRunsInDetail = DEFAULT_TASK_RUNS_IN_DETAIL;
        private int logTailLines = DEFAULT_LOG_TAIL_LINES;

        private Builder() {}

        /**
         * Whether runs are recorded; true by default.
         *
         * @param enabled false to record nothing
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * The directory of the local run store; {@link #defaultDirectory()} if not set.
         *
         * @param directory where the records go, made when first written
         * @return this builder
         * @throws IllegalStateException if a store was set
         */
        public Builder directory(Path directory) {
            if (store != null) {
                throw new IllegalStateException("a run store was set already (" + store.describe() + "); set a directory or a store, not both");
            }
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * A store of your own instead of the local one, such as one in S3; the Rivulet closes it when closed.
         *
         * @param store the store
         * @return this builder
         * @throws IllegalStateException if a directory was set
         */
        public Builder store(RunStore store) {
            if (directory != null) {
                throw new IllegalStateException("a run directory was set already (" + directory + "); set a directory or a store, not both");
            }
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How many records to keep, the newest; {@value #DEFAULT_KEEP_RUNS} by default.
         *
         * @param count at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is below 1
         */
        public Builder keepRuns(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("keepRuns must be at least 1, was " + count);
            }
            this.keepRuns = count;
            return this;
        }

        /**
         * How long to keep records, from the run's creation; 30 days by default.
         *
         * @param age a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code age} is zero or negative
         */
        public Builder keepFor(Duration age) {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("keepFor must be positive, was " + age);
            }
            this.keepFor = age;
            return this;
        }

        /**
         * How many task runs a record details, in the order they were made ({@value
         * #DEFAULT_TASK_RUNS_IN_DETAIL} by default); failed ones beyond these are detailed too, up
         * to as many again. Every task run is counted in {@link FlowRunRecord#taskRunCounts()}. A
         * finished flow run of {@link dev.rivulet.Rivulet#recentFlowRuns()}, read from its record,
         * lists these task runs.
         *
         * @param count at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder taskRunsInDetail(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("taskRunsInDetail must not be negative, was " + count);
            }
            this.taskRunsInDetail = count;
            return this;
        }

        /**
         * How many of a run's last log lines its record keeps ({@value #DEFAULT_LOG_TAIL_LINES} by
         * default); 0 keeps none.
         *
         * @param count at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder logTailLines(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("logTailLines must not be negative, was " + count);
            }
            this.logTailLines = count;
            return this;
        }

        /** {@return the options} */
        public RunHistoryOptions build() {
            return new RunHistoryOptions(this);
        }
    }
}
