package dev.rivulet;

import static dev.rivulet.internal.option.FlowOptionTable.NAME;
import static dev.rivulet.internal.option.FlowOptionTable.RETRIES;
import static dev.rivulet.internal.option.FlowOptionTable.RETRY_DELAYS;
import static dev.rivulet.internal.option.FlowOptionTable.TABLE;
import static dev.rivulet.internal.option.FlowOptionTable.TASK_DEFAULTS;
import static dev.rivulet.internal.option.FlowOptionTable.TASK_RUNNER;
import static dev.rivulet.internal.option.FlowOptionTable.TIMEOUT;

import dev.rivulet.internal.option.Checks;
import dev.rivulet.internal.option.Durations;
import dev.rivulet.internal.option.OptionValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The options of a flow, as an immutable value: the programmatic twin of {@link Flow}'s attributes.
 * {@link Flows#with(FlowOptions)} applies them to one call, on top of the method's annotation:
 *
 * <pre>{@code
 * FlowOptions backfill = FlowOptions.newBuilder().name("backfill-{day}").timeout("6h").taskRunner("io").build();
 * Flows.with(backfill).call(etl::daily, LocalDate.of(2023, 9, 1));
 * }</pre>
 *
 * <p>An attribute that was never set inherits from the annotation. Two options are equal when they
 * set the same attributes to equal values.
 */
public final class FlowOptions extends OptionsValue {

    private static final FlowOptions EMPTY = new Builder(TABLE.none()).build();

    private FlowOptions(OptionValues values) {
        super(values);
    }

    /** Options with nothing set. */
    public static FlowOptions empty() {
        return EMPTY;
    }

    public static Builder newBuilder() {
        return new Builder(TABLE.none());
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /** These options on top of {@code defaults}: what these leave unset comes from {@code defaults}. */
    public FlowOptions withDefaults(FlowOptions defaults) {
        return new FlowOptions(values.withDefaults(defaults.values));
    }

    /** The name, if set; see {@link Flow#name()}. */
    public Optional<String> name() {
        return values.find(NAME);
    }

    /** How many times a failed run is run again; 0 unless set. */
    public int retries() {
        return values.get(RETRIES);
    }

    /** Delays before each retry, the last repeating; empty (no delay) unless set. */
    public List<Duration> retryDelays() {
        return values.get(RETRY_DELAYS);
    }

    /** The limit on the whole run, if set. */
    public Optional<Duration> timeout() {
        return values.find(TIMEOUT);
    }

    /** The task runner's name, if set; see {@link Flow#taskRunner()}. */
    public Optional<String> taskRunner() {
        return values.find(TASK_RUNNER);
    }

    /**
     * The options this flow's task runs get where their task leaves them unset: whether results
     * are persisted, to which store, with which serializer, and whether they stay in memory.
     * Subflows inherit them.
     */
    public TaskOptions taskDefaults() {
        return values.get(TASK_DEFAULTS);
    }

    /** Builds {@link FlowOptions}; each setter checks its value at once. */
    public static final class Builder {
        private final OptionValues.Builder values;

        private Builder(OptionValues values) {
            this.values = values.toBuilder();
        }

        /** See {@link Flow#name()}. */
        public Builder name(String name) {
            values.set(NAME, name);
            return this;
        }

        /** See {@link Flow#retries()}. */
        public Builder retries(int retries) {
            values.set(RETRIES, retries);
            return this;
        }

        /** Delays as text, {@code "1s"} or {@code "PT1S"}; see {@link Flow#retryDelay()}. */
        public Builder retryDelay(String... delays) {
            return retryDelays(Checks.durations(delays, "retryDelay"));
        }

        /** See {@link Flow#retryDelay()}. */
        public Builder retryDelays(Collection<Duration> delays) {
            values.set(RETRY_DELAYS, new ArrayList<>(Objects.requireNonNull(delays, "retryDelay")));
            return this;
        }

        /** A timeout as text, {@code "1h"}; see {@link Flow#timeout()}. */
        public Builder timeout(String timeout) {
            return timeout(Durations.parse(timeout, "timeout"));
        }

        /** See {@link Flow#timeout()}. */
        public Builder timeout(Duration timeout) {
            values.set(TIMEOUT, timeout);
            return this;
        }

        /** See {@link Flow#taskRunner()}. */
        public Builder taskRunner(String runnerName) {
            values.set(TASK_RUNNER, runnerName);
            return this;
        }

        /**
         * Options for this flow's task runs, used where the task leaves them unset; only their
         * result options (persistence, store, serializer, keeping in memory, caching) should be
         * given here.
         */
        public Builder taskDefaults(TaskOptions defaults) {
            values.set(TASK_DEFAULTS, Objects.requireNonNull(defaults, "taskDefaults"));
            return this;
        }

        /** See {@link Flow#persistResult()}. */
        public Builder persistResult(boolean persist) {
            return changeTaskDefaults(defaults -> defaults.persistResult(persist));
        }

        /** See {@link Flow#resultStore()}. */
        public Builder resultStore(String storeName) {
            return changeTaskDefaults(defaults -> defaults.resultStore(storeName));
        }

        /** See {@link Flow#serializer()}. */
        public Builder serializer(String serializerName) {
            return changeTaskDefaults(defaults -> defaults.serializer(serializerName));
        }

        /** See {@link Flow#cacheResultInMemory()}. */
        public Builder cacheResultInMemory(boolean keep) {
            return changeTaskDefaults(defaults -> defaults.cacheResultInMemory(keep));
        }

        private Builder changeTaskDefaults(UnaryOperator<TaskOptions.Builder> change) {
            return taskDefaults(change.apply(values.get(TASK_DEFAULTS).toBuilder()).build());
        }

        public FlowOptions build() {
            return new FlowOptions(values.build());
        }
    }
}
