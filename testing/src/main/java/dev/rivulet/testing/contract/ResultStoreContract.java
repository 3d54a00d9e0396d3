package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.CorruptResultException;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.StoredResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link ResultStore} keeps (see its Javadoc): round trips with the record,
 * replacing and deleting, failed writes that leave the old entry whole, readers that see whole
 * entries while a writer replaces them, and the checksum check. The built-in stores and
 * {@code S3ResultStore} pass it. To test a store of your own, add {@code dev.rivulet:rivulet-testing}
 * with test scope, extend this class and return a new, empty store from {@link #newStore()}; each
 * test gets its own, closed after the test. The test of the built-in {@code local} store does so,
 * and damages its files to test the checksum check:
 *
 * {@snippet file="dev/rivulet/testing/contract/LocalDirectoryResultStoreTest.java" region="contract"}
 *
 * <p>Override {@link #corrupt(String)} if the test can reach the stored bytes, so that the checksum
 * check is tested too. The contract does not test {@code lock}.
 */
public abstract class ResultStoreContract {

    /** For subclasses; JUnit makes one instance per test method. */
    protected ResultStoreContract() {}

    /**
     * A new, empty store under test; called before each test, and the store is closed after it.
     *
     * @return a store that holds no entry yet, owned by the suite from then on
     * @throws Exception if the store cannot be made; the test then fails with it
     */
    protected abstract ResultStore newStore() throws Exception;

    /** The store the current test uses, made by {@link #newStore()} before the test. */
    protected ResultStore store;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    /**
     * A record with every field set, so that a store that drops one fails the round trip.
     *
     * @param key the entry's key, such as {@code flow/task/abc}
     * @return a record for a {@code json} {@code String} result, created now (to the millisecond)
     *     and expiring in an hour
     */
    protected static ResultRecord record(String key) {
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new ResultRecord(key, "task", "json", "java.lang.String", created, created.plus(1, ChronoUnit.HOURS), 0, null,
                "task/3fe05eb706b56a5373494069b5492abc");
    }

    /**
     * Random bytes, the same for the same seed, for data to write and compare.
     *
     * @param size how many bytes
     * @param seed the seed of the random generator: equal seeds give equal bytes
     * @return {@code size} pseudo-random bytes
     */
    protected static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /**
     * Reads a stored result's data to the end and closes it.
     *
     * @param stored a result the store returned from a read
     * @return every byte of its data
     * @throws IOException if the store fails while reading, such as on a checksum that does not match
     */
    protected static byte[] readAll(StoredResult stored) throws IOException {
        try (stored; InputStream in = stored.data()) {
            return in.readAllBytes();
        }
    }

    @Test
    void whatIsWrittenIsReadBackWithItsRecord() throws Exception {
        byte[] data = bytes(300_000, 1);
        ResultRecord written = store.write(record("flow/task/abc"), out -> out.write(data));
        assertEquals(data.length, written.size());
        assertEquals(8, written.checksum().length());

        ResultRecord stored = store.record("flow/task/abc").orElseThrow();
        assertEquals(written, stored);
        StoredResult read = store.read("flow/task/abc").orElseThrow();
        assertEquals(written, read.record());
        assertArrayEquals(data, readAll(read));
    }

    @Test
    void anEmptyResultIsAResult() throws Exception {
        store.write(record("empty"), out -> { });
        assertArrayEquals(new byte[0], readAll(store.read("empty").orElseThrow()));
    }

    @Test
    void aMissingKeyIsEmpty() throws Exception {
        assertEquals(Optional.empty(), store.record("missing"));
        assertEquals(Optional.empty(), store.read("missing"));
        assertFalse(store.delete("missing"));
    }

    @Test
    void aWriteReplacesTheEntryAndDeleteRemovesIt() throws Exception {
        store.write(record("k"), out -> out.write(bytes(10, 1)));
        store.write(record("k"), out -> out.write(bytes(20, 2)));
        assertArrayEquals(bytes(20, 2), readAll(store.read("k").orElseThrow()));
        assertTrue(store.delete("k"));
        assertEquals(Optional.empty(), store.read("k"));
    }

    @Test
    void aFailedWriteLeavesNoEntryAndKeepsTheOldOne() throws Exception {
        assertThrows(IOException.class, () -> store.write(record("new"), out -> {
            out.write(bytes(1000, 3));
            throw new IOException("disk on fire");
        }));
        assertEquals(Optional.empty(), store.read("new"));

        store.write(record("old"), out -> out.write(bytes(50, 4)));
        assertThrows(UncheckedIOException.class, () -> store.write(record("old"), out -> {
            out.write(bytes(70, 5));
            throw new UncheckedIOException(new IOException("serializer broke"));
        }));
        assertArrayEquals(bytes(50, 4), readAll(store.read("old").orElseThrow()));
    }

    @Test
    void keysThatEscapeTheRootAreRejected() {
        for (String bad : List.of("../up", "a/../../b", "/absolute", "a//b", "a/./b", "sp ace", "", "trailing/")) {
            assertThrows(IllegalArgumentException.class, () -> store.write(record(bad), out -> { }), bad);
            assertThrows(IllegalArgumentException.class, () -> store.read(bad), bad);
        }
    }

    @Test
    void anEntryReadWhileItIsReplacedIsTheOldOrTheNew() throws Exception {
        byte[] first = bytes(2_000_000, 6);
        byte[] second = bytes(2_000_000, 7);
        store.write(record("busy"), out -> out.write(first));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?> writer = pool.submit(() -> {
                go.await();
                for (int i = 0; i < 20; i++) {
                    byte[] data = i % 2 == 0 ? second : first;
                    store.write(record("busy"), out -> out.write(data));
                }
                return null;
            });
            Future<List<byte[]>> reader = pool.submit(() -> {
                go.await();
                List<byte[]> seen = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Optional<StoredResult> read = store.read("busy");
                    if (read.isPresent()) {
                        seen.add(readAll(read.get()));
                    }
                }
                return seen;
            });
            go.countDown();
            writer.get();
            for (byte[] seen : reader.get()) {
                assertTrue(java.util.Arrays.equals(seen, first) || java.util.Arrays.equals(seen, second),
                        "a reader saw a mix of two writes");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readingChecksTheSizeAndChecksumAtTheEnd() throws Exception {
        store.write(record("checked"), out -> out.write(bytes(5000, 8)));
        StoredResult read = store.read("checked").orElseThrow();
        byte[] all = readAll(read);
        assertEquals(5000, all.length);
        // Corruption is store specific; subclasses that can reach their bytes test it (see corrupt()).
        if (corrupt("checked")) {
            assertThrows(CorruptResultException.class, () -> {
                Optional<StoredResult> again = store.read("checked");
                if (again.isPresent()) {
                    readAll(again.get());
                }
            });
        }
    }

    /**
     * Damages the stored bytes of {@code key} behind the store's back (flips a byte of the data),
     * if the store allows it. The default does nothing, and the check of a damaged entry is skipped.
     *
     * @param key the key of an entry the test has written
     * @return whether the bytes were damaged
     * @throws Exception if reaching the stored bytes fails; the test then fails with it
     */
    protected boolean corrupt(String key) throws Exception {
        return false;
    }
}
