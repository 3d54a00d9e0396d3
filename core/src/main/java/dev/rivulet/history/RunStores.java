package dev.rivulet.history;

import dev.rivulet.internal.history.LocalDirectoryRunStore;
import java.nio.file.Path;
import java.util.Objects;

/** The built-in {@link RunStore}s. */
public final class RunStores {

    private RunStores() {}

    /**
     * A store that keeps each record as a JSON file in {@code directory}, made when first written.
     * Records are written atomically (a temporary file renamed over the old one); a writer holds a
     * lock on a file under {@code directory/writers} while it is alive, which the operating system
     * releases when its process ends, however it ends.
     *
     * @param directory where the records go, such as {@code ~/.rivulet/runs}
     * @return the store
     */
    public static RunStore local(Path directory) {
        return new LocalDirectoryRunStore(Objects.requireNonNull(directory, "directory"));
    }
}
