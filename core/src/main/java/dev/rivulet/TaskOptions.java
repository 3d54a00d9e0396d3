package dev.rivulet;

import static dev.rivulet.internal.option.TaskOptionTable.CACHE_EXPIRATION;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_KEY_EXCLUDE;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_KEY_FUNCTION;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_POLICY;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_RESULT_IN_MEMORY;
import static dev.rivulet.internal.option.TaskOptionTable.EXTENSIONS;
import static dev.rivulet.internal.option.TaskOptionTable.LINEAGE;
import static dev.rivulet.internal.option.TaskOptionTable.NAME;
import static dev.rivulet.internal.option.TaskOptionTable.ON_COMPLETION;
import static dev.rivulet.internal.option.TaskOptionTable.ON_FAILURE;
import static dev.rivulet.internal.option.TaskOptionTable.PERSIST_RESULT;
import static dev.rivulet.internal.option.TaskOptionTable.REFRESH_CACHE;
import static dev.rivulet.internal.option.TaskOptionTable.RESULT_STORAGE_KEY;
import static dev.rivulet.internal.option.TaskOptionTable.RESULT_STORE;
import static dev.rivulet.internal.option.TaskOptionTable.RETRIES;
import static dev.rivulet.internal.option.TaskOptionTable.RETRY_BACKOFF;
import static dev.rivulet.internal.option.TaskOptionTable.RETRY_CONDITION;
import static dev.rivulet.internal.option.TaskOptionTable.RETRY_DELAYS;
import static dev.rivulet.internal.option.TaskOptionTable.RETRY_JITTER_FACTOR;
import static dev.rivulet.internal.option.TaskOptionTable.SERIALIZER;
import static dev.rivulet.internal.option.TaskOptionTable.TABLE;
import static dev.rivulet.internal.option.TaskOptionTable.TAGS;
import static dev.rivulet.internal.option.TaskOptionTable.TIMEOUT;
import static dev.rivulet.internal.option.TaskOptionTable.VERSION;

import dev.rivulet.internal.option.Checks;
import dev.rivulet.internal.option.Durations;
import dev.rivulet.internal.option.OptionValues;
import dev.rivulet.internal.option.RetryOn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The options of a task, as an immutable value: the programmatic twin of {@link Task}'s attributes.
 *
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="task-options"}
 *
 * <p>An attribute that was never set inherits: options given for one call ({@link
 * Tasks#with(TaskOptions)}) override only what they set, on top of the method's annotation. Tags and
 * hooks add up instead of replacing. Two options are equal when they set the same attributes to
 * equal values.
 */
public final class TaskOptions extends OptionsValue {

    private static final TaskOptions EMPTY = new Builder(TABLE.none()).build();

    private TaskOptions(OptionValues values) {
        super(values);
    }

    /**
     * Options with nothing set: every attribute inherits, and read alone each has its default.
     *
     * @return the empty options
     */
    public static TaskOptions empty() {
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
     * These options on top of {@code defaults}: what these leave unset comes from {@code
     * defaults}; tags and hooks are the union of both, the defaults' first. This is how per-call
     * options merge with the method's annotation and a flow's task defaults.
     *
     * @param defaults the options that fill in what these leave unset
     * @return the merged options; neither input changes
     * @throws IllegalArgumentException if {@code defaults} are not task options
     */
    public TaskOptions withDefaults(TaskOptions defaults) {
        return new TaskOptions(values.withDefaults(defaults.values));
    }

    /**
     * Whether nothing at all is set.
     *
     * @return {@code true} if no attribute is set
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The name, if set; see {@link Task#name()}.
     *
     * @return the name or name template, or empty to use the method's name
     */
    public Optional<String> name() {
        return values.find(NAME);
    }

    /**
     * Retries after a failed attempt; 0 unless set. See {@link Task#retries()}.
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
     * Growth factor of the retry delay; 1 unless set. See {@link Task#retryBackoff()}.
     *
     * @return the factor each delay is multiplied by after a retry, at least 1
     */
    public double retryBackoff() {
        return values.get(RETRY_BACKOFF);
    }

    /**
     * Random extra added to each delay, as a fraction of it; 0 unless set.
     *
     * @return the largest extra as a fraction of the delay, at least 0
     */
    public double retryJitterFactor() {
        return values.get(RETRY_JITTER_FACTOR);
    }

    /**
     * Which failures are retried; all unless set. {@link Builder#retryOn} sets it to a test of the
     * exception's type.
     *
     * @return the test a failure must pass to be retried
     */
    public Predicate<Throwable> retryCondition() {
        return values.get(RETRY_CONDITION);
    }

    /**
     * The limit on one attempt, if set; see {@link Task#timeout()}.
     *
     * @return the positive limit, or empty for none
     */
    public Optional<Duration> timeout() {
        return values.find(TIMEOUT);
    }

    /**
     * Free-form labels recorded on every run; tags of merged options add up. Empty unless set.
     *
     * @return the tags, in the order they were given
     */
    public Set<String> tags() {
        return values.get(TAGS);
    }

    /**
     * Hooks called after a run completes; hooks of merged options add up, the defaults' first.
     *
     * @return the hooks, in the order they are called
     */
    public List<TaskHook> onCompletion() {
        return values.get(ON_COMPLETION);
    }

    /**
     * Hooks called after a run fails for good (its retries used up); hooks of merged options add
     * up, the defaults' first.
     *
     * @return the hooks, in the order they are called
     */
    public List<TaskHook> onFailure() {
        return values.get(ON_FAILURE);
    }

    /**
     * What cache keys are made of; empty (no caching) unless set. See {@link Task#cachePolicy()}.
     *
     * @return the policies, in the order they were given
     */
    public Set<CachePolicy> cachePolicy() {
        return values.get(CACHE_POLICY);
    }

    /**
     * Whether runs look up and write cache entries: a policy other than {@code NONE}, or a key function.
     *
     * @return {@code true} if runs are cached
     */
    public boolean caches() {
        if (cachePolicy().contains(CachePolicy.NONE)) {
            return false;
        }
        return !cachePolicy().isEmpty() || values.isSet(CACHE_KEY_FUNCTION);
    }

    /**
     * How long cached results stay valid, if limited.
     *
     * @return the positive expiration, or empty for results that never expire
     */
    public Optional<Duration> cacheExpiration() {
        return values.find(CACHE_EXPIRATION);
    }

    /**
     * Whether runs recompute and replace cached results; false unless set.
     *
     * @return {@code true} if the cache is read past and rewritten
     */
    public boolean refreshCache() {
        return values.get(REFRESH_CACHE);
    }

    /**
     * The function that computes cache keys in code, if set.
     *
     * @return the key function, or empty for keys made by the policy alone
     */
    public Optional<CacheKeyFunction> cacheKeyFunction() {
        return values.find(CACHE_KEY_FUNCTION);
    }

    /**
     * Parameters left out of the inputs hash, by name or index; empty unless set.
     *
     * @return the parameter names or indexes, in the order they were given
     */
    public Set<String> cacheKeyExclude() {
        return values.get(CACHE_KEY_EXCLUDE);
    }

    /**
     * The task's version, if set; part of every cache key.
     *
     * @return the version, or empty for none
     */
    public Optional<String> version() {
        return values.find(VERSION);
    }

    /**
     * Whether results are written to a result store: set so, or implied by caching or by not keeping
     * results in memory.
     *
     * @return {@code true} if every result is written to the store
     */
    public boolean persistResult() {
        return values.find(PERSIST_RESULT).orElseGet(() -> caches() || !cacheResultInMemory());
    }

    /**
     * The name of the result store, if set; the Rivulet's default store otherwise.
     *
     * @return the store's name, or empty for the default
     */
    public Optional<String> resultStore() {
        return values.find(RESULT_STORE);
    }

    /**
     * The name of the serializer, if set; the Rivulet's default serializer otherwise.
     *
     * @return the serializer's name, or empty for the default
     */
    public Optional<String> serializer() {
        return values.find(SERIALIZER);
    }

    /**
     * The storage key template, if set; see {@link Task#resultStorageKey()}.
     *
     * @return the template, or empty for the default key
     */
    public Optional<String> resultStorageKey() {
        return values.find(RESULT_STORAGE_KEY);
    }

    /**
     * Whether results stay in memory after they are persisted; true unless set. Moot when {@code
     * persistResult} is set to false.
     *
     * @return {@code false} if results are dropped from memory once stored
     */
    public boolean cacheResultInMemory() {
        return values.get(CACHE_RESULT_IN_MEMORY);
    }

    /**
     * Whether dependents' cache keys take results by their lineage; true unless set. See {@link
     * Task#lineage()}.
     *
     * @return {@code false} if dependents hash results by value
     */
    public boolean lineage() {
        return values.get(LINEAGE);
    }

    /**
     * The options of a module's own task type, such as a data asset's, set with {@link
     * Builder#extension(Object)}; see {@link dev.rivulet.extension.TaskType}.
     *
     * @param <T> the options' type
     * @param type the options' class
     * @return the options of that class, if set
     */
    public <T> Optional<T> extension(Class<T> type) {
        return Optional.ofNullable(values.get(EXTENSIONS).get(type)).map(type::cast);
    }

    /** Builds {@link TaskOptions}; each setter checks its value at once. */
    public static final class Builder {
        private final OptionValues.Builder values;

        private Builder(OptionValues values) {
            this.values = values.toBuilder();
        }

        /**
         * Sets the name or name template; see {@link Task#name()}.
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
         * Sets how many times a failed attempt is tried again; see {@link Task#retries()}.
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
         * Sets the retry delays as text, {@code "1s"} or {@code "PT1S"}; see {@link Task#retryDelay()}.
         *
         * @param delays one delay for every retry, or the delay of each retry in turn, the last repeating
         * @return this builder
         * @throws InvalidDefinitionException naming the text that is not a duration, or is negative
         */
        public Builder retryDelay(String... delays) {
            return retryDelays(Checks.durations(delays, "retryDelay"));
        }

        /**
         * Sets the retry delays; see {@link Task#retryDelay()}.
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
         * Sets the growth factor of the retry delay; see {@link Task#retryBackoff()}.
         *
         * @param factor what each delay is multiplied by after a retry
         * @return this builder
         * @throws InvalidDefinitionException if {@code factor} is less than 1 or not finite
         */
        public Builder retryBackoff(double factor) {
            values.set(RETRY_BACKOFF, factor);
            return this;
        }

        /**
         * Sets the random extra added to each delay; see {@link Task#retryJitterFactor()}.
         *
         * @param factor the largest extra, as a fraction of the delay
         * @return this builder
         * @throws InvalidDefinitionException if {@code factor} is negative or not finite
         */
        public Builder retryJitterFactor(double factor) {
            values.set(RETRY_JITTER_FACTOR, factor);
            return this;
        }

        /**
         * Retry only failures this predicate accepts; replaces a {@link #retryOn} set before.
         *
         * @param condition the test of a failure, {@code true} to retry it
         * @return this builder
         */
        public Builder retryCondition(Predicate<Throwable> condition) {
            values.set(RETRY_CONDITION, condition);
            return this;
        }

        /**
         * Retry only these exceptions and their subclasses; see {@link Task#retryOn()}. Replaces a
         * {@link #retryCondition} set before.
         *
         * @param types the exception types that are retried
         * @return this builder
         * @throws NullPointerException if a type is null
         */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... types) {
            return retryCondition(new RetryOn(List.of(types)));
        }

        /**
         * Sets the limit on one attempt, as text, {@code "30s"}; see {@link Task#timeout()}.
         *
         * @param timeout the limit, ISO-8601 or short form
         * @return this builder
         * @throws InvalidDefinitionException if {@code timeout} is not a duration, or not positive
         */
        public Builder timeout(String timeout) {
            return timeout(Durations.parse(timeout, "timeout"));
        }

        /**
         * Sets the limit on one attempt; see {@link Task#timeout()}.
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
         * Adds labels recorded on every run; calling it again adds more. See {@link Task#tags()}.
         *
         * @param tags the labels to add
         * @return this builder
         */
        public Builder tags(String... tags) {
            values.add(TAGS, new LinkedHashSet<>(Arrays.asList(tags)));
            return this;
        }

        /**
         * Adds a hook called after a run completes; hooks are called in the order they were added.
         *
         * @param hook the hook to add
         * @return this builder
         * @throws NullPointerException if {@code hook} is null
         */
        public Builder onCompletion(TaskHook hook) {
            values.add(ON_COMPLETION, List.of(Objects.requireNonNull(hook, "hook")));
            return this;
        }

        /**
         * Adds a hook called after a run fails for good; hooks are called in the order they were added.
         *
         * @param hook the hook to add
         * @return this builder
         * @throws NullPointerException if {@code hook} is null
         */
        public Builder onFailure(TaskHook hook) {
            values.add(ON_FAILURE, List.of(Objects.requireNonNull(hook, "hook")));
            return this;
        }

        /**
         * Sets what the cache key is made of; see {@link Task#cachePolicy()}.
         *
         * @param policies the parts of the key; {@code NONE} alone turns caching off
         * @return this builder
         * @throws InvalidDefinitionException if {@code NONE} is combined with other policies
         */
        public Builder cachePolicy(CachePolicy... policies) {
            values.set(CACHE_POLICY, new LinkedHashSet<>(Arrays.asList(policies)));
            return this;
        }

        /**
         * Sets how long a cached result stays valid, as text, {@code "1h"}; see {@link
         * Task#cacheExpiration()}.
         *
         * @param expiration the validity, ISO-8601 or short form
         * @return this builder
         * @throws InvalidDefinitionException if {@code expiration} is not a duration, or not positive
         */
        public Builder cacheExpiration(String expiration) {
            return cacheExpiration(Durations.parse(expiration, "cacheExpiration"));
        }

        /**
         * Sets how long a cached result stays valid; see {@link Task#cacheExpiration()}.
         *
         * @param expiration the validity
         * @return this builder
         * @throws InvalidDefinitionException if {@code expiration} is not positive
         */
        public Builder cacheExpiration(Duration expiration) {
            values.set(CACHE_EXPIRATION, expiration);
            return this;
        }

        /**
         * Sets whether runs recompute and replace cached results; see {@link Task#refreshCache()}.
         *
         * @param refresh {@code true} to read past the cache and rewrite it
         * @return this builder
         */
        public Builder refreshCache(boolean refresh) {
            values.set(REFRESH_CACHE, refresh);
            return this;
        }

        /**
         * Sets the function computing the cache key in code; see {@link CacheKeyFunction}. It is
         * combined with the {@linkplain #cachePolicy cache policy}, or is the whole key when none is set.
         *
         * @param function the key function
         * @return this builder
         */
        public Builder cacheKeyFunction(CacheKeyFunction function) {
            values.set(CACHE_KEY_FUNCTION, function);
            return this;
        }

        /**
         * Sets the parameters left out of the inputs hash; see {@link Task#cacheKeyExclude()}.
         *
         * @param parameters parameter names ({@code javac -parameters}) or indexes
         * @return this builder
         * @throws InvalidDefinitionException if a parameter is blank
         */
        public Builder cacheKeyExclude(String... parameters) {
            values.set(CACHE_KEY_EXCLUDE, new LinkedHashSet<>(Arrays.asList(parameters)));
            return this;
        }

        /**
         * Sets the task's version, part of every cache key; see {@link Task#version()}.
         *
         * @param version the version; change it to invalidate cached results
         * @return this builder
         * @throws InvalidDefinitionException if {@code version} is blank
         */
        public Builder version(String version) {
            values.set(VERSION, version);
            return this;
        }

        /**
         * Sets whether each result is written to the result store; see {@link Task#persistResult()}.
         * {@code false} opts a call out even when its flow persists results.
         *
         * @param persist {@code true} to write results
         * @return this builder
         */
        public Builder persistResult(boolean persist) {
            values.set(PERSIST_RESULT, persist);
            return this;
        }

        /**
         * Sets the result store results are written to; see {@link Task#resultStore()}. A name no
         * store is registered under is rejected with an {@link InvalidDefinitionException} that
         * lists the registered ones, before the task's body runs.
         *
         * @param storeName the name the store was registered under
         * @return this builder
         * @throws InvalidDefinitionException if {@code storeName} is blank
         */
        public Builder resultStore(String storeName) {
            values.set(RESULT_STORE, storeName);
            return this;
        }

        /**
         * Sets the serializer that writes results; see {@link Task#serializer()}.
         *
         * @param serializerName the serializer's name, {@code json} or another
         * @return this builder
         * @throws InvalidDefinitionException if {@code serializerName} is blank
         */
        public Builder serializer(String serializerName) {
            values.set(SERIALIZER, serializerName);
            return this;
        }

        /**
         * Sets where the result is stored, as a template; see {@link Task#resultStorageKey()}.
         *
         * @param template the storage key template, {@code "trips/{day}/summary.json"}
         * @return this builder
         * @throws InvalidDefinitionException if the template is malformed or leaves the store's root
         */
        public Builder resultStorageKey(String template) {
            values.set(RESULT_STORAGE_KEY, template);
            return this;
        }

        /**
         * Sets whether results stay in memory; see {@link Task#cacheResultInMemory()}.
         *
         * @param keep {@code false} to keep only the stored copy, which also turns persisting on
         * @return this builder
         */
        public Builder cacheResultInMemory(boolean keep) {
            values.set(CACHE_RESULT_IN_MEMORY, keep);
            return this;
        }

        /**
         * Sets whether dependents' cache keys take results by their lineage; see {@link Task#lineage()}.
         *
         * @param byLineage {@code false} to have dependents hash results by value
         * @return this builder
         */
        public Builder lineage(boolean byLineage) {
            values.set(LINEAGE, byLineage);
            return this;
        }

        /**
         * Sets the options of a module's own task type, such as a data asset's; they replace
         * options of the same class set earlier or given as defaults. No {@code @Task} attribute
         * matches: the task type reads its annotation itself.
         *
         * @param options the options, found again by their class through {@link TaskOptions#extension(Class)}
         * @return this builder
         */
        public Builder extension(Object options) {
            Objects.requireNonNull(options, "options");
            Map<Class<?>, Object> extensions = new LinkedHashMap<>(values.build().get(EXTENSIONS));
            extensions.put(options.getClass(), options);
            values.set(EXTENSIONS, extensions);
            return this;
        }

        /**
         * The options set so far; the builder can go on being used.
         *
         * @return the immutable options
         */
        public TaskOptions build() {
            return new TaskOptions(values.build());
        }
    }
}
