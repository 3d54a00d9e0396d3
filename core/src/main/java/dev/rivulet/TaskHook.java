package dev.rivulet;

/**
 * Called when a task run reaches a final state: on {@link Task#onCompletion() completion} or on
 * {@link Task#onFailure() failure}. Hooks run in the task's thread after the state is set and before
 * the run's future completes, so a caller of {@link TaskFuture#get()} sees their effects. An
 * exception thrown by a hook is logged and does not change the run's state.
 */
@FunctionalInterface
public interface TaskHook {

    /**
     * Reacts to a run that has ended.
     *
     * @param run the task run, already in its final state
     * @param result the value on completion, {@code null} on failure
     */
    void onFinal(TaskRun run, Object result);
}
