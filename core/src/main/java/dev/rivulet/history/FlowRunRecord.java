package dev.rivulet.history;

import dev.rivulet.AttemptFailure;
import dev.rivulet.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run history keeps of one flow run, written as the run goes on and read back from any
 * JVM with {@link RunHistory}: the part of a {@link dev.rivulet.FlowRun} that outlives the JVM.
 * It is the one record of a run that reports, the command line and resuming build on; stored as
 * JSON whose {@link #formatVersion()} says which fields it has.
 *
 * <p>A subflow is recorded inside the record of the flow run that called it ({@link #subflows()}),
 * with {@link #parentId()} naming that run; a store holds one record per top-level flow run.
 *
 * <p>Task runs: {@link #taskRunCounts()} counts every task run by task and state; {@link
 * #taskRuns()} details the first {@link RunHistoryOptions#taskRunsInDetail()} of them in the order
 * they were made, plus those that failed, crashed or were cancelled, up to as many again. {@link
 * #edges()} are the edges between the runs detailed here and the subflows.
 *
 * <p>Secrets: a {@link dev.rivulet.secret.Secret} parameter is recorded as {@code Secret[NAME]},
 * never its value; so is one inside a collection or record, whose text is its {@code toString()}.
 *
 * @param formatVersion the version of the record format, {@value #FORMAT_VERSION} for records this
 *     Rivulet writes; a reader refuses records of a newer format
 * @param id the flow run's id
 * @param flowName the flow's name (its template, unfilled)
 * @param flowMethod the flow's interface and method, as {@code rivulet run} names a flow:
 *     {@code com.acme.Pipeline#etl}; null in records written before this was kept
 * @param name the flow run's name
 * @param parentId the id of the flow run that called this one as a subflow; null for a top-level run
 * @param resumedFrom the id of the flow run this one {@linkplain dev.rivulet.Flows#resuming resumes};
 *     null for a run that resumes none
 * @param parameters the flow's arguments as text ({@code String.valueOf}, the first 1,000
 *     characters), by parameter name, in declaration order
 * @param state the run's state: as written, or {@link State#CRASHED} if the record was left
 *     unfinished by a process that is gone ({@link #processDied()})
 * @param created when the flow run was made
 * @param startTime when its first attempt started; null if none did
 * @param endTime when it reached its final state; null if it had not when the record was written
 * @param updated when the record was written
 * @param attempts how many attempts started
 * @param attemptFailures why attempts failed, oldest first, the last 10 at most
 * @param error why the run failed, crashed or was cancelled ({@code Throwable.toString()}, the
 *     first 1,000 characters); null if it did not
 * @param taskRunnerName the name of the task runner its tasks ran on
 * @param taskRunCounts the task runs by task and state, every one counted, tasks in the order their
 *     first run was made
 * @param taskRuns the task runs recorded in detail, in the order they were made
 * @param persistedResults every task run of this flow run (not of its subflows) that ended with its
 *     result in a result store, detailed or not, in the order they ended; empty in records written
 *     before this was kept
 * @param edges the edges between the task runs in {@link #taskRuns()} and the subflows
 * @param subflows the flow runs it called, in the order they were made
 * @param logTail the last lines logged during the run, oldest first, as many as {@link
 *     RunHistoryOptions#logTailLines()} keeps; empty for subflows, whose lines are in the top-level
 *     run's tail
 * @param writerId the id of the writer (one per {@link dev.rivulet.Rivulet}) that wrote the record
 * @param pid the process id of the JVM that ran the flow
 * @param processDied whether the record was left unfinished by a process that is gone (killed, or
 *     its Rivulet closed while the run went on): then the run, and every task run and subflow in it
 *     that had not ended, reads as {@link State#CRASHED}, with no end time
 */
public record FlowRunRecord(int formatVersion, String id, String flowName, String flowMethod, String name, String parentId,
                            String resumedFrom, Map<String, String> parameters, State state, Instant created, Instant startTime,
                            Instant endTime, Instant updated, int attempts, List<AttemptFailure> attemptFailures, String error,
                            String taskRunnerName, List<TaskRunCounts> taskRunCounts, List<TaskRunRecord> taskRuns,
                            List<PersistedResult> persistedResults, List<RunEdge> edges, List<FlowRunRecord> subflows, List<LogLine> logTail, String writerId,
                            long pid, boolean processDied) {

    /** The version of the record format this Rivulet writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Checks the parts and copies the collections; the parameters keep their order. Null {@code
     * persistedResults}, absent from older records, stands for none.
     *
     * @throws NullPointerException if the id, a name, the state, the creation time or another collection is null
     */
    public FlowRunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        attemptFailures = List.copyOf(attemptFailures);
        taskRunCounts = List.copyOf(taskRunCounts);
        taskRuns = List.copyOf(taskRuns);
        persistedResults = persistedResults == null ? List.of() : List.copyOf(persistedResults);
        edges = List.copyOf(edges);
        subflows = List.copyOf(subflows);
        logTail = List.copyOf(logTail);
    }

    /** {@return where the record is kept in its store} */
    public RunKey key() {
        return new RunKey(id, created);
    }

    /** {@return from the first attempt's start to the end, if the run started and ended} */
    public Optional<Duration> duration() {
        return startTime == null || endTime == null ? Optional.empty() : Optional.of(Duration.between(startTime, endTime));
    }

    /** {@return how many task runs the flow run made, the ones not detailed in {@link #taskRuns()} included} */
    public int taskRunCount() {
        return taskRunCounts.stream().mapToInt(TaskRunCounts::total).sum();
    }

    /**
     * {@return the task run of this flow run (not of its subflows) with this id, if it is detailed}
     *
     * @param taskRunId a task run's id
     */
    public Optional<TaskRunRecord> taskRun(String taskRunId) {
        return taskRuns.stream().filter(t -> t.id().equals(taskRunId)).findFirst();
    }
}
