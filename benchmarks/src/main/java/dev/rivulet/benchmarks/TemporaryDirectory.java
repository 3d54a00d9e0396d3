package dev.rivulet.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory for a benchmark's files, made under a parent (the JVM's temporary directory by default) and deleted with everything in it. */
final class TemporaryDirectory implements AutoCloseable {

    private final Path path;

    private TemporaryDirectory(Path path) {
        this.path = path;
    }

    /** A new, empty directory under {@code parent}, or under {@code java.io.tmpdir} when {@code parent} is null. */
    static TemporaryDirectory under(Path parent, String prefix) {
        try {
            Path made = parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(Files.createDirectories(parent), prefix);
            return new TemporaryDirectory(made);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory under " + (parent == null ? "java.io.tmpdir" : parent), e);
        }
    }

    Path path() {
        return path;
    }

    /** Deletes everything in the directory and keeps the directory itself. */
    void clear() {
        delete(path, false);
    }

    @Override
    public void close() {
        delete(path, true);
    }

    private static void delete(Path root, boolean withRoot) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (withRoot || !p.equals(root)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** The one file under {@code directory} whose name ends with {@code suffix}. */
    static Path onlyFileUnder(Path directory, String suffix) {
        try (Stream<Path> walk = Files.walk(directory)) {
            var found = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one *" + suffix + " file under " + directory + ", found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
