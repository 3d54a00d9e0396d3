package dev.rivulet;

import static dev.rivulet.internal.option.TaskOptionTable.CACHE_EXPIRATION;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_KEY_EXCLUDE;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_KEY_FUNCTION;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_POLICY;
import static dev.rivulet.internal.option.TaskOptionTable.CACHE_RESULT_IN_MEMORY;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The options of a task, as an immutable value: the programmatic twin of {@link Task}'s attributes.
 *
 * <pre>{@code
 * TaskOptions patient = TaskOptions.newBuilder().retries(5).retryDelay("1s").retryBackoff(2).build();
 * Table t = Tasks.with(patient).call(this::extract, file);
 * }</pre>
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

    /** Options with nothing set. */
    public static TaskOptions empty() {
        return EMPTY;
    }

    public static Builder newBuilder() {
        return new Builder(TABLE.none());
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /**
     * These options on top of {@code defaults}: what these leave unset comes from {@code
     * defaults}; tags and hooks are the union of both, the defaults' first.
     */
    public TaskOptions withDefaults(TaskOptions defaults) {
        return new TaskOptions(values.withDefaults(defaults.values));
    }

    /** Whether nothing at all is set. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The name, if set; see {@link Task#name()}. */
    public Optional<String> name() {
        return values.find(NAME);
    }

    /** Retries after a failed attempt; 0 unless set. */
    public int retries() {
        return values.get(RETRIES);
    }

    /** Delays before each retry, the last repeating; empty (no delay) unless set. */
    public List<Duration> retryDelays() {
        return values.get(RETRY_DELAYS);
    }

    /** Growth factor of the retry delay; 1 unless set. */
    public double retryBackoff() {
        return values.get(RETRY_BACKOFF);
    }

    /** Random extra added to each delay, as a fraction of it; 0 unless set. */
    public double retryJitterFactor() {
        return values.get(RETRY_JITTER_FACTOR);
    }

    /** Which failures are retried; all unless set. */
    public Predicate<Throwable> retryCondition() {
        return values.get(RETRY_CONDITION);
    }

    /** The limit on one attempt, if set. */
    public Optional<Duration> timeout() {
        return values.find(TIMEOUT);
    }

    public Set<String> tags() {
        return values.get(TAGS);
    }

    public List<TaskHook> onCompletion() {
        return values.get(ON_COMPLETION);
    }

    public List<TaskHook> onFailure() {
        return values.get(ON_FAILURE);
    }

    /** What cache keys are made of; empty (no caching) unless set. See {@link Task#cachePolicy()}. */
    public Set<CachePolicy> cachePolicy() {
        return values.get(CACHE_POLICY);
    }

    /** Whether runs look up and write cache entries: a policy other than {@code NONE}, or a key function. */
    public boolean caches() {
        if (cachePolicy().contains(CachePolicy.NONE)) {
            return false;
        }
        return !cachePolicy().isEmpty() || values.isSet(CACHE_KEY_FUNCTION);
    }

    /** How long cached results stay valid, if limited. */
    public Optional<Duration> cacheExpiration() {
        return values.find(CACHE_EXPIRATION);
    }

    /** Whether runs recompute and replace cached results; false unless set. */
    public boolean refreshCache() {
        return values.get(REFRESH_CACHE);
    }

    /** The function that computes cache keys in code, if set. */
    public Optional<CacheKeyFunction> cacheKeyFunction() {
        return values.find(CACHE_KEY_FUNCTION);
    }

    /** Parameters left out of the inputs hash, by name or index. */
    public Set<String> cacheKeyExclude() {
        return values.get(CACHE_KEY_EXCLUDE);
    }

    /** The task's version, if set; part of every cache key. */
    public Optional<String> version() {
        return values.find(VERSION);
    }

    /** Whether results are written to a result store: set so, or implied by caching or by not keeping results in memory. */
    public boolean persistResult() {
        return values.find(PERSIST_RESULT).orElseGet(() -> caches() || !cacheResultInMemory());
    }

    /** The name of the result store, if set; the Rivulet's default store otherwise. */
    public Optional<String> resultStore() {
        return values.find(RESULT_STORE);
    }

    /** The name of the serializer, if set; the Rivulet's default serializer otherwise. */
    public Optional<String> serializer() {
        return values.find(SERIALIZER);
    }

    /** The storage key template, if set; see {@link Task#resultStorageKey()}. */
    public Optional<String> resultStorageKey() {
        return values.find(RESULT_STORAGE_KEY);
    }

    /** Whether results stay in memory after they are persisted; true unless set. Moot when {@code persistResult} is set to false. */
    public boolean cacheResultInMemory() {
        return values.get(CACHE_RESULT_IN_MEMORY);
    }

    /** Builds {@link TaskOptions}; each setter checks its value at once. */
    public static final class Builder {
        private final OptionValues.Builder values;

        private Builder(OptionValues values) {
            this.values = values.toBuilder();
        }

        /** See {@link Task#name()}. */
        public Builder name(String name) {
            values.set(NAME, name);
            return this;
        }

        /** See {@link Task#retries()}. */
        public Builder retries(int retries) {
            values.set(RETRIES, retries);
            return this;
        }

        /** Delays as text, {@code "1s"} or {@code "PT1S"}; see {@link Task#retryDelay()}. */
        public Builder retryDelay(String... delays) {
            return retryDelays(Checks.durations(delays, "retryDelay"));
        }

        /** See {@link Task#retryDelay()}. */
        public Builder retryDelays(Collection<Duration> delays) {
            values.set(RETRY_DELAYS, new ArrayList<>(Objects.requireNonNull(delays, "retryDelay")));
            return this;
        }

        /** See {@link Task#retryBackoff()}. */
        public Builder retryBackoff(double factor) {
            values.set(RETRY_BACKOFF, factor);
            return this;
        }

        /** See {@link Task#retryJitterFactor()}. */
        public Builder retryJitterFactor(double factor) {
            values.set(RETRY_JITTER_FACTOR, factor);
            return this;
        }

        /** Retry only failures this predicate accepts. */
        public Builder retryCondition(Predicate<Throwable> condition) {
            values.set(RETRY_CONDITION, condition);
            return this;
        }

        /** Retry only these exceptions and their subclasses; see {@link Task#retryOn()}. */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... types) {
            return retryCondition(new RetryOn(List.of(types)));
        }

        /** A timeout as text, {@code "30s"}; see {@link Task#timeout()}. */
        public Builder timeout(String timeout) {
            return timeout(Durations.parse(timeout, "timeout"));
        }

        /** See {@link Task#timeout()}; must be positive. */
        public Builder timeout(Duration timeout) {
            values.set(TIMEOUT, timeout);
            return this;
        }

        public Builder tags(String... tags) {
            values.add(TAGS, new LinkedHashSet<>(Arrays.asList(tags)));
            return this;
        }

        public Builder onCompletion(TaskHook hook) {
            values.add(ON_COMPLETION, List.of(Objects.requireNonNull(hook, "hook")));
            return this;
        }

        public Builder onFailure(TaskHook hook) {
            values.add(ON_FAILURE, List.of(Objects.requireNonNull(hook, "hook")));
            return this;
        }

        /** See {@link Task#cachePolicy()}; {@code NONE} cannot be combined with other policies. */
        public Builder cachePolicy(CachePolicy... policies) {
            values.set(CACHE_POLICY, new LinkedHashSet<>(Arrays.asList(policies)));
            return this;
        }

        /** An expiration as text, {@code "1h"}; see {@link Task#cacheExpiration()}. */
        public Builder cacheExpiration(String expiration) {
            return cacheExpiration(Durations.parse(expiration, "cacheExpiration"));
        }

        /** See {@link Task#cacheExpiration()}; must be positive. */
        public Builder cacheExpiration(Duration expiration) {
            values.set(CACHE_EXPIRATION, expiration);
            return this;
        }

        /** See {@link Task#refreshCache()}. */
        public Builder refreshCache(boolean refresh) {
            values.set(REFRESH_CACHE, refresh);
            return this;
        }

        /** See {@link CacheKeyFunction}. */
        public Builder cacheKeyFunction(CacheKeyFunction function) {
            values.set(CACHE_KEY_FUNCTION, function);
            return this;
        }

        /** See {@link Task#cacheKeyExclude()}. */
        public Builder cacheKeyExclude(String... parameters) {
            values.set(CACHE_KEY_EXCLUDE, new LinkedHashSet<>(Arrays.asList(parameters)));
            return this;
        }

        /** See {@link Task#version()}. */
        public Builder version(String version) {
            values.set(VERSION, version);
            return this;
        }

        /** See {@link Task#persistResult()}. */
        public Builder persistResult(boolean persist) {
            values.set(PERSIST_RESULT, persist);
            return this;
        }

        /** See {@link Task#resultStore()}. */
        public Builder resultStore(String storeName) {
            values.set(RESULT_STORE, storeName);
            return this;
        }

        /** See {@link Task#serializer()}. */
        public Builder serializer(String serializerName) {
            values.set(SERIALIZER, serializerName);
            return this;
        }

        /** See {@link Task#resultStorageKey()}. */
        public Builder resultStorageKey(String template) {
            values.set(RESULT_STORAGE_KEY, template);
            return this;
        }

        /** See {@link Task#cacheResultInMemory()}. */
        public Builder cacheResultInMemory(boolean keep) {
            values.set(CACHE_RESULT_IN_MEMORY, keep);
            return this;
        }

        public TaskOptions build() {
            return new TaskOptions(values.build());
        }
    }
}
