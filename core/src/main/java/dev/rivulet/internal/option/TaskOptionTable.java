package dev.rivulet.internal.option;

import dev.rivulet.CacheKeyFunction;
import dev.rivulet.CachePolicy;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.Task;
import dev.rivulet.TaskHook;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskOptions.Builder;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The options of {@link TaskOptions}, each declared once: what it is while unset, how it is checked,
 * how it merges with a default, and which {@link Task} attribute it is read from. A new option is a
 * declaration here, its accessor and builder method on {@code TaskOptions}, and its attribute on
 * {@code @Task}; {@code OptionTablesTest} fails while one of them is missing.
 */
public final class TaskOptionTable {

    private TaskOptionTable() {}

    public static final OptionTable<Task, Builder> TABLE = new OptionTable<>("TaskOptions", Task.class);

    private static final Predicate<Throwable> EVERY_FAILURE = failure -> true;

    public static final Option<String> NAME = TABLE.text("name")
            .readFrom("name", Task::name, Builder::name).add();

    public static final Option<Integer> RETRIES = TABLE.count("retries")
            .readFrom("retries", Task::retries, Builder::retries).add();

    public static final Option<List<Duration>> RETRY_DELAYS = TABLE.delays("retryDelays", "retryDelay")
            .readFrom("retryDelay", Task::retryDelay, Builder::retryDelay).add();

    public static final Option<Double> RETRY_BACKOFF = TABLE.option("retryBackoff", 1.0)
            .checkedBy(factor -> Checks.finiteAtLeast(factor, 1, "retryBackoff"))
            .readFrom("retryBackoff", Task::retryBackoff, Builder::retryBackoff).add();

    public static final Option<Double> RETRY_JITTER_FACTOR = TABLE.option("retryJitterFactor", 0.0)
            .checkedBy(factor -> Checks.finiteAtLeast(factor, 0, "retryJitterFactor"))
            .readFrom("retryJitterFactor", Task::retryJitterFactor, Builder::retryJitterFactor).add();

    public static final Option<Predicate<Throwable>> RETRY_CONDITION = TABLE.option("retryCondition", EVERY_FAILURE)
            .readFrom("retryOn", Task::retryOn, Builder::retryOn).add();

    public static final Option<Duration> TIMEOUT = TABLE.positiveDuration("timeout")
            .readFrom("timeout", Task::timeout, Builder::timeout).add();

    public static final Option<Set<String>> TAGS = TABLE.option("tags", Set.<String>of())
            .checkedBy(tags -> Collected.orderedSet(tags, "tags")).mergedBy(Collected::union)
            .readFrom("tags", Task::tags, Builder::tags).add();

    public static final Option<List<TaskHook>> ON_COMPLETION = hooks("onCompletion", Task::onCompletion, Builder::onCompletion);

    public static final Option<List<TaskHook>> ON_FAILURE = hooks("onFailure", Task::onFailure, Builder::onFailure);

    public static final Option<Set<CachePolicy>> CACHE_POLICY = TABLE.option("cachePolicy", Set.<CachePolicy>of())
            .checkedBy(TaskOptionTable::cachePolicy)
            .readFrom("cachePolicy", Task::cachePolicy, Builder::cachePolicy).add();

    public static final Option<Duration> CACHE_EXPIRATION = TABLE.positiveDuration("cacheExpiration")
            .readFrom("cacheExpiration", Task::cacheExpiration, Builder::cacheExpiration).add();

    public static final Option<Boolean> REFRESH_CACHE = TABLE.option("refreshCache", false)
            .readFrom("refreshCache", Task::refreshCache, Builder::refreshCache).add();

    public static final Option<CacheKeyFunction> CACHE_KEY_FUNCTION = TABLE.<CacheKeyFunction>option("cacheKeyFunction", null)
            .readFrom("cacheKeyFunction", Task::cacheKeyFunction,
                    (b, function) -> b.cacheKeyFunction(Instances.make(function, "cacheKeyFunction"))).add();

    public static final Option<Set<String>> CACHE_KEY_EXCLUDE = TABLE.option("cacheKeyExclude", Set.<String>of())
            .checkedBy(parameters -> {
                parameters.forEach(parameter -> Checks.notBlank(parameter, "cacheKeyExclude"));
                return Collected.orderedSet(parameters, "cacheKeyExclude");
            })
            .readFrom("cacheKeyExclude", Task::cacheKeyExclude, Builder::cacheKeyExclude).add();

    public static final Option<String> VERSION = TABLE.text("version")
            .readFrom("version", Task::version, Builder::version).add();

    /** Unset, it follows from caching and {@link #CACHE_RESULT_IN_MEMORY}: see {@link TaskOptions#persistResult()}. */
    public static final Option<Boolean> PERSIST_RESULT = TABLE.<Boolean>option("persistResult", null)
            .readFrom("persistResult", Task::persistResult, Builder::persistResult).add();

    public static final Option<String> RESULT_STORE = TABLE.text("resultStore")
            .readFrom("resultStore", Task::resultStore, Builder::resultStore).add();

    public static final Option<String> SERIALIZER = TABLE.text("serializer")
            .readFrom("serializer", Task::serializer, Builder::serializer).add();

    public static final Option<String> RESULT_STORAGE_KEY = TABLE.<String>option("resultStorageKey", null)
            .checkedBy(Checks::storageKeyTemplate)
            .readFrom("resultStorageKey", Task::resultStorageKey, Builder::resultStorageKey).add();

    public static final Option<Boolean> CACHE_RESULT_IN_MEMORY = TABLE.option("cacheResultInMemory", true)
            .readFrom("cacheResultInMemory", Task::cacheResultInMemory, Builder::cacheResultInMemory).add();

    public static final Option<Boolean> LINEAGE = TABLE.option("lineage", true)
            .readFrom("lineage", Task::lineage, Builder::lineage).add();

    /**
     * Options of other modules' task types ({@link dev.rivulet.extension.TaskType}), one object per
     * class; set in code only, as {@code @Task} cannot know them. A call's object replaces the
     * default's of the same class.
     */
    public static final Option<Map<Class<?>, Object>> EXTENSIONS = TABLE.option("extensions", Map.<Class<?>, Object>of())
            .checkedBy(Map::copyOf)
            .mergedBy((these, defaults) -> {
                Map<Class<?>, Object> merged = new LinkedHashMap<>(defaults);
                merged.putAll(these);
                return Map.copyOf(merged);
            }).add();

    /** The options a {@code @Task} declares; checked as the builder checks them. */
    public static TaskOptions read(Task task) {
        return TABLE.read(task, TaskOptions.newBuilder()).build();
    }

    /** Hooks, made of the classes the attribute of the same name gives; they add up with a default's. */
    private static Option<List<TaskHook>> hooks(String name, Function<Task, Class<? extends TaskHook>[]> classes,
                                                BiConsumer<Builder, TaskHook> add) {
        return TABLE.option(name, List.<TaskHook>of())
                .checkedBy(List::copyOf).mergedBy(Collected::concatenation)
                .readFrom(name, classes, (b, hooks) -> {
                    for (Class<? extends TaskHook> hook : hooks) {
                        add.accept(b, Instances.make(hook, name));
                    }
                }).add();
    }

    private static Set<CachePolicy> cachePolicy(Set<CachePolicy> policies) {
        if (policies.isEmpty()) {
            return Set.of();
        }
        Set<CachePolicy> set = EnumSet.copyOf(policies);
        if (set.contains(CachePolicy.NONE) && set.size() > 1) {
            throw new InvalidDefinitionException("cachePolicy NONE cannot be combined with other policies, was " + set);
        }
        return Collections.unmodifiableSet(set);
    }
}
