package dev.rivulet;

import dev.rivulet.internal.option.Checks;
import dev.rivulet.internal.option.Durations;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of a flow, as an immutable value: the programmatic twin of {@link Flow}'s attributes.
 * {@link Flows#with(FlowOptions)} applies them to one call, on top of the method's annotation:
 *
 * <pre>{@code
 * FlowOptions backfill = FlowOptions.newBuilder().name("backfill-{day}").timeout("6h").taskRunner("io").build();
 * Flows.with(backfill).call(etl::daily, LocalDate.of(2023, 9, 1));
 * }</pre>
 *
 * <p>An attribute that was never set inherits from the annotation.
 */
public final class FlowOptions {

    private static final FlowOptions EMPTY = new Builder().build();

    private final String name;
    private final Integer retries;
    private final List<Duration> retryDelays;
    private final Duration timeout;
    private final String taskRunner;
    private final TaskOptions taskDefaults;

    private FlowOptions(Builder b) {
        this.name = b.name;
        this.retries = b.retries;
        this.retryDelays = b.retryDelays;
        this.timeout = b.timeout;
        this.taskRunner = b.taskRunner;
        this.taskDefaults = b.taskDefaults.build();
    }

    /** Options with nothing set. */
    public static FlowOptions empty() {
        return EMPTY;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.retries = retries;
        b.retryDelays = retryDelays;
        b.timeout = timeout;
        b.taskRunner = taskRunner;
        b.taskDefaults = taskDefaults.toBuilder();
        return b;
    }

    /** These options on top of {@code defaults}: what these leave unset comes from {@code defaults}. */
    public FlowOptions withDefaults(FlowOptions defaults) {
        Builder b = defaults.toBuilder();
        if (name != null) b.name = name;
        if (retries != null) b.retries = retries;
        if (retryDelays != null) b.retryDelays = retryDelays;
        if (timeout != null) b.timeout = timeout;
        if (taskRunner != null) b.taskRunner = taskRunner;
        b.taskDefaults = taskDefaults.withDefaults(defaults.taskDefaults).toBuilder();
        return b.build();
    }

    /** The name, if set; see {@link Flow#name()}. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** How many times a failed run is run again; 0 unless set. */
    public int retries() {
        return retries == null ? 0 : retries;
    }

    /** Delays before each retry, the last repeating; empty (no delay) unless set. */
    public List<Duration> retryDelays() {
        return retryDelays == null ? List.of() : retryDelays;
    }

    /** The limit on the whole run, if set. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The task runner's name, if set; see {@link Flow#taskRunner()}. */
    public Optional<String> taskRunner() {
        return Optional.ofNullable(taskRunner);
    }

    /**
     * The options this flow's task runs get where their task leaves them unset: whether results
     * are persisted, to which store, with which serializer, and whether they stay in memory.
     * Subflows inherit them.
     */
    public TaskOptions taskDefaults() {
        return taskDefaults;
    }

    @Override
    public String toString() {
        return "FlowOptions{name=" + name + ", retries=" + retries + ", retryDelays=" + retryDelays
                + ", timeout=" + timeout + ", taskRunner=" + taskRunner + ", taskDefaults=" + taskDefaults + "}";
    }

    /** Builds {@link FlowOptions}; each setter checks its value at once. */
    public static final class Builder {
        private String name;
        private Integer retries;
        private List<Duration> retryDelays;
        private Duration timeout;
        private String taskRunner;
        private TaskOptions.Builder taskDefaults = TaskOptions.newBuilder();

        private Builder() {}

        /** See {@link Flow#name()}. */
        public Builder name(String name) {
            this.name = Checks.notBlank(name, "name");
            return this;
        }

        /** See {@link Flow#retries()}. */
        public Builder retries(int retries) {
            this.retries = Checks.notNegative(retries, "retries");
            return this;
        }

        /** Delays as text, {@code "1s"} or {@code "PT1S"}; see {@link Flow#retryDelay()}. */
        public Builder retryDelay(String... delays) {
            return retryDelays(Checks.durations(delays, "retryDelay"));
        }

        /** See {@link Flow#retryDelay()}. */
        public Builder retryDelays(Collection<Duration> delays) {
            this.retryDelays = List.copyOf(Checks.notNegative(delays, "retryDelay"));
            return this;
        }

        /** A timeout as text, {@code "1h"}; see {@link Flow#timeout()}. */
        public Builder timeout(String timeout) {
            return timeout(Durations.parse(timeout, "timeout"));
        }

        /** See {@link Flow#timeout()}. */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /** See {@link Flow#taskRunner()}. */
        public Builder taskRunner(String runnerName) {
            this.taskRunner = Checks.notBlank(runnerName, "taskRunner");
            return this;
        }

        /**
         * Options for this flow's task runs, used where the task leaves them unset; only their
         * result options (persistence, store, serializer, keeping in memory, caching) should be
         * given here.
         */
        public Builder taskDefaults(TaskOptions defaults) {
            this.taskDefaults = Objects.requireNonNull(defaults, "taskDefaults").toBuilder();
            return this;
        }

        /** See {@link Flow#persistResult()}. */
        public Builder persistResult(boolean persist) {
            taskDefaults.persistResult(persist);
            return this;
        }

        /** See {@link Flow#resultStore()}. */
        public Builder resultStore(String storeName) {
            taskDefaults.resultStore(storeName);
            return this;
        }

        /** See {@link Flow#serializer()}. */
        public Builder serializer(String serializerName) {
            taskDefaults.serializer(serializerName);
            return this;
        }

        /** See {@link Flow#cacheResultInMemory()}. */
        public Builder cacheResultInMemory(boolean keep) {
            taskDefaults.cacheResultInMemory(keep);
            return this;
        }

        public FlowOptions build() {
            return new FlowOptions(this);
        }
    }
}
