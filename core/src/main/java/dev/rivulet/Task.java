package dev.rivulet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface method as a task: every call through a {@link Rivulet#stub stub} becomes a
 * task run with a state, retries, a timeout and a place in its flow run's dependency graph.
 *
 * <p>Tasks are methods of an interface. A {@code default} method carries its own body; an abstract
 * method is carried out by the implementation given to {@link Rivulet#stub(Class, Object)}. Calling
 * a task directly runs it in the calling thread and returns its value; {@linkplain Tasks
 * submitting} it returns a {@link TaskFuture} and runs it on the flow's {@link
 * dev.rivulet.runner.TaskRunner task runner}.
 *
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="task"}
 *
 * <p>Every attribute has a twin on {@link TaskOptions}, and {@link Tasks#with(TaskOptions)}
 * overrides them for one call. Durations are ISO-8601 ({@code "PT30S"}) or short ({@code "30s"},
 * {@code "500ms"}, {@code "1h"}, {@code "2d"}). Mistakes (negative retries, a malformed duration, a
 * task on a static or private method) are reported when the stub is made, naming the method, the
 * attribute and the value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {

    /**
     * The task's name; the method's name when empty. It may hold placeholders for the method's
     * parameters, {@code "extract-{file}"}, which each run fills in to make its run name; without
     * placeholders a run is named {@code <name>-<n>}. Parameter names need {@code javac
     * -parameters}; {@code {0}}, {@code {1}} ... always work.
     *
     * @return the name or name template; empty for the method's name
     */
    String name() default "";

    /**
     * How many times a failed run is tried again; 0 by default.
     *
     * @return the number of retries, at least 0
     */
    int retries() default 0;

    /**
     * The delays before each retry. One value is used for every retry; a list gives the delay of
     * each retry in turn, its last value repeating. Zero by default.
     *
     * @return the retry delays as duration text; empty for no delay
     */
    String[] retryDelay() default {};

    /**
     * Multiplies the delay after every retry: {@code 2.0} with {@code retryDelay = "1s"} waits 1 s,
     * 2 s, 4 s. At least 1; 1 by default (no growth).
     *
     * @return the factor the delay grows by after each retry
     */
    double retryBackoff() default 1.0;

    /**
     * Adds a random extra of up to this fraction of each delay, so that many failed runs do not
     * retry at once. At least 0; 0 by default.
     *
     * @return the largest random extra, as a fraction of the delay
     */
    double retryJitterFactor() default 0.0;

    /**
     * Retry only on these exceptions (or their subclasses); every exception when empty. For a
     * condition in code use {@link TaskOptions.Builder#retryCondition}.
     *
     * @return the exception types that are retried; empty for all
     */
    Class<? extends Throwable>[] retryOn() default {};

    /**
     * How long one attempt may run before its thread is interrupted and the attempt fails with a
     * {@link TaskTimeoutException}; no limit when empty.
     *
     * @return the limit on one attempt as duration text; empty for none
     */
    String timeout() default "";

    /**
     * Free-form labels recorded on every run.
     *
     * @return the labels of every run
     */
    String[] tags() default {};

    /**
     * Hooks called after a run completes; each class needs a no-argument constructor.
     *
     * @return the hook classes called when a run completes
     */
    Class<? extends TaskHook>[] onCompletion() default {};

    /**
     * Hooks called after a run fails for good; each class needs a no-argument constructor.
     *
     * @return the hook classes called when a run fails for good
     */
    Class<? extends TaskHook>[] onFailure() default {};

    /**
     * What the run's cache key is made of; no caching when empty. A run whose key has a stored,
     * unexpired result does not run its body: it ends {@link State#CACHED} with that result.
     * Caching persists results (to {@link #resultStore()}); concurrent runs with the same key compute
     * once, also across JVMs sharing a local store. A failed run never writes a result.
     *
     * @return what the cache key is made of; empty for no caching
     */
    CachePolicy[] cachePolicy() default {};

    /**
     * How long a cached result stays valid, {@code "1h"}; forever when empty.
     *
     * @return how long a cached result is valid, as duration text; empty for ever
     */
    String cacheExpiration() default "";

    /**
     * Run the body even when the cache holds a result, and replace that result; also turned on
     * for every task by {@link Rivulet.Builder#refreshCache(boolean)}.
     *
     * @return whether to recompute and replace a cached result
     */
    boolean refreshCache() default false;

    /**
     * A class computing the cache key in code (needs a no-argument constructor); combined with
     * {@link #cachePolicy()}, or the whole key when no policy is given.
     *
     * @return the class computing the key in code; {@code CacheKeyFunction.class} for none
     */
    Class<? extends CacheKeyFunction> cacheKeyFunction() default CacheKeyFunction.class;

    /**
     * Parameters left out of the {@link CachePolicy#INPUTS INPUTS} hash, by name ({@code javac -parameters}) or index.
     *
     * @return the names or indexes of the parameters left out of the inputs hash
     */
    String[] cacheKeyExclude() default {};

    /**
     * The task's version, part of every cache key: change it to invalidate cached results.
     *
     * @return the task's version; empty for none
     */
    String version() default "";

    /**
     * Write each result to {@link #resultStore()}; on whenever a {@link #cachePolicy()} is set, and
     * when the enclosing flow says so ({@link Flow#persistResult()}).
     *
     * @return whether each result is written to the result store
     */
    boolean persistResult() default false;

    /**
     * The name of the store results are written to, as registered on {@link
     * Rivulet.Builder#resultStore(String, dev.rivulet.result.ResultStore)}; built in are {@code
     * local} (a directory, the default) and {@code memory}.
     *
     * @return the name of the result store; empty for the flow's or the Rivulet's default
     */
    String resultStore() default "";

    /**
     * The name of the serializer that writes results: {@code json} (the default), {@code java},
     * {@code compressed/json} and others; see {@link dev.rivulet.result.Serializers}.
     *
     * @return the name of the serializer; empty for the flow's or the Rivulet's default
     */
    String serializer() default "";

    /**
     * Where the result is stored, as a template over {@code {task}}, {@code {flow}} (names, with
     * characters a key cannot hold replaced by {@code _}), {@code {flowRun}}, {@code {taskRun}} (run
     * ids) and the method's parameters ({@code {day}}, {@code {0}}): {@code
     * "trips/{day}/summary.json"}. For a cached task the entry there is a hit only for the cache key
     * it was computed for; another key recomputes and replaces it. A template that leaves the
     * store's root ({@code ..}, a leading {@code /}) is rejected when the stub is made; a parameter
     * value that makes the key leave it fails the run with a {@link ResultKeyException}. By default
     * results of cached runs are stored under {@code <task>/<cache key hash>}, others under {@code
     * <task>/runs/<task run id>}.
     *
     * @return the storage key template; empty for the default key
     */
    String resultStorageKey() default "";

    /**
     * Keep the result in memory for the future and the in-memory cache; {@code false} writes it to
     * the store and drops it, and each dependent loads it when it runs, so a flow's results can be
     * far larger than the heap. Setting {@code false} turns {@link #persistResult()} on.
     *
     * @return whether results stay in memory; {@code false} to keep only the stored copy
     */
    boolean cacheResultInMemory() default true;

    /**
     * Whether dependents' cache keys take this task's results by their lineage: a result passed to
     * a cached task, as a future, by value or quoted, is keyed by how it was made (this run's cache
     * key, or for an uncached task its code and its own inputs' lineage) instead of by hashing the
     * value, which is then never loaded for a dependent that finds its own result cached. Set
     * {@code false} for a task whose result can differ for the same inputs and code (a download of
     * whatever is new, a clock, a random sample), or one whose value is all that matters: its
     * results are then hashed by value, as for a value built in the flow. See docs/caching.md.
     *
     * @return {@code false} to have dependents hash this task's results by value
     */
    boolean lineage() default true;
}
