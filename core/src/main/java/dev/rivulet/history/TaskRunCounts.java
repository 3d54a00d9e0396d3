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
 * @param byState how many task runs ended in each state; states with none are left out
 * @param unfinished how many task runs had not ended when the record was written
 */
public record TaskRunCounts(String taskName, Map<State, Integer> byState, int unfinished) {

    /**
     * Checks the parts and copies the map.
     *
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if {@code unfinished} is negative
     */
    public TaskRunCounts {
        Objects.requireNonNull(taskName, "taskName");
        if (unfinished < 0) {
            throw new IllegalArgumentException("unfinished must not be negative, was " + unfinished);
        }
        byState = byState.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byState));
    }

    /** {@return how many task runs of the task there were, ended or not} */
    public int total() {
        return byState.values().stream().mapToInt(Integer::intValue).sum() + unfinished;
    }

    /**
     * {@return how many task runs of the task ended in {@code state}}
     *
     * @param state a final state
     */
    public int count(State state) {
        return byState.getOrDefault(state, 0);
    }
}
