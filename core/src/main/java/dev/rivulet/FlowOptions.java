package dev.rivulet;

import dev.rivulet.internal.Checks;
import dev.rivulet.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The options of a flow, as an immutable value: the programmatic twin of {@link Flow}'s attributes. */
public final class FlowOptions {

    private final String name;
    private final int retries;
    private final List<Duration> retryDelays;
    private final Duration timeout;
    private final String taskRunner;

    private FlowOptions(Builder b) {
        this.name = b.name;
        this.retries = b.retries;
        this.retryDelays = List.copyOf(b.retryDelays);
        this.timeout = b.timeout;
        this.taskRunner = b.taskRunner;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.retries = retries;
        b.retryDelays.addAll(retryDelays);
        b.timeout = timeout;
        b.taskRunner = taskRunner;
        return b;
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public int retries() {
        return retries;
    }

    public List<Duration> retryDelays() {
        return retryDelays;
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The task runner's name, if set; see {@link Flow#taskRunner()}. */
    public Optional<String> taskRunner() {
        return Optional.ofNullable(taskRunner);
    }

    @Override
    public String toString() {
        return "FlowOptions{name=" + name + ", retries=" + retries + ", retryDelays=" + retryDelays
                + ", timeout=" + timeout + ", taskRunner=" + taskRunner + "}";
    }

    /** Builds {@link FlowOptions}; each setter checks its value at once. */
    public static final class Builder {
        private String name;
        private int retries;
        private final List<Duration> retryDelays = new ArrayList<>();
        private Duration timeout;
        private String taskRunner;

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

        /** See {@link Flow#retryDelay()}. */
        public Builder retryDelay(String... delays) {
            retryDelays.clear();
            retryDelays.addAll(Checks.durations(delays, "retryDelay"));
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

        public FlowOptions build() {
            return new FlowOptions(this);
        }
    }
}
