package dev.rivulet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One run of a {@link Task}: a node of its flow run's {@link RunGraph}. */
public non-sealed interface TaskRun extends Run {

    /** The task's name (its template, unfilled, if it has placeholders). */
    String taskName();

    /** The flow run this task run belongs to, if it was made inside one. */
    Optional<FlowRun> flowRun();

    /** How many attempts have started: 1 plus the retries so far. */
    int attempts();

    /** When each attempt started, in order. */
    List<Instant> attemptStartTimes();

    /**
     * Why attempts failed, oldest first: one record per failed attempt, the last 10 at most. A run
     * that succeeded on a retry keeps those of the attempts before; one that failed for good ends
     * with its last attempt's. An attempt ends in failure when its body throws, it times out, it is
     * cancelled while running, or its result cannot be cached or stored. A run that failed without
     * an attempt (its upstream failed) has none. The records are text, not live exceptions, so they
     * keep none of the objects the exceptions referred to; {@link #error()} has the run's final
     * exception itself.
     */
    List<AttemptFailure> attemptFailures();

    /** The tags of the task and of the call. */
    Set<String> tags();
}
