package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link RunStore} keeps (see its Javadoc): records read back as written and
 * listed by their keys, replaced whole while readers read, deleted; and writers that are alive, to
 * another instance of the store, until they close. To test a store of your own, add {@code
 * dev.rivulet:rivulet-testing} with test scope, extend this class and open your store from {@link
 * #openStore()}. The test of the built-in local store does so:
 *
 * {@snippet file="dev/rivulet/testing/contract/LocalDirectoryRunStoreTest.java" region="contract"}
 */
public abstract class RunStoreContract {

    /** For subclasses; JUnit makes one instance per test method. */
    protected RunStoreContract() {}

    /**
     * A store over the place the current test uses: empty at the test's first call, the same place
     * at each later call of the test (as another process would open it). The suite closes every
     * store it opens.
     *
     * @return a store, owned by the suite from then on
     * @throws Exception if the store cannot be opened; the test then fails with it
     */
    protected abstract RunStore openStore() throws Exception;

    private final List<RunStore> opened = new ArrayList<>();

    private RunStore open() throws Exception {
        RunStore store = openStore();
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() throws Exception {
        for (RunStore store : opened) {
            store.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsReadBackAsWrittenAndAreListedByTheirKeys() throws Exception {
        RunStore store = open();
        assertEquals(List.of(), store.list());
        // to the microsecond, as run records keep their creation time
        RunKey first = new RunKey("run-1", Instant.parse("2026-12-05T03:00:00.123456Z"));
        RunKey second = new RunKey(UUID.randomUUID().toString(), Instant.parse("2026-12-05T03:00:01Z"));
        store.write(first, bytes("{\"first\":1}"));
        store.write(second, bytes("{\"second\":2}"));

        assertArrayEquals(bytes("{\"first\":1}"), store.read(first));
        assertArrayEquals(bytes("{\"second\":2}"), open().read(second));
        assertEquals(Set.of(first, second), new HashSet<>(store.list()));
    }

    @Test
    void aWriteReplacesTheRecordAndADeleteRemovesIt() throws Exception {
        RunStore store = open();
        RunKey key = new RunKey("run-1", Instant.parse("2026-12-05T03:00:00Z"));
        store.write(key, bytes("old"));
        store.write(key, bytes("new"));
        assertArrayEquals(bytes("new"), store.read(key));
        assertEquals(List.of(key), store.list());

        store.delete(key);
        assertEquals(List.of(), store.list());
        assertThrows(NoSuchFileException.class, () -> store.read(key));
        store.delete(key);  // deleting what is gone is no error
    }

    @Test
    void readersSeeOneWholeRecordOrTheOtherWhileAWriterReplacesIt() throws Exception {
        RunStore store = open();
        RunKey key = new RunKey("run-1", Instant.parse("2026-12-05T03:00:00Z"));
        byte[] as = new byte[256 * 1024];
        byte[] bs = new byte[128 * 1024];
        Arrays.fill(as, (byte) 'a');
        Arrays.fill(bs, (byte) 'b');
        store.write(key, as);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                reads.add(readers.submit(() -> {
                    int count = 0;
                    while (writing.get()) {
                        byte[] read = store.read(key);
                        assertTrue(Arrays.equals(read, as) || Arrays.equals(read, bs), "a record of " + read.length + " bytes, part of one");
                        count++;
                    }
                    return count;
                }));
            }
            for (int i = 0; i < 50; i++) {
                store.write(key, i % 2 == 0 ? bs : as);
            }
            writing.set(false);
            for (Future<Integer> read : reads) {
                assertTrue(read.get(60, TimeUnit.SECONDS) > 0);
            }
        } finally {
            writing.set(false);
            readers.shutdownNow();
        }
    }

    @Test
    void aWriterIsAliveToAnotherInstanceUntilItCloses() throws Exception {
        RunStore writer = open();
        RunStore reader = open();
        String id = writer.registerWriter();
        assertEquals(id, writer.registerWriter(), "the same id on every call");
        assertTrue(writer.isWriterAlive(id));
        assertTrue(reader.isWriterAlive(id), "seen from another instance of the store");
        assertFalse(reader.isWriterAlive(UUID.randomUUID().toString()), "a writer that never was");

        writer.close();
        assertFalse(reader.isWriterAlive(id), "a closed writer");
        String other = reader.registerWriter();
        assertFalse(other.equals(id), "a new writer gets a new id");
        assertTrue(open().isWriterAlive(other));
    }
}
