package dev.rivulet.history;

import dev.rivulet.State;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many task runs of one task a flow run made, by state: every task run counts here, also those
 * that the record leaves out of its detailed {@link FlowRunRecord#taskRuns()}.
 *
 * @param taskName the task's name (its template, unfilled)
 * @param byState how many task runs ended in (or, while the flow runs, are in) each state; states
 *     with none are left out
 */
public record TaskRunCounts(String taskName, Map<State, Integer> byState) {

    /**
     * Checks the parts and copies the map.
     *
     * @throws NullPointerException if a part is null
     */
    public TaskRunCounts {
        Objects.requireNonNull(taskName, "taskName");
        byState = byState.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byState));
    }

    /** {@return how many task runs of the task there were, in any state} */
    public int total() {
        return byState.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * {@return how many task runs of the task are in {@code state}}
     *
     * @param state a state
     */
    public int count(State state) {
        return byState.getOrDefault(state, 0);
    }
}
