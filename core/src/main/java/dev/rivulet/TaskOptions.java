package dev.rivulet;

import dev.rivulet.internal.option.Checks;
import dev.rivulet.internal.option.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
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
 * hooks add up instead of replacing.
 */
public final class TaskOptions {

    private static final TaskOptions EMPTY = new Builder().build();

    private final String name;
    private final Integer retries;
    private final List<Duration> retryDelays;
    private final Double retryBackoff;
    private final Double retryJitterFactor;
    private final Predicate<Throwable> retryCondition;
    private final Duration timeout;
    private final Set<String> tags;
    private final List<TaskHook> onCompletion;
    private final List<TaskHook> onFailure;
    private final Set<CachePolicy> cachePolicy;
    private final Duration cacheExpiration;
    private final Boolean refreshCache;
    private final CacheKeyFunction cacheKeyFunction;
    private final Set<String> cacheKeyExclude;
    private final String version;
    private final Boolean persistResult;
    private final String resultStore;
    private final String serializer;
    private final String resultStorageKey;
    private final Boolean cacheResultInMemory;

    private TaskOptions(Builder b) {
        this.name = b.name;
        this.retries = b.retries;
        this.retryDelays = b.retryDelays == null ? null : List.copyOf(b.retryDelays);
        this.retryBackoff = b.retryBackoff;
        this.retryJitterFactor = b.retryJitterFactor;
        this.retryCondition = b.retryCondition;
        this.timeout = b.timeout;
        this.tags = Set.copyOf(b.tags);
        this.onCompletion = List.copyOf(b.onCompletion);
        this.onFailure = List.copyOf(b.onFailure);
        this.cachePolicy = b.cachePolicy == null ? null : Set.copyOf(b.cachePolicy);
        this.cacheExpiration = b.cacheExpiration;
        this.refreshCache = b.refreshCache;
        this.cacheKeyFunction = b.cacheKeyFunction;
        this.cacheKeyExclude = b.cacheKeyExclude == null ? null : Set.copyOf(b.cacheKeyExclude);
        this.version = b.version;
        this.persistResult = b.persistResult;
        this.resultStore = b.resultStore;
        this.serializer = b.serializer;
        this.resultStorageKey = b.resultStorageKey;
        this.cacheResultInMemory = b.cacheResultInMemory;
    }

    /** Options with nothing set. */
    public static TaskOptions empty() {
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
        b.retryDelays = retryDelays == null ? null : new ArrayList<>(retryDelays);
        b.retryBackoff = retryBackoff;
        b.retryJitterFactor = retryJitterFactor;
        b.retryCondition = retryCondition;
        b.timeout = timeout;
        b.tags.addAll(tags);
        b.onCompletion.addAll(onCompletion);
        b.onFailure.addAll(onFailure);
        b.cachePolicy = cachePolicy;
        b.cacheExpiration = cacheExpiration;
        b.refreshCache = refreshCache;
        b.cacheKeyFunction = cacheKeyFunction;
        b.cacheKeyExclude = cacheKeyExclude;
        b.version = version;
        b.persistResult = persistResult;
        b.resultStore = resultStore;
        b.serializer = serializer;
        b.resultStorageKey = resultStorageKey;
        b.cacheResultInMemory = cacheResultInMemory;
        return b;
    }

    /**
     * These options on top of {@code defaults}: what these leave unset comes from {@code
     * defaults}; tags and hooks are the union of both, the defaults' first.
     */
    public TaskOptions withDefaults(TaskOptions defaults) {
        Builder b = defaults.toBuilder();
        if (name != null) b.name = name;
        if (retries != null) b.retries = retries;
        if (retryDelays != null) b.retryDelays = new ArrayList<>(retryDelays);
        if (retryBackoff != null) b.retryBackoff = retryBackoff;
        if (retryJitterFactor != null) b.retryJitterFactor = retryJitterFactor;
        if (retryCondition != null) b.retryCondition = retryCondition;
        if (timeout != null) b.timeout = timeout;
        b.tags.addAll(tags);
        b.onCompletion.addAll(onCompletion);
        b.onFailure.addAll(onFailure);
        if (cachePolicy != null) b.cachePolicy = cachePolicy;
        if (cacheExpiration != null) b.cacheExpiration = cacheExpiration;
        if (refreshCache != null) b.refreshCache = refreshCache;
        if (cacheKeyFunction != null) b.cacheKeyFunction = cacheKeyFunction;
        if (cacheKeyExclude != null) b.cacheKeyExclude = cacheKeyExclude;
        if (version != null) b.version = version;
        if (persistResult != null) b.persistResult = persistResult;
        if (resultStore != null) b.resultStore = resultStore;
        if (serializer != null) b.serializer = serializer;
        if (resultStorageKey != null) b.resultStorageKey = resultStorageKey;
        if (cacheResultInMemory != null) b.cacheResultInMemory = cacheResultInMemory;
        return b.build();
    }

    /** Whether nothing at all is set. */
    public boolean isEmpty() {
        return name == null && retries == null && retryDelays == null && retryBackoff == null && retryJitterFactor == null
                && retryCondition == null && timeout == null && tags.isEmpty() && onCompletion.isEmpty() && onFailure.isEmpty()
                && cachePolicy == null && cacheExpiration == null && refreshCache == null && cacheKeyFunction == null
                && cacheKeyExclude == null && version == null && persistResult == null && resultStore == null
                && serializer == null && resultStorageKey == null && cacheResultInMemory == null;
    }

    /** The name, if set; see {@link Task#name()}. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Retries after a failed attempt; 0 unless set. */
    public int retries() {
        return retries == null ? 0 : retries;
    }

    /** Delays before each retry, the last repeating; empty (no delay) unless set. */
    public List<Duration> retryDelays() {
        return retryDelays == null ? List.of() : retryDelays;
    }

    /** Growth factor of the retry delay; 1 unless set. */
    public double retryBackoff() {
        return retryBackoff == null ? 1.0 : retryBackoff;
    }

    /** Random extra added to each delay, as a fraction of it; 0 unless set. */
    public double retryJitterFactor() {
        return retryJitterFactor == null ? 0.0 : retryJitterFactor;
    }

    /** Which failures are retried; all unless set. */
    public Predicate<Throwable> retryCondition() {
        return retryCondition == null ? t -> true : retryCondition;
    }

    /** The limit on one attempt, if set. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    public Set<String> tags() {
        return tags;
    }

    public List<TaskHook> onCompletion() {
        return onCompletion;
    }

    public List<TaskHook> onFailure() {
        return onFailure;
    }

    /** What cache keys are made of; empty (no caching) unless set. See {@link Task#cachePolicy()}. */
    public Set<CachePolicy> cachePolicy() {
        return cachePolicy == null ? Set.of() : cachePolicy;
    }

    /** Whether runs look up and write cache entries: a policy other than {@code NONE}, or a key function. */
    public boolean caches() {
        if (cachePolicy != null && cachePolicy.contains(CachePolicy.NONE)) {
            return false;
        }
        return !cachePolicy().isEmpty() || cacheKeyFunction != null;
    }

    /** How long cached results stay valid, if limited. */
    public Optional<Duration> cacheExpiration() {
        return Optional.ofNullable(cacheExpiration);
    }

    /** Whether runs recompute and replace cached results; false unless set. */
    public boolean refreshCache() {
        return refreshCache != null && refreshCache;
    }

    /** The function that computes cache keys in code, if set. */
    public Optional<CacheKeyFunction> cacheKeyFunction() {
        return Optional.ofNullable(cacheKeyFunction);
    }

    /** Parameters left out of the inputs hash, by name or index. */
    public Set<String> cacheKeyExclude() {
        return cacheKeyExclude == null ? Set.of() : cacheKeyExclude;
    }

    /** The task's version, if set; part of every cache key. */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** Whether results are written to a result store: set so, or implied by caching or by not keeping results in memory. */
    public boolean persistResult() {
        if (persistResult != null) {
            return persistResult;
        }
        return caches() || !cacheResultInMemory();
    }

    /** The name of the result store, if set; the Rivulet's default store otherwise. */
    public Optional<String> resultStore() {
        return Optional.ofNullable(resultStore);
    }

    /** The name of the serializer, if set; the Rivulet's default serializer otherwise. */
    public Optional<String> serializer() {
        return Optional.ofNullable(serializer);
    }

    /** The storage key template, if set; see {@link Task#resultStorageKey()}. */
    public Optional<String> resultStorageKey() {
        return Optional.ofNullable(resultStorageKey);
    }

    /** Whether results stay in memory after they are persisted; true unless set. Moot when {@code persistResult} is set to false. */
    public boolean cacheResultInMemory() {
        return cacheResultInMemory == null || cacheResultInMemory;
    }

    @Override
    public String toString() {
        return "TaskOptions{name=" + name + ", retries=" + retries + ", retryDelays=" + retryDelays
                + ", retryBackoff=" + retryBackoff + ", retryJitterFactor=" + retryJitterFactor
                + ", timeout=" + timeout + ", tags=" + tags + ", cachePolicy=" + cachePolicy
                + ", cacheExpiration=" + cacheExpiration + ", refreshCache=" + refreshCache
                + ", version=" + version + ", persistResult=" + persistResult + ", resultStore=" + resultStore
                + ", serializer=" + serializer + ", resultStorageKey=" + resultStorageKey
                + ", cacheResultInMemory=" + cacheResultInMemory + "}";
    }

    /** Builds {@link TaskOptions}; each setter checks its value at once. */
    public static final class Builder {
        private String name;
        private Integer retries;
        private List<Duration> retryDelays;
        private Double retryBackoff;
        private Double retryJitterFactor;
        private Predicate<Throwable> retryCondition;
        private Duration timeout;
        private final Set<String> tags = new LinkedHashSet<>();
        private final List<TaskHook> onCompletion = new ArrayList<>();
        private final List<TaskHook> onFailure = new ArrayList<>();
        private Set<CachePolicy> cachePolicy;
        private Duration cacheExpiration;
        private Boolean refreshCache;
        private CacheKeyFunction cacheKeyFunction;
        private Set<String> cacheKeyExclude;
        private String version;
        private Boolean persistResult;
        private String resultStore;
        private String serializer;
        private String resultStorageKey;
        private Boolean cacheResultInMemory;

        private Builder() {}

        /** See {@link Task#name()}. */
        public Builder name(String name) {
            this.name = Checks.notBlank(name, "name");
            return this;
        }

        /** See {@link Task#retries()}. */
        public Builder retries(int retries) {
            this.retries = Checks.notNegative(retries, "retries");
            return this;
        }

        /** Delays as text, {@code "1s"} or {@code "PT1S"}; see {@link Task#retryDelay()}. */
        public Builder retryDelay(String... delays) {
            return retryDelays(Checks.durations(delays, "retryDelay"));
        }

        /** See {@link Task#retryDelay()}. */
        public Builder retryDelays(Collection<Duration> delays) {
            this.retryDelays = new ArrayList<>(Checks.notNegative(delays, "retryDelay"));
            return this;
        }

        /** See {@link Task#retryBackoff()}. */
        public Builder retryBackoff(double factor) {
            if (!(factor >= 1.0) || Double.isInfinite(factor)) {
                throw new InvalidDefinitionException("retryBackoff must be a finite number of at least 1, was " + factor);
            }
            this.retryBackoff = factor;
            return this;
        }

        /** See {@link Task#retryJitterFactor()}. */
        public Builder retryJitterFactor(double factor) {
            if (!(factor >= 0.0) || Double.isInfinite(factor)) {
                throw new InvalidDefinitionException("retryJitterFactor must be a finite number of at least 0, was " + factor);
            }
            this.retryJitterFactor = factor;
            return this;
        }

        /** Retry only failures this predicate accepts. */
        public Builder retryCondition(Predicate<Throwable> condition) {
            this.retryCondition = Objects.requireNonNull(condition, "retryCondition");
            return this;
        }

        /** Retry only these exceptions and their subclasses; see {@link Task#retryOn()}. */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... types) {
            List<Class<? extends Throwable>> list = List.of(types);
            return retryCondition(t -> list.stream().anyMatch(c -> c.isInstance(t)));
        }

        /** A timeout as text, {@code "30s"}; see {@link Task#timeout()}. */
        public Builder timeout(String timeout) {
            return timeout(Durations.parse(timeout, "timeout"));
        }

        /** See {@link Task#timeout()}; must be positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        public Builder tags(String... tags) {
            this.tags.addAll(Arrays.asList(tags));
            return this;
        }

        public Builder onCompletion(TaskHook hook) {
            this.onCompletion.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        public Builder onFailure(TaskHook hook) {
            this.onFailure.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** See {@link Task#cachePolicy()}; {@code NONE} cannot be combined with other policies. */
        public Builder cachePolicy(CachePolicy... policies) {
            Set<CachePolicy> set = policies.length == 0 ? EnumSet.noneOf(CachePolicy.class) : EnumSet.copyOf(Arrays.asList(policies));
            if (set.contains(CachePolicy.NONE) && set.size() > 1) {
                throw new InvalidDefinitionException("cachePolicy NONE cannot be combined with other policies, was " + set);
            }
            this.cachePolicy = set;
            return this;
        }

        /** An expiration as text, {@code "1h"}; see {@link Task#cacheExpiration()}. */
        public Builder cacheExpiration(String expiration) {
            return cacheExpiration(Durations.parse(expiration, "cacheExpiration"));
        }

        /** See {@link Task#cacheExpiration()}; must be positive. */
        public Builder cacheExpiration(Duration expiration) {
            this.cacheExpiration = Checks.positive(expiration, "cacheExpiration");
            return this;
        }

        /** See {@link Task#refreshCache()}. */
        public Builder refreshCache(boolean refresh) {
            this.refreshCache = refresh;
            return this;
        }

        /** See {@link CacheKeyFunction}. */
        public Builder cacheKeyFunction(CacheKeyFunction function) {
            this.cacheKeyFunction = Objects.requireNonNull(function, "cacheKeyFunction");
            return this;
        }

        /** See {@link Task#cacheKeyExclude()}. */
        public Builder cacheKeyExclude(String... parameters) {
            for (String parameter : parameters) {
                Checks.notBlank(parameter, "cacheKeyExclude");
            }
            this.cacheKeyExclude = new LinkedHashSet<>(Arrays.asList(parameters));
            return this;
        }

        /** See {@link Task#version()}. */
        public Builder version(String version) {
            this.version = Checks.notBlank(version, "version");
            return this;
        }

        /** See {@link Task#persistResult()}. */
        public Builder persistResult(boolean persist) {
            this.persistResult = persist;
            return this;
        }

        /** See {@link Task#resultStore()}. */
        public Builder resultStore(String storeName) {
            this.resultStore = Checks.notBlank(storeName, "resultStore");
            return this;
        }

        /** See {@link Task#serializer()}. */
        public Builder serializer(String serializerName) {
            this.serializer = Checks.notBlank(serializerName, "serializer");
            return this;
        }

        /** See {@link Task#resultStorageKey()}. */
        public Builder resultStorageKey(String template) {
            this.resultStorageKey = Checks.storageKeyTemplate(template);
            return this;
        }

        /** See {@link Task#cacheResultInMemory()}. */
        public Builder cacheResultInMemory(boolean keep) {
            this.cacheResultInMemory = keep;
            return this;
        }

        public TaskOptions build() {
            return new TaskOptions(this);
        }
    }
}
