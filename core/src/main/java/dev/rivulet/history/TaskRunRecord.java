package dev.rivulet.history;

import dev.rivulet.AttemptFailure;
import dev.rivulet.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the run history keeps of one task run: the part of a {@link dev.rivulet.TaskRun} that
 * outlives the JVM, without its result (only where the result was stored) or its live exception
 * (only its text).
 *
 * @param id the task run's id
 * @param name the task run's name, placeholders filled in or with its counter
 * @param taskName the task's name (its template, unfilled)
 * @param state the state when the record was written; see {@link FlowRunRecord#processDied()}
 * @param created when it was called or submitted; null in records written before this was kept
 * @param startTime when its first attempt started; null if none did
 * @param endTime when it reached its final state; null if it had not
 * @param attemptStartTimes when each attempt started, in order; their number is the number of attempts
 * @param attemptFailures why attempts failed, oldest first, the last 10 at most, as {@link
 *     dev.rivulet.TaskRun#attemptFailures()} keeps them
 * @param error why the run failed, crashed or was cancelled ({@code Throwable.toString()}, the
 *     first 1,000 characters); null if it did not
 * @param tags the tags of the task and of the call
 * @param result where its result was stored or found in the cache; null if it was not persisted
 * @param lineage what stood for its result in dependents' keys (see {@link PersistedResult#lineage()});
 *     null if it had none, had not ended with a value, or did not persist its result and no task of
 *     its Rivulet caches
 * @param artifact the file the run materialised or reused, such as a data asset's artifact; null if
 *     it made none
 */
public record TaskRunRecord(String id, String name, String taskName, State state, Instant created, Instant startTime, Instant endTime,
                            List<Instant> attemptStartTimes, List<AttemptFailure> attemptFailures, String error,
                            Set<String> tags, ResultLocation result, String lineage,
                            ArtifactRecord artifact) {

    /**
     * Checks the parts and copies the collections.
     *
     * @throws NullPointerException if the id, a name, the state or a collection is null
     */
    public TaskRunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(state, "state");
        attemptStartTimes = List.copyOf(attemptStartTimes);
        attemptFailures = List.copyOf(attemptFailures);
        tags = Set.copyOf(tags);
    }

    /** {@return how many attempts started} */
    public int attempts() {
        return attemptStartTimes.size();
    }

    /** {@return whether the run's value came from the cache ({@link State#CACHED})} */
    public boolean cacheHit() {
        return state == State.CACHED;
    }

    /** {@return how long it waited, from when it was made to its first attempt's start, if both are known} */
    public Optional<Duration> queued() {
        return created == null || startTime == null ? Optional.empty() : Optional.of(Duration.between(created, startTime));
    }

    /** {@return from the first attempt's start to the end, if the run started and ended} */
    public Optional<Duration> duration() {
        return startTime == null || endTime == null ? Optional.empty() : Optional.of(Duration.between(startTime, endTime));
    }
}
