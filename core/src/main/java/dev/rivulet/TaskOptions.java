package dev.rivulet;

import dev.rivulet.internal.Checks;
import dev.rivulet.internal.Durations;
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
        return b.build();
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

    @Override
    public String toString() {
        return "TaskOptions{name=" + name + ", retries=" + retries + ", retryDelays=" + retryDelays
                + ", retryBackoff=" + retryBackoff + ", retryJitterFactor=" + retryJitterFactor
                + ", timeout=" + timeout + ", tags=" + tags + "}";
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

        public TaskOptions build() {
            return new TaskOptions(this);
        }
    }
}
