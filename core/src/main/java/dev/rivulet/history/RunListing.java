package dev.rivulet.history;

import java.util.List;

/**
 * What {@link RunHistory#list} found: the records that match, newest first, and those it could
 * not read (a corrupt file, a record of a newer format), which may or may not have matched.
 *
 * @param runs the records that match the query, newest first
 * @param unreadable the records that could not be read, newest first
 */
public record RunListing(List<FlowRunRecord> runs, List<UnreadableRun> unreadable) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a list or an element is null
     */
    public RunListing {
        runs = List.copyOf(runs);
        unreadable = List.copyOf(unreadable);
    }
}
