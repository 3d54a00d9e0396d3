package dev.rivulet.internal.cache;

/**
 * Which values of a hash are results of task runs, and the lineage that stands for each of them:
 * {@link StableHash} writes that lineage in place of the value's content, at any depth of an
 * argument. Implemented by the run engine, which knows the results of a flow run by identity.
 */
@FunctionalInterface
public interface Lineages {

    /** Knows no result: every value is hashed by its content. */
    Lineages NONE = value -> null;

    /**
     * The lineage of the task run whose result {@code value} is, or null if it is no such result,
     * or its run has no lineage (it opted out, or its own inputs could not be hashed).
     */
    String lineageOf(Object value);
}
