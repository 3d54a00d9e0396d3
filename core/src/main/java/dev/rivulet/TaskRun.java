package dev.rivulet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One run of a {@link Task}: a node of its flow run's {@link RunGraph}. */
public non-sealed interface TaskRun extends Run {

    /** {@return the task's name (its template, unfilled, if it has placeholders)} */
    String taskName();

    /** {@return the flow run this task run belongs to, if it was made inside one} */
    Optional<FlowRun> flowRun();

    /** {@return how many attempts have started: 1 plus the retries so far} */
    int attempts();

    /** {@return when each attempt started, in order} */
    List<Instant> attemptStartTimes();

    /**
     * Why attempts failed, oldest first: one record per failed attempt, the last 10 at most. A run
     * that succeeded on a retry keeps those of the attempts before; one that failed for good ends
     * with its last attempt's. An attempt ends in failure when its body throws, it times out, it is
     * cancelled while running, or its result cannot be cached or stored. A run that failed without
     * an attempt (its upstream failed) has none. The records are text, not live exceptions, so they
     * keep none of the objects the exceptions referred to; {@link #error()} has the run's final
     * exception itself.
     *
     * @return the failures, oldest first; empty if no attempt failed
     */
    List<AttemptFailure> attemptFailures();

    /** {@return the tags of the task and of the call} */
    Set<String> tags();
}
