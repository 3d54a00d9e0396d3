package dev.rivulet.internal.run;

import dev.rivulet.TaskFuture;
import dev.rivulet.internal.graph.FutureHandle;

/** Callbacks on a future's end that, unlike {@link TaskFuture#toCompletableFuture()}, do not count as looking at its failure. */
public final class Completion {

    private Completion() {}

    /** Calls {@code action} once {@code future}'s run has ended, however it ended. */
    public static void whenDone(TaskFuture<?> future, Runnable action) {
        if (future instanceof FutureHandle handle) {
            handle.source().completion().whenComplete((r, e) -> action.run());
        } else {
            future.toCompletableFuture().whenComplete((r, e) -> action.run());
        }
    }
}
