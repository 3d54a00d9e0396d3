package dev.rivulet.history;

import dev.rivulet.internal.history.StoreRunHistory;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The recorded flow runs of a {@link RunStore}, from any JVM: those of runs that ended, and of runs
 * still going, in this process or another. A record left unfinished by a process that is gone
 * reads as {@link dev.rivulet.State#CRASHED} ({@link FlowRunRecord#processDied()}).
 *
 * {@snippet file="dev/rivulet/snippets/RunHistorySnippetsTest.java" region="list"}
 *
 * <p>{@link dev.rivulet.Rivulet#runHistory()} gives the history a Rivulet writes to, which first
 * writes what it has not yet written, so it shows every run of that Rivulet as it is now.
 */
public interface RunHistory extends AutoCloseable {

    /**
     * The history in a local directory, as {@link RunStores#local(Path)} keeps it.
     *
     * @param directory the store's directory, such as {@link RunHistoryOptions#defaultDirectory()}
     * @return the history, to be closed
     */
    static RunHistory open(Path directory) {
        return new StoreRunHistory(RunStores.local(Objects.requireNonNull(directory, "directory")), true, () -> {});
    }

    /**
     * The history in {@code store}, which it closes when closed.
     *
     * @param store the store
     * @return the history, to be closed
     */
    static RunHistory open(RunStore store) {
        return new StoreRunHistory(Objects.requireNonNull(store, "store"), true, () -> {});
    }

    /**
     * The records that match {@code query}, newest first (by creation), and those that could not
     * be read. A record that cannot be read is reported in {@link RunListing#unreadable()} and does
     * not stop the listing.
     *
     * @param query the conditions, such as {@code RunQuery.all().flowName("etl")}
     * @return what was found
     * @throws java.io.UncheckedIOException if the store cannot be listed
     */
    RunListing list(RunQuery query);

    /**
     * The record of one top-level flow run.
     *
     * @param runId the run's id ({@link dev.rivulet.Run#id()})
     * @return the record, or empty if the store has none of that id
     * @throws RunRecordException if the record cannot be read: the message names it and says why
     * @throws java.io.UncheckedIOException if the store cannot be read
     */
    Optional<FlowRunRecord> find(String runId);

    /** {@return the store's description, as {@link RunStore#describe()} gives it} */
    String describe();

    /** Closes the store, if this history owns it. */
    @Override
    void close();
}
