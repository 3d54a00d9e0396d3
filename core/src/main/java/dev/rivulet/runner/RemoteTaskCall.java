package dev.rivulet.runner;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt's task call as a remote runner sends it: the run it belongs to, in fields a runner
 * may use for routing and logs, and the whole call encoded for a {@link TaskCallReceiver}: the
 * interface and method, the arguments (written with the task's serializer, or, for a value its
 * upstream run left in a result store the receiver can read, a reference to it), the timeout and
 * the ids.
 */
public final class RemoteTaskCall {

    private final String taskName;
    private final String taskRunName;
    private final String taskRunId;
    private final String flowRunId;
    private final int attempt;
    private final Duration timeout;
    private final byte[] encoded;

    /**
     * A call; the runtime makes these.
     *
     * @param taskName the task's name
     * @param taskRunName the run's name
     * @param taskRunId the run's id
     * @param flowRunId the id of the flow run the task run belongs to; null outside a flow
     * @param attempt the attempt's number, from 1
     * @param timeout the attempt's time limit; null for none
     * @param encoded the call, for {@link TaskCallReceiver#receive}
     */
    public RemoteTaskCall(String taskName, String taskRunName, String taskRunId, String flowRunId, int attempt, Duration timeout,
                          byte[] encoded) {
        this.taskName = Objects.requireNonNull(taskName, "taskName");
        this.taskRunName = Objects.requireNonNull(taskRunName, "taskRunName");
        this.taskRunId = Objects.requireNonNull(taskRunId, "taskRunId");
        this.flowRunId = flowRunId;
        this.attempt = attempt;
        this.timeout = timeout;
        this.encoded = Objects.requireNonNull(encoded, "encoded");
    }

    /** {@return the task's name} */
    public String taskName() {
        return taskName;
    }

    /** {@return the task run's name} */
    public String taskRunName() {
        return taskRunName;
    }

    /** {@return the task run's id} */
    public String taskRunId() {
        return taskRunId;
    }

    /** {@return the id of the flow run of the task run; empty outside a flow} */
    public Optional<String> flowRunId() {
        return Optional.ofNullable(flowRunId);
    }

    /** {@return the attempt's number, from 1} */
    public int attempt() {
        return attempt;
    }

    /** {@return the attempt's time limit; empty for none} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * {@return what identifies this attempt of this run among all calls: the run's id and the
     * attempt's number; a runner that may carry out a call twice keeps the first outcome under it}
     */
    public String attemptKey() {
        return taskRunId + "#" + attempt;
    }

    /** {@return the call encoded for a receiver; the array itself, not a copy: not to be changed} */
    public byte[] encoded() {
        return encoded;
    }

    @Override
    public String toString() {
        return "RemoteTaskCall[" + taskRunName + ", attempt " + attempt + ", " + encoded.length + " bytes]";
    }
}
