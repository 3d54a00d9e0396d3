package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.CorruptResultException;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.ResultStores;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryResultStoreTest extends ResultStoreContract {

    // @start region=contract
    @TempDir
    Path directory;

    @Override
    protected ResultStore newStore() {
        return ResultStores.local(directory);
    }

    private Path file(String key) {
        return directory.resolve(key + ".result");
    }

    @Override
    protected boolean corrupt(String key) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(file(key).toFile(), "rw")) {
            file.seek(10);
            int b = file.read();
            file.seek(10);
            file.write(b ^ 0xFF);
        }
        return true;
    }
    // @end

    @Test
    void aTruncatedEntryIsCorruptNotGood() throws Exception {
        store.write(record("t"), out -> out.write(bytes(4096, 1)));
        try (RandomAccessFile file = new RandomAccessFile(file("t").toFile(), "rw")) {
            file.setLength(file.length() - 100);
        }
        assertThrows(CorruptResultException.class, () -> store.read("t"));
        assertThrows(CorruptResultException.class, () -> store.record("t"));
    }

    @Test
    void aForeignFileIsCorruptNotGood() throws Exception {
        Files.writeString(file("foreign"), "{\"not\": \"a result\"}");
        assertThrows(CorruptResultException.class, () -> store.read("foreign"));
        Files.write(file("tiny"), new byte[] {1, 2});
        assertThrows(CorruptResultException.class, () -> store.record("tiny"));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws Exception {
        assertThrows(java.io.IOException.class, () -> store.write(record("x/y"), out -> {
            out.write(1);
            throw new java.io.IOException("boom");
        }));
        try (var files = Files.walk(directory)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void entriesSurviveANewStoreOnTheSameDirectory() throws Exception {
        store.write(record("kept"), out -> out.write(bytes(100, 9)));
        try (ResultStore again = ResultStores.local(directory)) {
            assertArrayEquals(bytes(100, 9), readAll(again.read("kept").orElseThrow()));
        }
    }

    @Test
    void aKeyLockExcludesOtherHolders() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofPlatform().start(() -> {
                for (int j = 0; j < 20; j++) {
                    try (ResultStore.KeyLock lock = store.lock("shared/key")) {
                        int now = inside.incrementAndGet();
                        maxInside.accumulateAndGet(now, Math::max);
                        Thread.sleep(1);
                        inside.decrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, maxInside.get());
        assertTrue(Files.isDirectory(directory.resolve(".locks")));
    }
}
