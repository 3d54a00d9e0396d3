package dev.rivulet;

/**
 * Thrown by {@link TaskFuture#get()} when the task run failed, crashed or was cancelled. The cause
 * is what the run failed with.
 */
public class TaskFailedException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final transient TaskRun taskRun;

    public TaskFailedException(TaskRun taskRun, Throwable cause) {
        super("task run '" + taskRun.name() + "' (task '" + taskRun.taskName() + "') ended "
                + taskRun.state() + (cause == null ? "" : ": " + cause), cause);
        this.taskRun = taskRun;
    }

    /** The run that failed. */
    public TaskRun taskRun() {
        return taskRun;
    }
}
