package dev.rivulet.internal.history;

import dev.rivulet.State;
import dev.rivulet.history.TaskRunCounts;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many task runs of one task a recorded flow run made, and how many ended in each state,
 * counted by the flow run as they are made and end (under its lock), so that its record need not
 * visit every task run: a fan-out of 100,000 no-op tasks would spend more on that visit than on
 * the tasks.
 */
public final class TaskRunTally {

    private static final State[] STATES = State.values();

    private final String taskName;
    private int made;
    private final int[] ended = new int[STATES.length];

    public TaskRunTally(String taskName) {
        this.taskName = taskName;
    }

    public String taskName() {
        return taskName;
    }

    public void made() {
        made++;
    }

    public void ended(State state) {
        ended[state.ordinal()]++;
    }

    /** The counts as they are now; the caller holds the lock the counting happens under. */
    public TaskRunCounts counts() {
        Map<State, Integer> byState = new EnumMap<>(State.class);
        int endedRuns = 0;
        for (State state : STATES) {
            if (ended[state.ordinal()] > 0) {
                byState.put(state, ended[state.ordinal()]);
                endedRuns += ended[state.ordinal()];
            }
        }
        return new TaskRunCounts(taskName, byState, made - endedRuns);
    }
}
