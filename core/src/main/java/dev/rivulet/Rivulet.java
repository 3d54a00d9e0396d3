package dev.rivulet;

import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunStores;
import dev.rivulet.internal.history.HistoryRecorder;
import dev.rivulet.internal.remote.CallReceiver;
import dev.rivulet.internal.result.Results;
import dev.rivulet.internal.result.SerializerRegistry;
import dev.rivulet.internal.run.Engine;
import dev.rivulet.internal.stub.Stubs;
import dev.rivulet.result.Codec;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.ResultStores;
import dev.rivulet.result.Serializer;
import dev.rivulet.runner.TaskCallReceiver;
import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The entry point: makes stubs whose {@link Task} and {@link Flow} methods run as task runs and
 * flow runs, and owns the task runners they run on.
 *
 * {@snippet file="dev/rivulet/snippets/RivuletSnippetsTest.java" region="pipeline"}
 *
 * <p>A {@code Rivulet} is thread-safe: many threads may run flows on it at once. Closing it closes
 * its task runners; task runs submitted after that fail with a clear error.
 */
public final class Rivulet implements AutoCloseable {

    private final Engine engine;

    private Rivulet(Builder builder) {
        Results results;
        try {
            results = builder.results();
        } catch (RuntimeException e) {
            // the Rivulet that would have owned them is not made: close what the builder was given
            builder.closeProvided(e);
            throw e;
        }
        Map<String, TaskRunner> runners = new LinkedHashMap<>(builder.runners);
        runners.putIfAbsent(Engine.DEFAULT_RUNNER, TaskRunners.threadPool());
        this.engine = new Engine(runners, results, builder.flowRunHistory, builder.historyRecorder(), builder.components);
    }

    /** {@return a Rivulet with the defaults: a thread pool with a thread per processor} */
    public static Rivulet create() {
        return builder().build();
    }

    /**
     * A builder, to choose task runners, result stores, serializers and codecs.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A stub of {@code type}, whose methods are all {@code default} methods.
     *
     * @param <T> the interface
     * @param type an interface whose methods are {@code default} methods, typically annotated with {@link Task} or {@link Flow}
     * @return a stub whose task methods run as task runs and flow methods as flow runs
     * @throws InvalidDefinitionException if {@code type} is not an interface, has an abstract
     *     method, or misuses {@link Task} or {@link Flow}; the message names the method and value
     */
    public <T> T stub(Class<T> type) {
        return Stubs.create(engine, Objects.requireNonNull(type, "type"), null);
    }

    /**
     * A stub of {@code type} whose abstract methods (and the default methods it overrides) are
     * carried out by {@code implementation}. Default methods not overridden run on the stub, so
     * that their calls to sibling tasks are intercepted.
     *
     * @param <T> the interface
     * @param type the interface, with {@link Task} and {@link Flow} annotations on its methods
     * @param implementation carries out the abstract methods, such as a class written before Rivulet was
     * @return a stub whose task methods run as task runs and flow methods as flow runs
     * @throws InvalidDefinitionException if {@code type} is not an interface or misuses {@link Task} or {@link Flow}
     */
    public <T> T stub(Class<T> type, T implementation) {
        return Stubs.create(engine, Objects.requireNonNull(type, "type"), Objects.requireNonNull(implementation, "implementation"));
    }

    /**
     * Carries out task calls that a task runner in another JVM sends here ({@link
     * dev.rivulet.runner.TaskRunner#callSender()}), with this Rivulet's serializers and result stores:
     * the JVM that runs the bodies of a remote runner's tasks makes one. A default method is called
     * on a plain proxy of its interface, so a sibling task it calls through {@code this} is a plain
     * call in this JVM, not a task run; an abstract method, or one the sender's stub had an
     * implementation for, is called on {@code implementations}' object for the interface.
     *
     * @param implementations the object that carries out an interface's abstract methods, or empty
     *     if it has none; asked once per interface
     * @return a thread-safe receiver
     */
    public TaskCallReceiver taskCallReceiver(Function<Class<?>, Optional<?>> implementations) {
        return new CallReceiver(engine.results(), engine.timer(), Objects.requireNonNull(implementations, "implementations"));
    }

    /**
     * The most recent top-level flow run started on this Rivulet: the live run while it goes on;
     * once it ended, with the run history on (the default), a summary that reads its task runs and
     * graph from the run's record, as {@link #recentFlowRuns()} says.
     *
     * @return the run, or empty if none was started
     */
    public Optional<FlowRun> lastFlowRun() {
        return engine.lastFlowRun();
    }

    /**
     * The most recent top-level flow runs, oldest first, as many as {@link Builder#flowRunHistory}
     * keeps. A run still going is the live run. With the run history on (the default), a run that
     * has ended is kept as a summary of a few hundred bytes, whatever the size of the flow: its own
     * parts (id, names, state, times, attempts and their failures) answer from memory; {@link
     * FlowRun#parameters()} are the arguments as recorded, text; {@link Run#error()} is a {@link
     * dev.rivulet.history.RecordedError} with the error's recorded text; {@link FlowRun#taskRuns()}
     * and {@link FlowRun#graph()} are read from the run's record at each call, so they list the task
     * runs the record details ({@link RunHistoryOptions.Builder#taskRunsInDetail}), and throw a
     * {@link dev.rivulet.history.RunRecordException} if retention deleted the record. With the
     * history off, a run that ended stays on the heap whole, every task run in it.
     *
     * @return the runs, oldest first
     */
    public List<FlowRun> recentFlowRuns() {
        return engine.recentFlowRuns();
    }

    /**
     * The run history this Rivulet writes to, to list and load its runs and those of other JVMs
     * that write to the same store. Each read first writes what this Rivulet has not yet written,
     * so it shows this Rivulet's runs as they are now. Closing it leaves the store open; the
     * Rivulet closes it when closed.
     *
     * @return the history
     * @throws IllegalStateException if the history is off ({@link RunHistoryOptions#disabled()}, or
     *     the system property {@value RunHistoryOptions#ENABLED_PROPERTY}{@code =false}); then
     *     {@link RunHistory#open(Path)} reads a directory all the same
     */
    public RunHistory runHistory() {
        RunHistory history = engine.runHistory();
        if (history == null) {
            throw new IllegalStateException("the run history of this Rivulet is off (RunHistoryOptions.disabled(), or -D"
                    + RunHistoryOptions.ENABLED_PROPERTY + "=false); read a run directory with RunHistory.open(path)");
        }
        return history;
    }

    /**
     * Closes the task runners (letting their current runs finish, within a bound), the timer, and
     * the result stores, and writes the last records of the run history.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** Configures a {@link Rivulet}. */
    public static final class Builder {
        /** The name of the built-in store that keeps results in files. */
        public static final String LOCAL_STORE = "local";
        /** The name of the built-in store that keeps results in memory. */
        public static final String MEMORY_STORE = "memory";
        private static final long DEFAULT_MEMORY_BYTES = 256L << 20;

        private final Map<String, TaskRunner> runners = new LinkedHashMap<>();
        private int flowRunHistory = 100;
        private final Map<String, ResultStore> stores = new LinkedHashMap<>();
        private String defaultResultStore = LOCAL_STORE;
        private Path localResultsDirectory;
        private long memoryStoreBytes = DEFAULT_MEMORY_BYTES;
        private long resultCacheBytes = DEFAULT_MEMORY_BYTES;
        private final List<Serializer> serializers = new ArrayList<>();
        private final List<Codec> codecs = new ArrayList<>();
        private String defaultSerializer = "json";
        private boolean refreshCache = Boolean.getBoolean("rivulet.refreshCache");
        private RunHistoryOptions runHistory = RunHistoryOptions.defaults();
        private final List<Object> components = new ArrayList<>();

        private Builder() {}

        /**
         * The default task runner: flows without a {@link Flow#taskRunner()} and tasks called
         * outside flows use it. The Rivulet closes it when closed. A thread pool with a thread per
         * processor if not set.
         *
         * @param runner the runner, owned by the Rivulet from now on
         * @return this builder
         */
        public Builder taskRunner(TaskRunner runner) {
            return taskRunner(Engine.DEFAULT_RUNNER, runner);
        }

        /**
         * A task runner that flows choose by name with {@link Flow#taskRunner()}.
         *
         * @param name the name flows give in {@link Flow#taskRunner()}
         * @param runner the runner, owned by the Rivulet from now on
         * @return this builder
         * @throws IllegalArgumentException if a runner of that name was already set
         */
        public Builder taskRunner(String name, TaskRunner runner) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(runner, "runner");
            if (runners.containsKey(name)) {
                throw new IllegalArgumentException("a task runner named '" + name + "' was already set: " + runners.get(name).name());
            }
            runners.put(name, runner);
            return this;
        }

        /**
         * How many recent top-level flow runs {@link #recentFlowRuns()} keeps; 100 by default. With
         * the run history on, a finished one costs a few hundred bytes; with it off, every task run
         * of it stays on the heap, so keep this small for flows of many task runs. Keep the
         * history's {@link RunHistoryOptions.Builder#keepRuns} at least this, so that the records
         * of the runs kept here are there to read their task runs from.
         *
         * @param count how many flow runs, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is below 1
         */
        public Builder flowRunHistory(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("flowRunHistory must be at least 1, was " + count);
            }
            this.flowRunHistory = count;
            return this;
        }

        /**
         * A result store that tasks choose by name ({@code @Task(resultStore = "s3")}). Names
         * {@value #LOCAL_STORE} and {@value #MEMORY_STORE} replace the built-in stores. The Rivulet
         * closes its stores when closed.
         *
         * @param name the name tasks give in {@link Task#resultStore()}
         * @param store the store, owned by the Rivulet from now on
         * @return this builder
         * @throws IllegalArgumentException if a store of that name was already set
         */
        public Builder resultStore(String name, ResultStore store) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(store, "store");
            if (stores.containsKey(name)) {
                throw new IllegalArgumentException("a result store named '" + name + "' was already set: " + stores.get(name).describe());
            }
            stores.put(name, store);
            return this;
        }

        /**
         * The store of tasks that persist results without naming one; {@value #LOCAL_STORE} by default.
         *
         * @param name the name of a built-in store or of one set with {@link #resultStore(String, ResultStore)}
         * @return this builder
         */
        public Builder defaultResultStore(String name) {
            this.defaultResultStore = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The directory of the built-in {@value #LOCAL_STORE} store: by default the system property
         * {@code rivulet.results.dir}, else {@code ~/.rivulet/results}. It is made when first used.
         *
         * @param directory where the {@value #LOCAL_STORE} store keeps its files
         * @return this builder
         */
        public Builder localResultsDirectory(Path directory) {
            this.localResultsDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The size bound, in bytes, of the built-in {@value #MEMORY_STORE} store; 256 MiB by default.
         *
         * @param bytes the most bytes of results the store holds; the least recently used go first
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder memoryStoreSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("memoryStoreSize must be positive, was " + bytes);
            }
            this.memoryStoreBytes = bytes;
            return this;
        }

        /**
         * How much the in-memory cache in front of the result stores may hold, counted in the
         * values' stored bytes; 256 MiB by default, 0 to turn it off. It serves cache hits
         * without reading the store or decoding.
         *
         * @param bytes the most stored bytes the cache holds; 0 turns it off
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder resultCacheSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("resultCacheSize must not be negative, was " + bytes);
            }
            this.resultCacheBytes = bytes;
            return this;
        }

        /**
         * A serializer tasks choose by its {@link Serializer#name() name}; replaces a built-in of the same name.
         *
         * @param serializer the serializer
         * @return this builder
         */
        public Builder serializer(Serializer serializer) {
            serializers.add(Objects.requireNonNull(serializer, "serializer"));
            return this;
        }

        /**
         * A codec serializer names can use, {@code compressed:<codec>/json}; replaces one of the same name.
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder codec(Codec codec) {
            codecs.add(Objects.requireNonNull(codec, "codec"));
            return this;
        }

        /**
         * An object the {@linkplain dev.rivulet.extension.TaskType task types} of other modules
         * look up by its type, such as where data assets keep their artifacts. The caller keeps
         * ownership: closing the Rivulet does not close it. A component given earlier wins over a
         * later one of the same type.
         *
         * @param component the object
         * @return this builder
         */
        public Builder component(Object component) {
            components.add(Objects.requireNonNull(component, "component"));
            return this;
        }

        /**
         * The serializer of tasks that persist results without naming one; {@code json} by default.
         *
         * @param name a serializer name, such as {@code compressed/json}
         * @return this builder
         */
        public Builder defaultSerializer(String name) {
            this.defaultSerializer = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Makes every cached task recompute and replace its cached result, as {@link
         * Task#refreshCache()} does for one; also turned on by the system property {@code
         * rivulet.refreshCache=true}.
         *
         * @param refresh true to recompute every cached task
         * @return this builder
         */
        public Builder refreshCache(boolean refresh) {
            this.refreshCache = refresh;
            return this;
        }

        /**
         * How flow runs are recorded in the run history: {@link RunHistoryOptions#defaults()} if not
         * set (recorded in {@link RunHistoryOptions#defaultDirectory()}, 1,000 runs for 30 days);
         * {@link RunHistoryOptions#disabled()} records nothing. The system property {@value
         * RunHistoryOptions#ENABLED_PROPERTY}{@code =false} turns it off whatever is set here. A
         * store given in the options is owned by the Rivulet from now on.
         *
         * @param options the options
         * @return this builder
         */
        public Builder runHistory(RunHistoryOptions options) {
            this.runHistory = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The recorder of the run history, or null when it is off (then a store given is closed, as nothing will). */
        private HistoryRecorder historyRecorder() {
            if (!runHistory.enabled()) {
                runHistory.store().ifPresent(store -> {
                    try {
                        store.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot close run store " + store.describe(), e);
                    }
                });
                return null;
            }
            return new HistoryRecorder(runHistory.store().orElseGet(() -> RunStores.local(runHistory.directory())), runHistory);
        }

        private Results results() {
            Map<String, Supplier<ResultStore>> factories = new LinkedHashMap<>();
            Path local = localResultsDirectory != null ? localResultsDirectory : ResultStores.defaultLocalDirectory();
            long memoryBytes = memoryStoreBytes;
            factories.put(LOCAL_STORE, () -> ResultStores.local(local));
            factories.put(MEMORY_STORE, () -> ResultStores.memory(memoryBytes));
            return new Results(factories, stores, defaultResultStore, new SerializerRegistry(serializers, codecs), defaultSerializer,
                    resultCacheBytes, refreshCache);
        }

        /** Closes the runners and stores given to this builder, adding what they throw to {@code failure}. */
        private void closeProvided(RuntimeException failure) {
            List<AutoCloseable> given = new ArrayList<>(runners.values());
            given.addAll(stores.values());
            runHistory.store().ifPresent(given::add);
            for (AutoCloseable closeable : given) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }

        /**
         * A Rivulet with this configuration. The runners and stores given to this builder are
         * closed if it cannot be made.
         *
         * @return a new Rivulet, which the caller closes
         * @throws InvalidDefinitionException if the default result store is not one of the stores;
         *     the message names those that are
         */
        public Rivulet build() {
            return new Rivulet(this);
        }
    }
}
