package dev.rivulet.internal.history;

import dev.rivulet.FlowRun;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of a Rivulet's flow runs as they go on, on one daemon thread: every {@link
 * #FLUSH_INTERVAL} it writes the record of each top-level run that changed since its last write,
 * the run's subflows inside it. A change costs the thread that makes it one volatile read, and a
 * write when the run was not already marked; a run shorter than the interval is written once, when
 * it has ended. Old records are deleted as {@link RunHistoryOptions} says, by this thread too.
 *
 * <p>Writing never fails a run: a store that cannot be written is reported in a WARN line (at most
 * once a minute) and the run's record is tried again at the next interval.
 */
public final class HistoryRecorder implements AutoCloseable {

    /** How often changed records are written: a record is at most this much, plus its write, behind its run. */
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    private static final long FLUSH_INTERVAL_NANOS = FLUSH_INTERVAL.toNanos();
    /** The shortest sleep of the writer between two flushes. */
    private static final long MIN_WAIT_NANOS = Duration.ofMillis(1).toNanos();
    private static final Duration SWEEP_AT_LEAST_EVERY = Duration.ofMinutes(10);
    /** Listing a thousand records costs the writer more than a short run's record: not more often than this. */
    private static final Duration SWEEP_AT_MOST_EVERY = Duration.ofSeconds(10);
    private static final Duration WARN_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.RunHistory");

    private final RunStore store;
    private final RunHistoryOptions options;
    private final Set<Entry> active = ConcurrentHashMap.newKeySet();
    /** One writer at a time: the thread, a reader of this JVM that flushes first, or close. */
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread thread;
    private final int sweepEvery;
    private volatile boolean closed;
    /** Set once close has written the last records; guarded by {@link #writing}. */
    private boolean storeClosed;
    /** Set when the writer is registered, on first write; guarded by {@link #writing}. */
    private RunSnapshots snapshots;
    private int finishedSinceSweep;
    private Instant lastSweep;
    private Instant lastWarning;

    public HistoryRecorder(RunStore store, RunHistoryOptions options) {
        this.store = store;
        this.options = options;
        this.sweepEvery = Math.max(1, Math.min(100, options.keepRuns() / 10));
        this.thread = Thread.ofPlatform().daemon().name("rivulet-history").unstarted(this::writeUntilClosed);
        thread.start();
    }

    /** A top-level flow run was made: its record will be written as it goes on. */
    public Entry started(FlowRun run) {
        Entry entry = new Entry(run, options.logTailLines(), thread);
        active.add(entry);
        entry.listen(run);
        if (closed) {
            active.remove(entry);  // the final flush is over: the run goes unrecorded, as any after close
            entry.stopListening();
        }
        return entry;
    }

    /** {@return the history in this recorder's store; each read first writes what has changed} */
    public RunHistory history() {
        return new StoreRunHistory(store, false, this::flush);
    }

    public String describe() {
        return store.describe();
    }

    /**
     * A top-level flow run ended: what to keep of it in memory from now on. The summary holds the
     * live run only until its final record is written; then it reads the details from the store.
     *
     * @param entry the run's entry, as {@link #started} gave it
     * @return the summary, to keep in place of the live run
     */
    public FlowRun finished(Entry entry) {
        FinishedFlowRun summary = new FinishedFlowRun(entry.run, this);
        entry.summarized(summary);
        return summary;
    }

    /** The record of {@code run} as it is now, not written: for a run whose final record could not be written. */
    FlowRunRecord snapshot(FlowRun run) {
        return new RunSnapshots(null, ProcessHandle.current().pid(), options.taskRunsInDetail()).of(run, List.of(), Instant.now());
    }

    /** The record under {@code key}, as read from the store; empty if it is not there. */
    Optional<FlowRunRecord> read(RunKey key) {
        return new StoreRunHistory(store, false, () -> {}).find(key);
    }

    /** The record of a top-level flow run as it goes on, and the lines it logs. */
    public static final class Entry {
        final FlowRun run;
        final LogTail tail;
        private final Thread writer;
        private final List<String> listenedIds = new ArrayList<>(1);
        private volatile boolean changed = true;
        /** When the writer last wrote the record ({@link System#nanoTime()}), or when the run was made; the writer's alone. */
        private long lastWritten = System.nanoTime();
        /** What is kept of the run once it ended, and whether its final record is written; guarded by this. */
        private FinishedFlowRun summary;
        private boolean finalRecordWritten;

        private Entry(FlowRun run, int logTailLines, Thread writer) {
            this.run = run;
            this.tail = new LogTail(logTailLines);
            this.writer = writer;
        }

        /** Something in the run changed: its record is written at the next interval. */
        public void changed() {
            if (!changed) {
                changed = true;
            }
        }

        /**
         * The run ended: its record is written now rather than at the next interval, so that the
         * run, which the record's writer holds until then, can be collected while it is young.
         */
        public void ended() {
            changed = true;
            LockSupport.unpark(writer);
        }

        /** A subflow of the run started: what it logs goes to the run's tail too. */
        public void subflowStarted(FlowRun subflow) {
            listen(subflow);
            changed();
        }

        /**
         * How long until the writer writes the record: 0 once a changed run has ended, or an
         * interval after its last write (or after it was made) for one still going; never while
         * nothing changed.
         */
        private long nanosUntilDue(long now) {
            if (!changed) {
                return Long.MAX_VALUE;
            }
            return run.state().isFinal() ? 0 : Math.max(0, lastWritten + FLUSH_INTERVAL_NANOS - now);
        }

        private synchronized void summarized(FinishedFlowRun summary) {
            this.summary = summary;
            if (finalRecordWritten) {
                summary.stored();
            }
        }

        private synchronized void finalRecordWritten() {
            finalRecordWritten = true;
            if (summary != null) {
                summary.stored();
            }
        }

        private void listen(FlowRun flow) {
            if (tail.capacity() > 0 && RunLogs.capturing()) {
                String id = flow.id();
                synchronized (listenedIds) {
                    listenedIds.add(id);
                }
                RunLogs.register(id, tail);
            }
        }

        private void stopListening() {
            synchronized (listenedIds) {
                listenedIds.forEach(RunLogs::unregister);
                listenedIds.clear();
            }
        }
    }

    private void writeUntilClosed() {
        long wait = FLUSH_INTERVAL_NANOS;
        while (!closed) {
            LockSupport.parkNanos(this, wait);
            if (!closed) {
                flush(false, false);
                wait = untilNextDue();
            }
        }
    }

    /**
     * How long the writer may sleep: until the first record falls due ({@link Entry#nanosUntilDue}),
     * an interval at most. So a run going on is written at most an interval after it changed, and a
     * run shorter than that only once it has ended.
     */
    private long untilNextDue() {
        long now = System.nanoTime();
        long wait = FLUSH_INTERVAL_NANOS;
        for (Entry entry : active) {
            wait = Math.min(wait, entry.nanosUntilDue(now));
        }
        return Math.max(wait, MIN_WAIT_NANOS);
    }

    /** Writes every record that changed since its last write, then deletes old records if due. */
    public void flush() {
        flush(false, true);
    }

    /**
     * Writes the records that changed and, when due or {@code closing}, deletes old records. Unless
     * {@code everyChanged}, a run still going is written at most once an interval: the writer, woken
     * early by runs that end, rewrote the record of every short run going on at that moment, which
     * many short runs a second felt as twice the writes.
     */
    private void flush(boolean closing, boolean everyChanged) {
        writing.lock();
        try {
            if (storeClosed) {
                return;  // a read after close: everything was written then
            }
            if (snapshots == null && (active.isEmpty() || !register())) {
                return;  // nothing to write yet: no files until the first run
            }
            long now = System.nanoTime();
            for (Entry entry : active) {
                if (everyChanged ? entry.changed : entry.nanosUntilDue(now) == 0) {
                    write(entry);
                }
            }
            sweepIfDue(closing);
        } finally {
            writing.unlock();
        }
    }

    private boolean register() {
        try {
            snapshots = new RunSnapshots(store.registerWriter(), ProcessHandle.current().pid(), options.taskRunsInDetail());
            return true;
        } catch (IOException | RuntimeException e) {
            warn("cannot register as a writer of " + store.describe() + "; flow runs are not recorded until it can", e);
            return false;
        }
    }

    private void write(Entry entry) {
        entry.changed = false;
        entry.lastWritten = System.nanoTime();
        FlowRunRecord record = null;
        boolean written = false;
        try {
            record = snapshots.of(entry.run, entry.tail.lines(), Instant.now());
            store.write(record.key(), RunRecordCodec.encode(record));
            written = true;
        } catch (IOException | RuntimeException e) {
            if (record != null && record.state().isFinal()) {
                warn("cannot write the final record of flow run '" + entry.run.name() + "' (" + entry.run.id() + ") to "
                        + store.describe() + "; it is left as last written", e);
            } else {
                entry.changed = true;
                warn("cannot write the record of flow run '" + entry.run.name() + "' (" + entry.run.id() + ") to "
                        + store.describe() + "; trying again", e);
                return;
            }
        }
        if (record.state().isFinal()) {
            active.remove(entry);
            entry.stopListening();
            snapshots.forget(entry.run);
            if (written) {
                entry.finalRecordWritten();
            }
            finishedSinceSweep++;
        }
    }

    /** Deletes old records: at the first write, on close, and as runs finish, at most every {@link #SWEEP_AT_MOST_EVERY}. */
    private void sweepIfDue(boolean closing) {
        Instant now = Instant.now();
        boolean due = lastSweep == null || closing && finishedSinceSweep > 0
                || finishedSinceSweep >= sweepEvery && lastSweep.plus(SWEEP_AT_MOST_EVERY).isBefore(now)
                || finishedSinceSweep > 0 && lastSweep.plus(SWEEP_AT_LEAST_EVERY).isBefore(now);
        if (!due) {
            return;
        }
        lastSweep = now;
        finishedSinceSweep = 0;
        try {
            sweep(now);
        } catch (IOException | RuntimeException e) {
            warn("cannot delete old run records from " + store.describe(), e);
        }
    }

    /** Deletes the records beyond the newest {@code keepRuns} and those older than {@code keepFor}, but not this writer's live runs'. */
    private void sweep(Instant now) throws IOException {
        List<RunKey> keys = new ArrayList<>(store.list());
        keys.sort(Comparator.comparing(RunKey::created).reversed());
        Instant oldest = now.minus(options.keepFor());
        Set<String> live = new HashSet<>();
        active.forEach(entry -> live.add(entry.run.id()));
        int kept = 0;
        for (RunKey key : keys) {
            if (live.contains(key.runId())) {
                continue;
            }
            if (kept < options.keepRuns() && !key.created().isBefore(oldest)) {
                kept++;
            } else {
                store.delete(key);
            }
        }
    }

    private void warn(String message, Exception e) {
        Instant now = Instant.now();
        if (lastWarning == null || lastWarning.plus(WARN_AT_MOST_EVERY).isBefore(now)) {
            lastWarning = now;
            LOG.warn("Run history: {}: {}", message, String.valueOf(e));
        }
    }

    /**
     * Writes what has changed, for the last time, and closes the store. Runs still going are left
     * as last written; with the writer gone, they read as crashed.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush(true, true);
        for (Entry entry : active) {
            entry.stopListening();
        }
        active.clear();
        writing.lock();
        try {
            storeClosed = true;
        } finally {
            writing.unlock();
        }
        store.close();
    }
}
