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

    /** The tags of the task and of the call. */
    Set<String> tags();
}
