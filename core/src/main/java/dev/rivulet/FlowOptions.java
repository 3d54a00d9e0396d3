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
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="flow-options"}
 *
 * <p>An attribute that was never set inherits from the annotation. Two options are equal when they
 * set the same attributes to equal values.
 */
public final class FlowOptions extends OptionsValue {

    private static final FlowOptions EMPTY = new Builder(TABLE.none()).build();

    private FlowOptions(OptionValues values) {
        super(values);
    }

    /**
     * Options with nothing set: every attribute inherits from the annotation.
     *
     * @return the empty options
     */
    public static FlowOptions empty() {
        return EMPTY;
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder newBuilder() {
        return new Builder(TABLE.none());
    }

    /**
     * A builder holding these options, to change some of them; these options stay as they are.
     *
     * @return a new builder with these options set
     */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /**
     * These options on top of {@code defaults}: what these leave unset comes from {@code defaults};
     * the {@linkplain #taskDefaults task defaults} merge as {@link TaskOptions#withDefaults} does.
     *
     * @param defaults the options that fill in what these leave unset, usually the annotation's
     * @return the merged options; neither input changes
     * @throws IllegalArgumentException if {@code defaults} are not flow options
     */
    public FlowOptions withDefaults(FlowOptions defaults) {
        return new FlowOptions(values.withDefaults(defaults.values));
    }

    /**
     * The name, if set; see {@link Flow#name()}.
     *
     * @return the name or name template, or empty to use the method's name
     */
    public Optional<String> name() {
        return values.find(NAME);
    }

    /**
     * How many times a failed run is run again; 0 unless set.
     *
     * @return the number of retries, never negative
     */
    public int retries() {
        return values.get(RETRIES);
    }

    /**
     * Delays before each retry, the last repeating; empty (no delay) unless set.
     *
     * @return the delays, in retry order, none negative
     */
    public List<Duration> retryDelays() {
        return values.get(RETRY_DELAYS);
    }

    /**
     * The limit on the whole run, its tasks included, if set; see {@link Flow#timeout()}.
     *
     * @return the positive limit, or empty for none
     */
    public Optional<Duration> timeout() {
        return values.find(TIMEOUT);
    }

    /**
     * The task runner's name, if set; see {@link Flow#taskRunner()}.
     *
     * @return the runner's name, or empty for the parent's or the default runner
     */
    public Optional<String> taskRunner() {
        return values.find(TASK_RUNNER);
    }

    /**
     * The options this flow's task runs get where their task leaves them unset: whether results
     * are persisted, to which store, with which serializer, and whether they stay in memory.
     * Subflows inherit them.
     *
     * @return the task defaults; empty options unless set
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

        /**
         * Sets the name or name template; see {@link Flow#name()}.
         *
         * @param name the name, with {@code {parameter}} placeholders if wanted
         * @return this builder
         * @throws InvalidDefinitionException if {@code name} is blank
         */
        public Builder name(String name) {
            values.set(NAME, name);
            return this;
        }

        /**
         * Sets how many times a failed run is run again from the start; see {@link Flow#retries()}.
         *
         * @param retries the number of retries
         * @return this builder
         * @throws InvalidDefinitionException if {@code retries} is negative
         */
        public Builder retries(int retries) {
            values.set(RETRIES, retries);
            return this;
        }

        /**
         * Sets the retry delays as text, {@code "1s"} or {@code "PT1S"}; see {@link Flow#retryDelay()}.
         *
         * @param delays one delay for every retry, or the delay of each retry in turn, the last repeating
         * @return this builder
         * @throws InvalidDefinitionException naming the text that is not a duration, or is negative
         */
        public Builder retryDelay(String... delays) {
            return retryDelays(Checks.durations(delays, "retryDelay"));
        }

        /**
         * Sets the retry delays; see {@link Flow#retryDelay()}.
         *
         * @param delays one delay for every retry, or the delay of each retry in turn, the last repeating
         * @return this builder
         * @throws InvalidDefinitionException if a delay is negative
         * @throws NullPointerException if {@code delays} is null
         */
        public Builder retryDelays(Collection<Duration> delays) {
            values.set(RETRY_DELAYS, new ArrayList<>(Objects.requireNonNull(delays, "retryDelay")));
            return this;
        }

        /**
         * Sets the limit on the whole run, as text, {@code "1h"}; see {@link Flow#timeout()}.
         *
         * @param timeout the limit, ISO-8601 or short form
         * @return this builder
         * @throws InvalidDefinitionException if {@code timeout} is not a duration, or not positive
         */
        public Builder timeout(String timeout) {
            return timeout(Durations.parse(timeout, "timeout"));
        }

        /**
         * Sets the limit on the whole run; see {@link Flow#timeout()}.
         *
         * @param timeout the limit
         * @return this builder
         * @throws InvalidDefinitionException if {@code timeout} is not positive
         */
        public Builder timeout(Duration timeout) {
            values.set(TIMEOUT, timeout);
            return this;
        }

        /**
         * Sets the task runner of the flow's submitted tasks; see {@link Flow#taskRunner()}. A name
         * no runner is registered under is rejected with an {@link InvalidDefinitionException}
         * that lists the registered ones when the flow is called with these options.
         *
         * @param runnerName the name the runner was registered under
         * @return this builder
         * @throws InvalidDefinitionException if {@code runnerName} is blank
         */
        public Builder taskRunner(String runnerName) {
            values.set(TASK_RUNNER, runnerName);
            return this;
        }

        /**
         * Sets the options for this flow's task runs, used where the task leaves them unset; only their
         * result options (persistence, store, serializer, keeping in memory, caching) should be given
         * here. Replaces what {@link #persistResult}, {@link #resultStore}, {@link #serializer} and
         * {@link #cacheResultInMemory} set before.
         *
         * @param defaults the task options
         * @return this builder
         * @throws NullPointerException if {@code defaults} is null
         */
        public Builder taskDefaults(TaskOptions defaults) {
            values.set(TASK_DEFAULTS, Objects.requireNonNull(defaults, "taskDefaults"));
            return this;
        }

        /**
         * Sets whether the flow's task runs write their results to a store; see {@link
         * Flow#persistResult()}. Kept in the {@linkplain #taskDefaults task defaults}.
         *
         * @param persist {@code true} to write results
         * @return this builder
         */
        public Builder persistResult(boolean persist) {
            return changeTaskDefaults(defaults -> defaults.persistResult(persist));
        }

        /**
         * Sets the default result store of the flow's task runs; see {@link Flow#resultStore()}.
         *
         * @param storeName the name the store was registered under
         * @return this builder
         * @throws InvalidDefinitionException if {@code storeName} is blank
         */
        public Builder resultStore(String storeName) {
            return changeTaskDefaults(defaults -> defaults.resultStore(storeName));
        }

        /**
         * Sets the default serializer of the flow's task runs; see {@link Flow#serializer()}.
         *
         * @param serializerName the serializer's name
         * @return this builder
         * @throws InvalidDefinitionException if {@code serializerName} is blank
         */
        public Builder serializer(String serializerName) {
            return changeTaskDefaults(defaults -> defaults.serializer(serializerName));
        }

        /**
         * Sets whether the flow's task results stay in memory; see {@link Flow#cacheResultInMemory()}.
         *
         * @param keep {@code false} to keep only the stored copies
         * @return this builder
         */
        public Builder cacheResultInMemory(boolean keep) {
            return changeTaskDefaults(defaults -> defaults.cacheResultInMemory(keep));
        }

        private Builder changeTaskDefaults(UnaryOperator<TaskOptions.Builder> change) {
            return taskDefaults(change.apply(values.get(TASK_DEFAULTS).toBuilder()).build());
        }

        /**
         * The options set so far; the builder can go on being used.
         *
         * @return the immutable options
         */
        public FlowOptions build() {
            return new FlowOptions(values.build());
        }
    }
}
