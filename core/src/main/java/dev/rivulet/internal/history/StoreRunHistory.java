package dev.rivulet.internal.history;

import dev.rivulet.State;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunListing;
import dev.rivulet.history.RunQuery;
import dev.rivulet.history.RunRecordException;
import dev.rivulet.history.RunStore;
import dev.rivulet.history.TaskRunCounts;
import dev.rivulet.history.TaskRunRecord;
import dev.rivulet.history.UnreadableRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RunHistory} over a {@link RunStore}: reads and decodes records, newest first, and turns
 * an unfinished record whose writer is gone into a crashed one.
 */
public final class StoreRunHistory implements RunHistory {

    private static final Comparator<RunKey> NEWEST_FIRST = Comparator.comparing(RunKey::created).reversed()
            .thenComparing(RunKey::runId);

    private final RunStore store;
    private final boolean ownsStore;
    private final Runnable beforeRead;

    /**
     * @param ownsStore whether closing this history closes the store
     * @param beforeRead runs before each read: the writer of this JVM writes what it has not yet
     */
    public StoreRunHistory(RunStore store, boolean ownsStore, Runnable beforeRead) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.beforeRead = beforeRead;
    }

    @Override
    public RunListing list(RunQuery query) {
        Objects.requireNonNull(query, "query");
        beforeRead.run();
        List<RunKey> keys = new ArrayList<>(listKeys());
        keys.removeIf(key -> !query.inRange(key.created()));
        keys.sort(NEWEST_FIRST);
        Liveness liveness = new Liveness();
        List<FlowRunRecord> runs = new ArrayList<>();
        List<UnreadableRun> unreadable = new ArrayList<>();
        for (RunKey key : keys) {
            if (runs.size() == query.limit()) {
                break;
            }
            try {
                Optional<FlowRunRecord> run = read(key, liveness);
                if (run.isPresent() && query.matches(run.get())) {
                    runs.add(run.get());
                }
            } catch (RunRecordException e) {
                unreadable.add(new UnreadableRun(key, e.getMessage()));
            }
        }
        return new RunListing(runs, unreadable);
    }

    @Override
    public Optional<FlowRunRecord> find(String runId) {
        Objects.requireNonNull(runId, "runId");
        beforeRead.run();
        Liveness liveness = new Liveness();
        for (RunKey key : listKeys()) {
            if (key.runId().equals(runId)) {
                return read(key, liveness);
            }
        }
        return Optional.empty();
    }

    /**
     * The record under {@code key}, read at once, without listing the store.
     *
     * @return the record, or empty if the store has none under that key
     * @throws RunRecordException if the record cannot be read
     */
    public Optional<FlowRunRecord> find(RunKey key) {
        Objects.requireNonNull(key, "key");
        beforeRead.run();
        return read(key, new Liveness());
    }

    @Override
    public String describe() {
        return store.describe();
    }

    private List<RunKey> listKeys() {
        try {
            return store.list();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the run records in " + store.describe(), e);
        }
    }

    /** The record, as read; empty if it was deleted since it was listed. */
    private Optional<FlowRunRecord> read(RunKey key, Liveness liveness) {
        byte[] bytes;
        try {
            bytes = store.read(key);
        } catch (NoSuchFileException e) {
            return Optional.empty();  // removed by retention since the listing
        } catch (IOException e) {
            throw new RunRecordException("run record " + key.runId() + " in " + store.describe() + " cannot be read: " + e, e);
        }
        FlowRunRecord record = RunRecordCodec.decode(bytes, key, store.describe());
        if (record.state().isFinal() || liveness.isAlive(record.writerId())) {
            return Optional.of(record);
        }
        return Optional.of(crashed(record));
    }

    /** Whether writers are alive, each asked once per read. */
    private final class Liveness {
        private final Map<String, Boolean> known = new HashMap<>();

        boolean isAlive(String writerId) {
            if (writerId == null) {
                return false;
            }
            return known.computeIfAbsent(writerId, id -> {
                try {
                    return store.isWriterAlive(id);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot tell whether writer " + id + " of " + store.describe() + " is alive", e);
                }
            });
        }
    }

    /** The record of a run whose process is gone: it, and every run in it that had not ended, crashed. */
    static FlowRunRecord crashed(FlowRunRecord run) {
        if (run.state().isFinal()) {
            return run;
        }
        List<TaskRunRecord> taskRuns = run.taskRuns().stream().map(StoreRunHistory::crashed).toList();
        List<FlowRunRecord> subflows = run.subflows().stream().map(StoreRunHistory::crashed).toList();
        return new FlowRunRecord(run.formatVersion(), run.id(), run.flowName(), run.flowMethod(), run.name(), run.parentId(), run.resumedFrom(),
                run.parameters(), State.CRASHED, run.created(), run.startTime(), null, run.updated(), run.attempts(), run.attemptFailures(),
                run.error(), run.taskRunnerName(), run.taskRunCounts().stream().map(StoreRunHistory::crashed).toList(), taskRuns,
                run.persistedResults(), run.edges(), subflows, run.logTail(),
                run.writerId(), run.pid(), true);
    }

    /** The counts with every run that had not ended counted as crashed. */
    private static TaskRunCounts crashed(TaskRunCounts counts) {
        Map<State, Integer> byState = new EnumMap<>(State.class);
        byState.putAll(counts.byState());
        if (counts.unfinished() > 0) {
            byState.merge(State.CRASHED, counts.unfinished(), Integer::sum);
        }
        return new TaskRunCounts(counts.taskName(), byState, 0);
    }

    private static TaskRunRecord crashed(TaskRunRecord run) {
        if (run.state().isFinal()) {
            return run;
        }
        return new TaskRunRecord(run.id(), run.name(), run.taskName(), State.CRASHED, run.created(), run.startTime(), null,
                run.attemptStartTimes(), run.attemptFailures(), run.error(), run.tags(), run.result(), run.lineage(), run.artifact());
    }

    @Override
    public void close() {
        if (!ownsStore) {
            return;
        }
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + store.describe(), e);
        }
    }

    @Override
    public String toString() {
        return "RunHistory[" + store.describe() + "]";
    }
}
