package dev.rivulet.storage.s3;

import dev.rivulet.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The results of one {@link S3Bulk#getMany} call, in the order asked for. Owns the call's
 * temporary directory: {@link #close()} deletes it with every file in it, so use it in a {@code
 * try}-with-resources block and move away ({@link Files#move}) the files you want to keep.
 *
 * {@snippet file="dev/rivulet/storage/s3/snippets/S3BulkSnippetsTest.java" region="downloads"}
 */
public final class S3Downloads implements Iterable<S3Download>, AutoCloseable {

    private final List<S3Download> downloads;
    private final Path directory;
    private boolean closed;

    S3Downloads(List<S3Download> downloads, Path directory) {
        this.downloads = List.copyOf(downloads);
        this.directory = directory;
    }

    /** {@return the downloads, in the order of the request list} */
    public List<S3Download> list() {
        return downloads;
    }

    /**
     * The download of request {@code index} (0-based).
     *
     * @param index the request's position in the request list
     * @return its download
     * @throws IndexOutOfBoundsException if there is no such request
     */
    public S3Download get(int index) {
        return downloads.get(index);
    }

    /** {@return how many downloads there are: as many as requests} */
    public int size() {
        return downloads.size();
    }

    /** {@return the downloads marked missing} */
    public List<S3Download> missing() {
        return downloads.stream().filter(S3Download::isMissing).toList();
    }

    /** {@return the bytes downloaded in all} */
    public long totalBytes() {
        return downloads.stream().mapToLong(S3Download::size).sum();
    }

    /** {@return the temporary directory that holds the files; empty when the downloads are in memory} */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    @Override
    public Iterator<S3Download> iterator() {
        return downloads.iterator();
    }

    /** Deletes the temporary directory and the files still in it; closing again does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (directory != null) {
            FileTrees.deleteRecursively(directory);
        }
    }


    @Override
    public String toString() {
        return "S3Downloads{" + downloads.size() + " downloads, " + (directory == null ? "in memory" : directory) + "}";
    }
}
