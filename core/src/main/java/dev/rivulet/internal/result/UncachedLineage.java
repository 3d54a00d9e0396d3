package dev.rivulet.internal.result;

import dev.rivulet.TaskOptions;
import dev.rivulet.internal.cache.Lineages;
import dev.rivulet.internal.cache.StableHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lineage of a run that has no cache key: a hash of its task (name, declaring interface,
 * version), the code it runs, and its arguments but those its {@code cacheKeyExclude} names (a
 * client, a flag that says how to run), those that came from upstream runs by their lineage and
 * the others by value. Two runs with the same lineage ran the same code on the same
 * inputs, so a deterministic task gave them the same result.
 */
public final class UncachedLineage {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.Results");
    private static final StableHash.Label CODE = StableHash.label("code");

    private UncachedLineage() {}

    /**
     * The lineage of a run of {@code task} with {@code options} and these arguments, or null when it
     * has none: an argument it does not exclude cannot be hashed (a client, an open table that no upstream run
     * returned), or the task's code has no class file to hash.
     */
    public static String of(ResultTask task, TaskOptions options, Object[] args, Lineages lineages) {
        String[] names = task.parameterNames();
        try {
            StableHash.Builder hash = StableHash.builder()
                    .add("task", options.name().orElse(task.name()))
                    .add("declared by", task.method().getDeclaringClass().getName());
            options.version().ifPresent(version -> hash.add("version", version));
            hash.add(CODE, task.sourceHash()).lineages(lineages);
            boolean[] hashed = options.cacheKeyExclude().isEmpty() ? null : ResultPolicy.hashedParameters(task, options.cacheKeyExclude());
            for (int i = 0; i < args.length; i++) {
                if (hashed == null || hashed[i]) {
                    hash.add("argument '" + names[i] + "'", args[i]);
                }
            }
            return "lineage/" + hash.hex();
        } catch (RuntimeException e) {
            // an UnhashableInputException, a container changed while hashed, or code without a class file
            LOG.debug("A run of task {} has no lineage, so dependents hash its result by value: {}", task.describe(), e.toString());
            return null;
        }
    }
}
