package dev.rivulet.assets.internal.storage;

import dev.rivulet.io.AtomicFile;
import dev.rivulet.io.LockFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Artifacts in a local directory; fragments are staged under it, so publishing is a rename. */
public final class LocalArtifactStorage implements ArtifactStorage {

    private final Path root;

    public LocalArtifactStorage(Path root) {
        this.root = Layout.checkDirectory(root, "the artifacts root");
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public URI location(String path) {
        return file(path).toUri();
    }

    @Override
    public Path staging() {
        return root.resolve(Layout.STAGING);
    }

    @Override
    public Optional<StoredFile> stat(String path) throws IOException {
        Path file = file(path);
        try {
            return Optional.of(new StoredFile(Files.size(file), null));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public StoredFile publish(Path file, String path, String checksum) throws IOException {
        Path target = file(path);
        Files.createDirectories(target.getParent());
        long bytes = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot publish " + target + " atomically: the staging directory " + file.getParent()
                    + " is on another file system than the artifact", e);
        }
        try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some file systems cannot force a directory; the rename itself is atomic either way.
        }
        return new StoredFile(bytes, checksum);
    }

    @Override
    public Path localFile(String path, StoredFile expected) throws IOException {
        Path file = file(path);
        long size = Files.size(file);
        if (size != expected.bytes()) {
            throw new ContentChangedException(file + " holds " + size + " bytes where " + expected.bytes() + " were written");
        }
        return file;
    }

    @Override
    public Optional<byte[]> readDocument(String path) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void writeDocument(String path, byte[] content) throws IOException {
        AtomicFile.write(file(path), out -> out.write(content));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path directory = file(prefix);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).filter(f -> !AtomicFile.isTemporary(f)).sorted()
                    .forEach(f -> paths.add(root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/")));
        }
        return paths;
    }

    @Override
    public LockFiles.Held lock(String key) throws IOException, InterruptedException {
        Path locks = root.resolve(Layout.LOCKS);
        Files.createDirectories(locks);
        return LockFiles.lock(locks.toRealPath().resolve(Layout.fileName(key) + ".lock"), key, describe());
    }

    private Path file(String path) {
        return root.resolve(path);
    }
}
