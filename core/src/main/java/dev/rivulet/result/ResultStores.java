package dev.rivulet.result;

import dev.rivulet.internal.result.LocalDirectoryResultStore;
import dev.rivulet.internal.result.MemoryResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The built-in result stores. */
public final class ResultStores {

    private ResultStores() {}

    /**
     * Results in memory, bounded by the bytes they take: when a new result would pass {@code
     * maxBytes}, the least useful entries are dropped (and tasks that need them run again).
     *
     * @param maxBytes the most bytes of results held
     * @return a new store, named {@code memory} when the Rivulet makes it
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     */
    public static ResultStore memory(long maxBytes) {
        return new MemoryResultStore(maxBytes);
    }

    /**
     * Results in files under {@code directory} (made if missing): written atomically, forced to
     * disk, checksum-verified on read, shared safely by processes that use the same directory.
     *
     * @param directory where the results are kept
     * @return a new store
     * @throws java.io.UncheckedIOException if the directory cannot be made or used
     */
    public static ResultStore local(Path directory) {
        try {
            return new LocalDirectoryResultStore(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + directory + " for a local result store: " + e.getMessage(), e);
        }
    }

    /**
     * The directory of the built-in {@code local} store when none is given to {@link
     * dev.rivulet.Rivulet.Builder#localResultsDirectory}: the system property {@code
     * rivulet.results.dir}, else {@code ~/.rivulet/results}.
     *
     * @return the directory
     */
    public static Path defaultLocalDirectory() {
        String configured = System.getProperty("rivulet.results.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".rivulet", "results");
    }
}
