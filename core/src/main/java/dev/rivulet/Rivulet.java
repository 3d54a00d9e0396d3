package dev.rivulet;

import dev.rivulet.internal.Engine;
import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point: makes stubs whose {@link Task} and {@link Flow} methods run as task runs and
 * flow runs, and owns the task runners they run on.
 *
 * <pre>{@code
 * public interface Pipeline {
 *     @Task default List<String> extract(Path file) { ... }
 *     @Task default int load(List<String> rows) { ... }
 *
 *     @Flow default int etl(Path file) {
 *         return load(extract(file));   // two task runs, and an edge between them
 *     }
 * }
 *
 * try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(8)).build()) {
 *     int loaded = rivulet.stub(Pipeline.class).etl(Path.of("trips.csv"));
 *     System.out.println(rivulet.lastFlowRun().orElseThrow().graph().render());
 * }
 * }</pre>
 *
 * <p>A {@code Rivulet} is thread-safe: many threads may run flows on it at once. Closing it closes
 * its task runners; task runs submitted after that fail with a clear error.
 */
public final class Rivulet implements AutoCloseable {

    private final Engine engine;

    private Rivulet(Builder builder) {
        Map<String, TaskRunner> runners = new LinkedHashMap<>(builder.runners);
        runners.putIfAbsent(Engine.DEFAULT_RUNNER, TaskRunners.threadPool());
        this.engine = new Engine(runners, builder.flowRunHistory);
    }

    /** A Rivulet with the defaults: a thread pool with a thread per processor. */
    public static Rivulet create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A stub of {@code type}, whose methods are all {@code default} methods.
     *
     * @throws InvalidDefinitionException if {@code type} is not an interface, has an abstract
     *     method, or misuses {@link Task} or {@link Flow}; the message names the method and value
     */
    public <T> T stub(Class<T> type) {
        return engine.stub(Objects.requireNonNull(type, "type"), null);
    }

    /**
     * A stub of {@code type} whose abstract methods (and the default methods it overrides) are
     * carried out by {@code implementation}. Default methods not overridden run on the stub, so
     * that their calls to sibling tasks are intercepted.
     */
    public <T> T stub(Class<T> type, T implementation) {
        return engine.stub(Objects.requireNonNull(type, "type"), Objects.requireNonNull(implementation, "implementation"));
    }

    /** The most recent top-level flow run started on this Rivulet, if any. */
    public Optional<FlowRun> lastFlowRun() {
        return engine.lastFlowRun();
    }

    /** The most recent top-level flow runs, oldest first, as many as {@link Builder#flowRunHistory} keeps. */
    public List<FlowRun> recentFlowRuns() {
        return engine.recentFlowRuns();
    }

    /** Closes the task runners (letting their current runs finish, within a bound) and the timer. */
    @Override
    public void close() {
        engine.close();
    }

    /** Configures a {@link Rivulet}. */
    public static final class Builder {
        private final Map<String, TaskRunner> runners = new LinkedHashMap<>();
        private int flowRunHistory = 100;

        private Builder() {}

        /**
         * The default task runner: flows without a {@link Flow#taskRunner()} and tasks called
         * outside flows use it. The Rivulet closes it when closed. A thread pool with a thread per
         * processor if not set.
         */
        public Builder taskRunner(TaskRunner runner) {
            return taskRunner(Engine.DEFAULT_RUNNER, runner);
        }

        /** A task runner that flows choose by name with {@link Flow#taskRunner()}. */
        public Builder taskRunner(String name, TaskRunner runner) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(runner, "runner");
            if (runners.containsKey(name)) {
                throw new IllegalArgumentException("a task runner named '" + name + "' was already set: " + runners.get(name).name());
            }
            runners.put(name, runner);
            return this;
        }

        /** How many recent top-level flow runs {@link #recentFlowRuns()} keeps; 100 by default. */
        public Builder flowRunHistory(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("flowRunHistory must be at least 1, was " + count);
            }
            this.flowRunHistory = count;
            return this;
        }

        public Rivulet build() {
            return new Rivulet(this);
        }
    }
}
