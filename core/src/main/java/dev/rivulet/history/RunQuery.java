package dev.rivulet.history;

import dev.rivulet.State;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which flow runs {@link RunHistory#list} returns: every condition given must hold. Start from
 * {@link #all()} and narrow it:
 *
 * {@snippet file="dev/rivulet/snippets/RunHistorySnippetsTest.java" region="list"}
 *
 * @param flowName only runs of the flow of this name ({@link FlowRunRecord#flowName()}); null for any
 * @param states only runs in one of these states, as read ({@link State#CRASHED} for a run whose
 *     process died); empty for any
 * @param createdFrom only runs made at this instant or later; null for no bound
 * @param createdBefore only runs made before this instant; null for no bound
 * @param limit at most this many runs, the newest
 */
public record RunQuery(String flowName, Set<State> states, Instant createdFrom, Instant createdBefore, int limit) {

    /**
     * Checks the parts and copies the states.
     *
     * @throws IllegalArgumentException if {@code limit} is below 1, or the time range ends before it begins
     * @throws NullPointerException if {@code states} is null
     */
    public RunQuery {
        states = Set.copyOf(states);
        if (limit < 1) {
            throw new IllegalArgumentException("a run query's limit must be at least 1, was " + limit);
        }
        if (createdFrom != null && createdBefore != null && createdBefore.isBefore(createdFrom)) {
            throw new IllegalArgumentException("a run query's range ends (" + createdBefore + ") before it begins (" + createdFrom + ")");
        }
    }

    /** {@return a query for every run, up to {@link Integer#MAX_VALUE}} */
    public static RunQuery all() {
        return new RunQuery(null, Set.of(), null, null, Integer.MAX_VALUE);
    }

    /**
     * {@return this query, narrowed to runs of one flow}
     *
     * @param name the flow's name, its template unfilled, as in {@link FlowRunRecord#flowName()}
     */
    public RunQuery flowName(String name) {
        return new RunQuery(Objects.requireNonNull(name, "name"), states, createdFrom, createdBefore, limit);
    }

    /**
     * {@return this query, narrowed to runs in one of {@code anyOf}}
     *
     * @param anyOf the states, at least one
     * @throws IllegalArgumentException if none is given
     */
    public RunQuery states(State... anyOf) {
        if (anyOf.length == 0) {
            throw new IllegalArgumentException("give at least one state; RunQuery.all() has no condition on states");
        }
        return new RunQuery(flowName, EnumSet.copyOf(Set.of(anyOf)), createdFrom, createdBefore, limit);
    }

    /**
     * {@return this query, narrowed to runs made from {@code from} (inclusive) to {@code before} (exclusive)}
     *
     * @param from the first instant, or null for no lower bound
     * @param before the instant after the last, or null for no upper bound
     */
    public RunQuery createdBetween(Instant from, Instant before) {
        return new RunQuery(flowName, states, from, before, limit);
    }

    /**
     * {@return this query, returning at most {@code count} runs, the newest}
     *
     * @param count how many, at least 1
     */
    public RunQuery limit(int count) {
        return new RunQuery(flowName, states, createdFrom, createdBefore, count);
    }

    /**
     * {@return whether a run made at {@code created} falls in the time range}
     *
     * @param created when a run was made
     */
    public boolean inRange(Instant created) {
        return (createdFrom == null || !created.isBefore(createdFrom)) && (createdBefore == null || created.isBefore(createdBefore));
    }

    /**
     * {@return whether {@code run} meets every condition (the limit aside)}
     *
     * @param run a record, as read
     */
    public boolean matches(FlowRunRecord run) {
        return (flowName == null || flowName.equals(run.flowName())) && (states.isEmpty() || states.contains(run.state()))
                && inRange(run.created());
    }
}
