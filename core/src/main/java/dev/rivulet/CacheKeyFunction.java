package dev.rivulet;

import java.util.Map;

/**
 * Computes a task run's cache key in code, alone or combined with {@link CachePolicy cache
 * policies}. Set it with {@link Task#cacheKeyFunction()} (a class with a no-argument constructor)
 * or {@link TaskOptions.Builder#cacheKeyFunction(CacheKeyFunction)}.
 *
 * {@snippet file="dev/rivulet/snippets/CacheKeyFunctionSnippetsTest.java" region="per-day"}
 */
@FunctionalInterface
public interface CacheKeyFunction {

    /**
     * The key for this run; any text. Return {@code null} to run without the cache this time:
     * nothing is looked up, and the result is stored as any persisted result is: under the task's
     * {@link Task#resultStorageKey() storage key template} if it has one, else under the run's own
     * key, {@code <task>/runs/<task run id>}.
     *
     * @return the cache key, or null to skip the cache for this run
     * @param run the task run about to start
     * @param arguments the run's arguments by parameter name, futures already replaced by their values
     */
    String cacheKey(TaskRun run, Map<String, Object> arguments);
}
