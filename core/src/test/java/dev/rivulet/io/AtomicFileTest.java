package dev.rivulet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theOldFileStaysReadableUntilTheRename() throws IOException {
        Path target = dir.resolve("report.csv");
        Files.write(target, bytes("old"));
        try (AtomicFile file = AtomicFile.create(target)) {
            file.outputStream().write(bytes("new, and longer"));
            file.outputStream().flush();
            assertThat(target).hasContent("old");
            assertThat(file.temporary()).hasParent(dir);
            assertThat(AtomicFile.isTemporary(file.temporary())).isTrue();
            file.commit();
        }
        assertThat(target).hasContent("new, and longer");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("report.csv");
        Files.write(target, bytes("old"));
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write(new byte[200_000]);
            throw new IOException("disk on fire");
        })).hasMessage("disk on fire");
        assertThat(target).hasContent("old");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void aFailedWriteRemovesTheDirectoriesItMadeAndNothingElse() throws IOException {
        Path kept = Files.createDirectories(dir.resolve("a"));
        assertThatThrownBy(() -> AtomicFile.write(kept.resolve("b/c/file"), out -> {
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(kept).isEmptyDirectory();
    }

    @Test
    void anInterruptedWriterLeavesNothing() throws Exception {
        Path target = dir.resolve("data");
        Files.write(target, bytes("old"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try (AtomicFile file = AtomicFile.create(target)) {
                file.channel().write(ByteBuffer.wrap(bytes("half")));
                Thread.currentThread().interrupt();
                file.channel().write(ByteBuffer.wrap(bytes(" of it")));
                file.commit();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.join(Duration.ofSeconds(10));
        assertThat(failure.get()).isInstanceOf(ClosedByInterruptException.class);
        assertThat(target).hasContent("old");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void rangesWrittenFromSeveralThreadsAtAnyOffsetMakeOneFile() throws Exception {
        Path target = dir.resolve("sub/object");
        int piece = 64 * 1024;
        int pieces = 32;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (AtomicFile file = AtomicFile.create(target, AtomicFile.Durability.NOT_FORCED)) {
            List<Future<?>> writes = IntStream.range(0, pieces).map(i -> pieces - 1 - i).<Future<?>>mapToObj(i -> pool.submit(() -> {
                byte[] bytes = new byte[piece];
                java.util.Arrays.fill(bytes, (byte) i);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = (long) i * piece;
                while (buffer.hasRemaining()) {
                    position += file.channel().write(buffer, position);
                }
                return null;
            })).toList();
            for (Future<?> write : writes) {
                write.get();
            }
            assertThat(target).doesNotExist();
            file.commit();
        } finally {
            pool.shutdownNow();
        }
        byte[] written = Files.readAllBytes(target);
        assertThat(written).hasSize(piece * pieces);
        for (int i = 0; i < pieces; i++) {
            assertThat(written[i * piece]).isEqualTo((byte) i);
        }
    }

    @Test
    void aCommittedFileCannotBeWrittenAgain() throws IOException {
        AtomicFile file = AtomicFile.create(dir.resolve("once"));
        file.commit();
        assertThatThrownBy(file::outputStream).isInstanceOf(IllegalStateException.class).hasMessageContaining("already committed");
        file.close();
        assertThat(dir.resolve("once")).isEmptyFile();
    }

    @Test
    void aTemporaryFileIsStaleOnlyWhenNobodyWritesItAndItIsOldEnough() throws IOException {
        try (AtomicFile live = AtomicFile.create(dir.resolve("live"))) {
            assertThat(AtomicFile.removeIfStale(live.temporary(), Instant.now().plusSeconds(60))).as("written in this JVM").isFalse();
        }
        Path left = Files.write(dir.resolve(".left.0123456789abcdef.tmp"), bytes("half"));
        Files.setLastModifiedTime(left, FileTime.from(Instant.now().minusSeconds(120)));
        assertThat(AtomicFile.removeIfStale(left, Instant.now().minusSeconds(180))).as("modified too recently").isFalse();
        assertThat(AtomicFile.removeIfStale(left, Instant.now().minusSeconds(60))).isTrue();
        assertThat(left).doesNotExist();
        assertThatThrownBy(() -> AtomicFile.removeIfStale(dir.resolve("data.csv"), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data.csv");
    }
}
