package dev.rivulet.extension;

/**
 * What an attempt of a task of a {@link TaskType} runs, in place of the method's own body, which
 * it may call through {@link TaskInvocation#proceed()}. It runs where a task body runs (on the task
 * runner, within the run's retries and timeout), after the cache was consulted and before a result
 * is persisted.
 */
@FunctionalInterface
public interface TaskBody {

    /**
     * Runs one attempt.
     *
     * @param invocation the run's arguments, options and context
     * @return the task's result, of the method's return type
     * @throws Throwable a failure of the attempt, retried as the task's options say
     */
    Object call(TaskInvocation invocation) throws Throwable;
}
