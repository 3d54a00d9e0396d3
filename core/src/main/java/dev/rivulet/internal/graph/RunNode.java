package dev.rivulet.internal.graph;

import dev.rivulet.TaskRun;
import java.util.concurrent.CompletableFuture;

/**
 * A task run as the graph sees it: what a dependent's arguments come from, and waits for.
 * Introspection finds these behind futures and among values by identity; the run engine
 * implements them.
 */
public interface RunNode extends TaskRun {

    /** Completes when the run has ended, however it ended. */
    CompletableFuture<? extends RunNode> completion();

    /** Waits for the run to end, however it ends; an interrupt does not end the wait (the flag is set again after). */
    void await();

    /** Whether the run's value was written to its store and dropped from memory. */
    boolean valueDropped();

    /** Notes that a dependent took this run's failure, so the flow does not fail for it. */
    void observeFailure();

    /**
     * What stands for the run's result in dependents' cache keys: its cache key, or for an uncached
     * run the hash of its task's code and its own inputs' lineage; null when it has none (it has not
     * ended with a value, its task opted out, or its inputs could not be hashed), and dependents
     * hash its result by value.
     */
    String lineage();
}
