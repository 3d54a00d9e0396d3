package dev.rivulet.internal.attempt;

import org.slf4j.MDC;

/** Puts a run's ids in the SLF4J MDC for the length of a body, and puts back what was there. */
public final class MdcScope {

    /** The MDC key of the flow run's id. */
    public static final String FLOW_RUN = "flowRun";
    /** The MDC key of the task run's id. */
    public static final String TASK_RUN = "taskRun";
    static final String TASK = "task";

    private final String flowRun;
    private final String taskRun;
    private final String task;

    private MdcScope() {
        this.flowRun = MDC.get(FLOW_RUN);
        this.taskRun = MDC.get(TASK_RUN);
        this.task = MDC.get(TASK);
    }

    public static MdcScope open(String flowRunId, String taskRunId, String taskName) {
        MdcScope scope = new MdcScope();
        set(FLOW_RUN, flowRunId);
        set(TASK_RUN, taskRunId);
        set(TASK, taskName);
        return scope;
    }

    public void close() {
        set(FLOW_RUN, flowRun);
        set(TASK_RUN, taskRun);
        set(TASK, task);
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
