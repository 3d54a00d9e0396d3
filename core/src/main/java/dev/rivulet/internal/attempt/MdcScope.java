package dev.rivulet.internal.attempt;

import org.slf4j.MDC;

/**
 * Puts a run's ids in the SLF4J MDC for the length of a body, and puts back what was there. The
 * ids are kept in a thread-local of Rivulet's own too ({@link #currentFlowRunId()}), for code that
 * must know them under an SLF4J backend whose MDC keeps nothing (slf4j-simple's).
 */
public final class MdcScope {

    /** The MDC key of the flow run's id. */
    public static final String FLOW_RUN = "flowRun";
    /** The MDC key of the task run's id. */
    public static final String TASK_RUN = "taskRun";
    static final String TASK = "task";
    private static final ThreadLocal<MdcScope> CURRENT = new ThreadLocal<>();

    private final String flowRun;
    private final String taskRun;
    private final String task;
    private final String flowRunId;
    private final String taskRunId;
    private final MdcScope enclosing;

    private MdcScope(String flowRunId, String taskRunId) {
        this.flowRun = MDC.get(FLOW_RUN);
        this.taskRun = MDC.get(TASK_RUN);
        this.task = MDC.get(TASK);
        this.flowRunId = flowRunId;
        this.taskRunId = taskRunId;
        this.enclosing = CURRENT.get();
    }

    public static MdcScope open(String flowRunId, String taskRunId, String taskName) {
        MdcScope scope = new MdcScope(flowRunId, taskRunId);
        set(FLOW_RUN, flowRunId);
        set(TASK_RUN, taskRunId);
        set(TASK, taskName);
        CURRENT.set(scope);
        return scope;
    }

    public void close() {
        set(FLOW_RUN, flowRun);
        set(TASK_RUN, taskRun);
        set(TASK, task);
        if (enclosing == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(enclosing);
        }
    }

    /** {@return the id of the flow run whose body or task runs in this thread now; null if none} */
    public static String currentFlowRunId() {
        MdcScope scope = CURRENT.get();
        return scope == null ? null : scope.flowRunId;
    }

    /** {@return the id of the task run whose body runs in this thread now; null if none} */
    public static String currentTaskRunId() {
        MdcScope scope = CURRENT.get();
        return scope == null ? null : scope.taskRunId;
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
