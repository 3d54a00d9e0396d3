package dev.rivulet.internal.result;

import dev.rivulet.CacheKeyFunction;
import dev.rivulet.CachePolicy;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.internal.cache.Lineages;
import dev.rivulet.internal.cache.StableHash;
import dev.rivulet.internal.option.Templates;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.Serializer;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How one task's results are persisted and cached, resolved from its options once: the store,
 * the serializer, what the cache key is made of, and where results go.
 */
public final class ResultPolicy {

    private static final StableHash.Label SOURCE = StableHash.label("source");
    private static final StableHash.Label RUN = StableHash.label("run");
    private static final StableHash.Label FLOW_PARAMETERS = StableHash.label("flow parameters");
    private static final StableHash.Label KEY_FUNCTION = StableHash.label("key function");

    final String taskName;
    final String storeName;
    final Serializer serializer;
    final Type returnType;
    final boolean inMemory;
    final Duration expiration;
    private final Results results;
    private final boolean caches;
    private final Set<CachePolicy> cachePolicy;
    private final boolean refresh;
    private final CacheKeyFunction keyFunction;
    /** Per parameter, whether it is part of the inputs hash. */
    private final boolean[] hashed;
    private final String version;
    private final StorageKeyTemplate storageKey;
    private final String keyPrefix;
    private final String[] parameterNames;
    /** The interface declaring the task: tasks of the same name in two interfaces do not share entries. */
    private final String declaringType;
    /** The hash of the task's code, for {@link CachePolicy#TASK_SOURCE}; null without that policy. */
    private final String sourceHash;
    /** Per parameter, the label of its value in the inputs hash, made once rather than for every key. */
    private final StableHash.Label[] argumentLabels;
    /** The parts of every cache key that are the same for all runs of the task, hashed once. */
    private final StableHash.Prefix keyHash;
    private volatile ResultStore store;

    private ResultPolicy(Results results, ResultTask model, TaskOptions options, String taskName) {
        this.results = results;
        this.taskName = taskName;
        this.storeName = options.resultStore().orElse(results.defaultStoreName());
        results.checkStore(storeName, "task " + model.describe());
        try {
            this.serializer = results.serializer(options.serializer().orElse(results.defaultSerializerName()));
        } catch (InvalidDefinitionException e) {
            throw new InvalidDefinitionException("task " + model.describe() + ": " + e.getMessage(), e);
        }
        this.returnType = model.method().getGenericReturnType();
        this.inMemory = options.cacheResultInMemory();
        this.expiration = options.cacheExpiration().orElse(null);
        this.caches = options.caches();
        if (caches) {
            results.noteCachingDefined();
        }
        this.cachePolicy = options.cachePolicy();
        this.refresh = options.refreshCache() || results.refreshAll();
        this.keyFunction = options.cacheKeyFunction().orElse(null);
        this.version = options.version().orElse(null);
        this.parameterNames = model.parameterNames();
        this.argumentLabels = new StableHash.Label[parameterNames.length];
        for (int i = 0; i < parameterNames.length; i++) {
            argumentLabels[i] = StableHash.label("argument '" + parameterNames[i] + "'");
        }
        this.hashed = hashedParameters(model, options.cacheKeyExclude());
        this.storageKey = options.resultStorageKey().map(t -> new StorageKeyTemplate(t, model.parameterNames())).orElse(null);
        this.keyPrefix = StorageKeyTemplate.keySegment(taskName);
        this.declaringType = model.method().getDeclaringClass().getName();
        this.sourceHash = cachePolicy.contains(CachePolicy.TASK_SOURCE) ? sourceHash(model) : null;
        StableHash.Builder constant = StableHash.builder().add("task", taskName).add("declared by", declaringType);
        if (version != null) {
            constant.add("version", version);
        }
        this.keyHash = constant.prefix(keyPrefix + "/");
    }

    /**
     * The policy for a task with these options; null when its results are neither persisted nor cached.
     *
     * @throws InvalidDefinitionException for an unknown store or serializer, a storage key template
     *     that leaves the store, an excluded parameter that does not exist, or caching without persistence
     */
    public static ResultPolicy of(Results results, ResultTask model, TaskOptions options) {
        boolean persist = options.persistResult();
        if (!persist) {
            if (options.caches()) {
                throw new InvalidDefinitionException("task " + model.describe() + " has a cache policy but persistResult = false; "
                        + "cached results are persisted, so drop persistResult = false or the cache policy");
            }
            return null;
        }
        try {
            return new ResultPolicy(results, model, options, options.name().orElse(model.name()));
        } catch (InvalidDefinitionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidDefinitionException("task " + model.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String sourceHash(ResultTask model) {
        try {
            return model.sourceHash();
        } catch (RuntimeException e) {
            throw new InvalidDefinitionException("cache policy TASK_SOURCE of " + model.describe() + " cannot hash the code of "
                    + model.body().getDeclaringClass().getName() + " (" + e.getClass().getSimpleName() + "); implement the task "
                    + "in a named class, or use a version (@Task(version = ...)) instead of TASK_SOURCE", e);
        }
    }

    /** Per parameter of {@code model}, whether its argument is hashed: not when {@code excluded} names it. */
    static boolean[] hashedParameters(ResultTask model, Set<String> excluded) {
        boolean[] hashed = new boolean[model.parameterNames().length];
        java.util.Arrays.fill(hashed, true);
        for (String name : excluded) {
            try {
                hashed[Templates.parameterIndex(name, name, model.parameterNames())] = false;
            } catch (IllegalArgumentException e) {
                throw new InvalidDefinitionException("cacheKeyExclude of " + model.describe() + " names '" + name
                        + "', which is no parameter; parameters are " + java.util.List.of(model.parameterNames())
                        + " (compile with javac -parameters to use their names, or use 0, 1, ...)", e);
            }
        }
        return hashed;
    }

    public ResultStore store() {
        ResultStore s = store;
        if (s == null) {
            s = results.store(storeName);
            store = s;
        }
        return s;
    }

    public Results results() {
        return results;
    }

    /** Whether a run with a cache key recomputes and replaces the cached result. */
    public boolean refresh() {
        return refresh;
    }

    public boolean caches() {
        return caches;
    }

    /**
     * Whether making a run's keys needs its arguments' values themselves, not only their lineage:
     * a key function and a storage key template read them.
     */
    public boolean keysReadArgumentValues() {
        return keyFunction != null || storageKey != null;
    }

    /**
     * The cache key of a run, from its policies and key function; null when the key function
     * declines this run. Arguments that {@code lineages} knows, at any depth, count by their
     * lineage; the others by value.
     *
     * @throws IllegalArgumentException if an input cannot be hashed; the message names it and the fix
     */
    public String cacheKey(TaskRun run, Object[] args, Lineages lineages) {
        try (StableHash.Builder hash = keyHash.open()) {
            hash.lineages(lineages);
            if (cachePolicy.contains(CachePolicy.INPUTS)) {
                for (int i = 0; i < args.length; i++) {
                    if (hashed[i]) {
                        hash.add(argumentLabels[i], args[i]);
                    }
                }
            }
            if (cachePolicy.contains(CachePolicy.TASK_SOURCE)) {
                hash.add(SOURCE, sourceHash);
            }
            if (cachePolicy.contains(CachePolicy.RUN_ID)) {
                hash.add(RUN, run.flowRun().map(f -> f.id()).orElse(run.id()));
            }
            if (cachePolicy.contains(CachePolicy.FLOW_PARAMETERS)) {
                Map<String, Object> parameters = run.flowRun().map(f -> f.parameters()).orElse(Map.of());
                hash.add(FLOW_PARAMETERS, new TreeMap<>(parameters));
            }
            if (keyFunction != null) {
                Map<String, Object> named = new LinkedHashMap<>();
                for (int i = 0; i < args.length; i++) {
                    named.put(parameterNames[i], args[i]);
                }
                String custom = keyFunction.cacheKey(run, java.util.Collections.unmodifiableMap(named));
                if (custom == null) {
                    return null;
                }
                hash.add(KEY_FUNCTION, custom);
            }
            return hash.hex();
        }
    }

    /**
     * Where a run's result is stored: the rendered template if there is one, else the cache key,
     * else a key of its own.
     */
    public String storageKey(TaskRun run, Object[] args, String cacheKey) {
        if (storageKey != null) {
            return storageKey.render(run, args);
        }
        return cacheKey != null ? cacheKey : keyPrefix + "/runs/" + run.id();
    }
}
