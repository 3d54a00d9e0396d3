package dev.rivulet;

import dev.rivulet.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new InvalidDefinitionException("name must not be blank, was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        public Builder retries(int retries) {
            if (retries < 0) {
                throw new InvalidDefinitionException("retries must not be negative, was " + retries);
            }
            this.retries = retries;
            return this;
        }

        public Builder retryDelay(String... delays) {
            retryDelays.clear();
            for (String d : delays) {
                retryDelays.add(Durations.parse(d, "retryDelay"));
            }
            return this;
        }

        public Builder timeout(String timeout) {
            return timeout(Durations.parse(timeout, "timeout"));
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new InvalidDefinitionException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder taskRunner(String runnerName) {
            Objects.requireNonNull(runnerName, "taskRunner");
            if (runnerName.isBlank()) {
                throw new InvalidDefinitionException("taskRunner must not be blank, was '" + runnerName + "'");
            }
            this.taskRunner = runnerName;
            return this;
        }

        public FlowOptions build() {
            return new FlowOptions(this);
        }
    }
}
