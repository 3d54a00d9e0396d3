package dev.rivulet;

import java.time.Instant;
import java.util.Optional;

/**
 * What task runs and flow runs have in common: an id, a name, a state and times. A run that is
 * going on is a live view: read during the run, it shows its current state. A finished top-level
 * flow run that {@link Rivulet#recentFlowRuns()} keeps while the run history is on, and the task
 * runs and subflows read from it, are read from the run's record instead: equal by id, their
 * {@link #error()} a {@link dev.rivulet.history.RecordedError}.
 */
public sealed interface Run permits TaskRun, FlowRun {

    /** {@return a unique id, stable for the life of the run} */
    String id();

    /** {@return the run's name: the task or flow name with its placeholders filled in, or with a counter} */
    String name();

    /** {@return the current state} */
    State state();

    /**
     * {@return when the run was made: for a task run, when it was called or submitted (a submitted
     * run then waits for its upstreams and a runner thread until {@link #startTime()}); for a flow
     * run, when it was called}
     */
    Instant created();

    /** {@return when the first attempt started, if it has} */
    Optional<Instant> startTime();

    /** {@return when the run reached its final state, if it has} */
    Optional<Instant> endTime();

    /** {@return why the run failed, crashed or was cancelled, if it did} */
    Optional<Throwable> error();
}
