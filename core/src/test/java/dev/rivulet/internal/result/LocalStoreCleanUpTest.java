package dev.rivulet.internal.result;

import static dev.rivulet.resume.ChildJvm.awaitLine;
import static dev.rivulet.resume.ChildJvm.awaitSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.StoredResult;
import dev.rivulet.resume.ChildJvm;
import dev.rivulet.resume.SharedKeysChild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What writers and lock holders that died leave in a local store is removed, and nothing else. */
class LocalStoreCleanUpTest {

    @TempDir
    Path dir;

    private static ResultRecord record(String key) {
        return new ResultRecord(key, "test", "java", "byte[]", Instant.now(), null, 0, null);
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private Process child(String name, String mode, Path results, Path work, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(mode, results.toString(), work.toString()));
        args.addAll(List.of(more));
        Process process = ChildJvm.start(SharedKeysChild.class, dir.resolve(name + ".out"), args.toArray(String[]::new));
        awaitLine(dir.resolve(name + ".out"), "ready", process);
        return process;
    }

    @Test
    void aLockFileIsGoneOnceItsHolderLetsGo() throws Exception {
        LocalDirectoryResultStore store = new LocalDirectoryResultStore(dir);
        try (ResultStore.KeyLock lock = store.lock("a/key")) {
            assertThat(files(dir.resolve(".locks"), ".lock")).hasSize(1);
        }
        assertThat(files(dir.resolve(".locks"), ".lock")).isEmpty();
    }

    @Test
    void theLockFileOfAProcessKilledWhileHoldingItIsRemovedAndItsKeyTakenAgain() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Process holder = child("holder", "hold", results, work, "a/key");
        Files.createFile(work.resolve("go"));
        awaitLine(dir.resolve("holder.out"), "locked", holder);
        LocalDirectoryResultStore store = new LocalDirectoryResultStore(results);

        assertThat(store.removeStaleFiles(Duration.ZERO)).as("a held lock file stays").isZero();
        assertThat(files(results.resolve(".locks"), ".lock")).hasSize(1);

        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(files(results.resolve(".locks"), ".lock")).as("left by the killed holder").hasSize(1);
        assertThat(store.removeStaleFiles(Duration.ZERO)).isEqualTo(1);
        assertThat(files(results.resolve(".locks"), ".lock")).isEmpty();
        try (ResultStore.KeyLock lock = store.lock("a/key")) {
            assertThat(files(results.resolve(".locks"), ".lock")).hasSize(1);
        }
    }

    @Test
    void aWaitForALockAnotherProcessHoldsCanBeInterruptedAndLeavesItsLockFile() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Process holder = child("holder", "hold", results, work, "a/key");
        Files.createFile(work.resolve("go"));
        awaitLine(dir.resolve("holder.out"), "locked", holder);
        try {
            LocalDirectoryResultStore store = new LocalDirectoryResultStore(results);
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<?> waiting = executor.submit(() -> {
                    store.lock("a/key").close();
                    return null;
                });
                Thread.sleep(300);
                assertThat(waiting).isNotDone();
                waiting.cancel(true);
            } finally {
                executor.shutdownNow();
                assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(files(results.resolve(".locks"), ".lock")).as("the holder's lock file").hasSize(1);
            assertThat(store.removeStaleFiles(Duration.ZERO)).as("still held").isZero();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aTemporaryFileIsRemovedOnlyOnceItsWriterIsGoneAndItIsOldEnough() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Process writer = child("writer", "write", results, work, "a/key");
        Files.createFile(work.resolve("go"));
        awaitLine(dir.resolve("writer.out"), "writing", writer);
        LocalDirectoryResultStore store = new LocalDirectoryResultStore(results);
        List<Path> temporaries = files(results, ".tmp");
        assertThat(temporaries).hasSize(1);

        assertThat(store.removeStaleFiles(Duration.ZERO)).as("its writer is alive").isZero();
        writer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Files.setLastModifiedTime(temporaries.get(0), FileTime.from(Instant.now()));
        assertThat(store.removeStaleFiles(Duration.ofMinutes(1))).as("its writer is dead, but it was written to a moment ago").isZero();
        assertThat(store.removeStaleFiles(Duration.ZERO)).isEqualTo(1);
        assertThat(files(results, ".tmp")).isEmpty();
        assertThat(store.record("a/key")).isEmpty();
    }

    @Test
    void aWriteInProgressInThisJvmIsLeftAloneAndCompletes() throws Exception {
        LocalDirectoryResultStore store = new LocalDirectoryResultStore(dir);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch cleaned = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<ResultRecord> write = executor.submit(() -> store.write(record("a/key"), out -> {
                out.write(new byte[] {1, 2, 3});
                out.flush();
                writing.countDown();
                try {
                    cleaned.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                out.write(4);
            }));
            writing.await();
            assertThat(store.removeStaleFiles(Duration.ZERO)).isZero();
            assertThat(files(dir, ".tmp")).hasSize(1);
            cleaned.countDown();
            assertThat(write.get().size()).isEqualTo(4);
        } finally {
            executor.shutdownNow();
        }
        try (StoredResult stored = store.read("a/key").orElseThrow()) {
            assertThat(stored.data().readAllBytes()).containsExactly(1, 2, 3, 4);
        }
        assertThat(files(dir, ".tmp")).isEmpty();
    }

    @Test
    void holdersInThisJvmAndInTwoOthersNeverOverlapWhileLockFilesAreCleanedUp() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path work = Files.createDirectories(dir.resolve("work"));
        List<Process> others = List.of(child("a", "hammer", results, work, "one/key", "300"), child("b", "hammer", results, work, "one/key", "300"));
        LocalDirectoryResultStore store = new LocalDirectoryResultStore(results);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger removed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> cleaner = threads.submit(() -> {
                while (!done.get()) {
                    removed.addAndGet(store.removeStaleFiles(Duration.ZERO));
                }
                return null;
            });
            Files.createFile(work.resolve("go"));
            List<Future<Integer>> local = List.of(
                    threads.submit(() -> SharedKeysChild.hammer(store, "one/key", 300, work)),
                    threads.submit(() -> SharedKeysChild.hammer(store, "one/key", 300, work)));
            for (Future<Integer> overlaps : local) {
                assertThat(overlaps.get(120, TimeUnit.SECONDS)).isZero();
            }
            assertThat(awaitSuccess(others.get(0), dir.resolve("a.out"), 120)).contains("overlaps=0");
            assertThat(awaitSuccess(others.get(1), dir.resolve("b.out"), 120)).contains("overlaps=0");
            done.set(true);
            cleaner.get(30, TimeUnit.SECONDS);
        } finally {
            done.set(true);
            threads.shutdownNow();
            others.forEach(Process::destroyForcibly);
        }
        assertThat(files(results.resolve(".locks"), ".lock")).isEmpty();
    }

    @Test
    void aFailedWriteRemovesTheDirectoriesItMadeAndNoOther() throws Exception {
        LocalDirectoryResultStore store = new LocalDirectoryResultStore(dir);
        store.write(record("task/kept"), out -> out.write(1));
        assertThatThrownBy(() -> store.write(record("task/runs/new/key"), out -> {
            out.write(1);
            throw new IOException("the serializer failed");
        })).hasMessage("the serializer failed");
        assertThat(dir.resolve("task/runs")).doesNotExist();
        assertThat(dir.resolve("task/kept.result")).exists();
        assertThat(files(dir, ".tmp")).isEmpty();
    }
}
