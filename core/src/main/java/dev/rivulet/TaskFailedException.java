package dev.rivulet;

/**
 * Thrown by {@link TaskFuture#get()} when the task run failed, crashed or was cancelled. The cause
 * is what the run failed with.
 */
public class TaskFailedException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final transient TaskRun taskRun;

    /**
     * The failure of {@code taskRun}, with a message naming the run, its task and its state.
     *
     * @param taskRun the run that ended without a value
     * @param cause what it failed with; null if it was cancelled without an error
     */
    public TaskFailedException(TaskRun taskRun, Throwable cause) {
        super("task run '" + taskRun.name() + "' (task '" + taskRun.taskName() + "') ended "
                + taskRun.state() + (cause == null ? "" : ": " + cause), cause);
        this.taskRun = taskRun;
    }

    /** {@return the run that failed} */
    public TaskRun taskRun() {
        return taskRun;
    }
}
