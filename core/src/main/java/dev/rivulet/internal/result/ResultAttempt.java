package dev.rivulet.internal.result;

import dev.rivulet.ResultKeyException;
import dev.rivulet.TaskRun;
import dev.rivulet.history.ResultLocation;
import dev.rivulet.internal.cache.Lineages;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result side of one attempt of a task run: finds a cached result, or holds the key's lock
 * while the body computes one and writes it, so that concurrent runs with the same key compute once.
 */
public final class ResultAttempt {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.Results");

    private final ResultPolicy policy;
    private final TaskRun run;
    /** Whether the run's future or caller keeps the value; if not, only a stand-in is kept. */
    private final boolean keepValue;
    /** Whether a hit is read at once; if not, its future holds a stand-in until something needs the value. */
    private final boolean readHitAtOnce;
    private String key;
    private String cacheKey;
    private ResultStore.KeyLock lock;
    private boolean hit;
    private Object cachedValue;
    private PersistedValue persisted;
    /** Whether a result is in the store under {@link #key}: found there, or written. */
    private boolean stored;

    /**
     * @param directCall whether the caller receives the value, rather than a future
     * @param hitValueWanted whether something takes a hit's value as soon as the run ends (its
     *     completion hooks), so that it is read at once
     */
    public ResultAttempt(ResultPolicy policy, TaskRun run, boolean directCall, boolean hitValueWanted) {
        this.policy = policy;
        this.run = run;
        this.keepValue = directCall || policy.inMemory;
        this.readHitAtOnce = directCall || policy.inMemory && hitValueWanted;
    }

    /**
     * Looks the run's key up in the cache; on a miss takes the key's lock, looks again (another run
     * may have just written it), and leaves the lock held for the body and {@link #write}.
     *
     * @param lineages the upstream results among {@code args}, keyed by their lineage
     * @return whether a cached result was found; then {@link #cachedValue()} holds it
     * @throws ResultKeyException if the key cannot be made
     */
    public boolean findCached(Object[] args, Lineages lineages) throws IOException, InterruptedException {
        String making = "cache";
        try {
            if (policy.caches()) {
                cacheKey = policy.cacheKey(run, args, lineages);
            }
            making = "storage";
            key = policy.storageKey(run, args, cacheKey);
        } catch (RuntimeException e) {
            throw new ResultKeyException("cannot make the " + making + " key of task run '" + run.name() + "': " + e.getMessage(), e);
        }
        if (cacheKey == null) {
            return false;
        }
        if (!policy.refresh() && found()) {
            return true;
        }
        lock = policy.results().lock(policy, key);
        return !policy.refresh() && found();
    }

    private boolean found() {
        Object value = policy.results().lookup(policy, key, cacheKey, readHitAtOnce);
        if (value == Results.MISS) {
            return false;
        }
        accept(value);
        LOG.debug("Task run '{}' found its result in the cache under key {}", run.name(), key);
        return true;
    }

    /**
     * Takes the result that a run of a resumed flow run left at {@code previous}, as a cache hit,
     * for a run of a task without a cache policy: a cached task finds its results by its key.
     * A result that is gone or cannot be used is logged, and the run computes its own; so does a
     * run told to refresh ({@code refreshCache}), which takes no stored result.
     *
     * @param previous where the matching run of the resumed flow run left its result; null if none did
     * @param resumedRunId the id of the resumed flow run, for the log
     * @return whether the result was taken; then {@link #hit()} is true and the result is at {@link #location()}
     */
    public boolean reuse(ResultLocation previous, String resumedRunId) {
        if (previous == null || policy.caches() || policy.refresh()) {
            return false;
        }
        if (!previous.store().equals(policy.storeName)) {
            LOG.info("Task run '{}' runs again: flow run {} left its result in store '{}', and the task now persists to '{}'",
                    run.name(), resumedRunId, previous.store(), policy.storeName);
            return false;
        }
        Object value = policy.results().lookup(policy, previous.key(), null, readHitAtOnce);
        if (value == Results.MISS) {
            LOG.info("Task run '{}' runs again: the result flow run {} left under key {} in store '{}' is gone or cannot be used",
                    run.name(), resumedRunId, previous.key(), previous.store());
            return false;
        }
        key = previous.key();
        accept(value);
        LOG.debug("Task run '{}' takes the result flow run {} left under key {}", run.name(), resumedRunId, key);
        return true;
    }

    private void accept(Object value) {
        hit = true;
        stored = true;
        if (value instanceof PersistedValue stored) {
            persisted = stored;
        } else {
            cachedValue = value;
        }
    }

    /** Writes a computed value under the run's key. */
    public void write(Object value) throws IOException {
        ResultRecord record = policy.results().write(policy, run.name(), key, cacheKey, value);
        stored = true;
        if (!keepValue) {
            persisted = new PersistedValue(policy.results(), policy.storeName, record, policy.returnType, false);
        }
    }

    /** Releases the key's lock, if held. */
    public void release() {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Releasing the lock on key {} of task run '{}' failed", key, run.name(), e);
        }
        lock = null;
    }

    /** Whether making the run's keys reads its arguments' values, not only their lineage; see {@link ResultPolicy#keysReadArgumentValues()}. */
    public boolean keysReadArgumentValues() {
        return policy.keysReadArgumentValues();
    }

    /** Where the result was found or written; null if neither happened. */
    public ResultLocation location() {
        return stored ? new ResultLocation(policy.storeName, key) : null;
    }

    public boolean hit() {
        return hit;
    }

    /** The run's cache key, once {@link #findCached} made it; null for a run that is not cached. */
    public String cacheKey() {
        return cacheKey;
    }

    /** A cache hit's value, when the run keeps values in memory. */
    public Object cachedValue() {
        return cachedValue;
    }

    /** The stand-in a future holds instead of the value, when the value is not kept in memory; else null. */
    public PersistedValue persisted() {
        return persisted;
    }
}
