package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.io.ByteRange;
import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSources;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link RangedSource} keeps (see its Javadoc), whoever provides it: the size,
 * ranges at the start, in the middle and at the end, empty objects and ranges of length 0, ranges
 * past the end, missing objects, reads from many threads at once, an interrupted reader, and closed
 * sources. The built-in file and HTTP sources and the {@code s3} provider of {@code
 * dev.rivulet:rivulet-storage-s3} pass it.
 *
 * <p>To test a {@link dev.rivulet.io.RangedSourceProvider} of your own, add {@code
 * dev.rivulet:rivulet-testing} with test scope, extend this class, and say where an object of a
 * given name lives ({@link #locationOf(String)}) and how to put one there ({@link #store(String,
 * byte[])}). Sources are opened with {@link RangedSources#open(URI)}, so the test also checks that
 * {@link java.util.ServiceLoader} finds the provider. The test of the built-in file source:
 *
 * {@snippet file="dev/rivulet/testing/contract/FileRangedSourceTest.java" region="contract"}
 */
public abstract class RangedSourceContract {

    /** For subclasses; JUnit makes one instance per test method. */
    protected RangedSourceContract() {}

    /**
     * Where the object called {@code name} lives, stored or not; the same URI for the same name
     * within one test, a fresh place for each test.
     *
     * @param name a name of letters, digits, dots and dashes, such as {@code sizes-1000.bin}
     * @return the URI that {@link RangedSources#open(URI)} opens it with
     * @throws Exception if the location cannot be made
     */
    protected abstract URI locationOf(String name) throws Exception;

    /**
     * Stores {@code content} as the object called {@code name}, at {@link #locationOf(String)},
     * replacing any object there.
     *
     * @param name the object's name
     * @param content its bytes
     * @throws Exception if it cannot be stored
     */
    protected abstract void store(String name, byte[] content) throws Exception;

    /**
     * Random bytes, the same for the same seed, for objects to store and compare.
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
     * Stores {@code content} as {@code name} and opens it.
     *
     * @param name the object's name
     * @param content its bytes
     * @return the open source; the caller closes it
     * @throws Exception if storing or opening fails
     */
    protected RangedSource storeAndOpen(String name, byte[] content) throws Exception {
        store(name, content);
        return RangedSources.open(locationOf(name));
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void theSizeIsTheObjectsAndTheNameItsLocation() throws Exception {
        for (int size : new int[] {0, 1, 1000, (1 << 20) + 7}) {
            try (RangedSource source = storeAndOpen("sizes-" + size + ".bin", bytes(size, size))) {
                assertEquals(size, source.size(), "size of " + source.name());
                assertEquals(locationOf("sizes-" + size + ".bin").toString(), source.name());
                assertTrue(source.isOpen());
            }
        }
    }

    @Test
    void rangesAtTheStartTheMiddleAndTheEndHoldTheirBytes() throws Exception {
        byte[] content = bytes(300_000, 1);
        try (RangedSource source = storeAndOpen("ranges.bin", content)) {
            assertArrayEquals(Arrays.copyOfRange(content, 0, 4), array(source.read(0, 4)));
            assertArrayEquals(Arrays.copyOfRange(content, 123_456, 223_456), array(source.read(123_456, 100_000)));
            assertArrayEquals(Arrays.copyOfRange(content, 299_992, 300_000), array(source.read(299_992, 8)));
            assertArrayEquals(content, array(source.read(0, content.length)));
            assertArrayEquals(Arrays.copyOfRange(content, 299_999, 300_000), array(source.read(299_999, 1)));
        }
    }

    @Test
    void aReadFillsTheBufferFromItsPositionToItsLimitHeapOrDirect() throws Exception {
        byte[] content = bytes(10_000, 2);
        try (RangedSource source = storeAndOpen("into.bin", content)) {
            for (ByteBuffer buffer : List.of(ByteBuffer.allocate(1000), ByteBuffer.allocateDirect(1000))) {
                buffer.position(100).limit(900);
                source.read(5000, buffer);
                assertEquals(900, buffer.position());
                assertEquals(900, buffer.limit());
                buffer.position(100);
                assertArrayEquals(Arrays.copyOfRange(content, 5000, 5800), array(buffer));
            }
        }
    }

    @Test
    void manyRangesAtOnceComeBackInTheirOrder() throws Exception {
        byte[] content = bytes(100_000, 3);
        List<ByteRange> ranges = List.of(new ByteRange(90_000, 10_000), new ByteRange(0, 4), new ByteRange(50, 0),
                new ByteRange(40_000, 20_000), new ByteRange(40_010, 10));
        try (RangedSource source = storeAndOpen("many.bin", content)) {
            List<ByteBuffer> buffers = source.readRanges(ranges);
            assertEquals(ranges.size(), buffers.size());
            for (int i = 0; i < ranges.size(); i++) {
                ByteRange range = ranges.get(i);
                assertArrayEquals(Arrays.copyOfRange(content, (int) range.offset(), (int) range.end()), array(buffers.get(i)),
                        range.toString());
            }
            assertEquals(List.of(), source.readRanges(List.of()));
        }
    }

    @Test
    void rangesOfLengthZeroReadNothingAnywhereInTheObject() throws Exception {
        try (RangedSource source = storeAndOpen("zero.bin", bytes(100, 4))) {
            assertEquals(0, source.read(0, 0).remaining());
            assertEquals(0, source.read(50, 0).remaining());
            assertEquals(0, source.read(100, 0).remaining());
            ByteBuffer full = ByteBuffer.allocate(10).position(10);
            source.read(100, full);
            assertEquals(10, full.position());
        }
    }

    @Test
    void anEmptyObjectHasSizeZeroAndOnlyEmptyRanges() throws Exception {
        try (RangedSource source = storeAndOpen("empty.bin", new byte[0])) {
            assertEquals(0, source.size());
            assertEquals(0, source.read(0, 0).remaining());
            assertThrows(EOFException.class, () -> source.read(0, 1));
        }
    }

    @Test
    void aRangePastTheEndFailsNamingTheRangeAndTheSize() throws Exception {
        try (RangedSource source = storeAndOpen("short.bin", bytes(1000, 5))) {
            EOFException e = assertThrows(EOFException.class, () -> source.read(990, 11));
            assertTrue(e.getMessage().contains("bytes 990-1000") && e.getMessage().contains(source.name())
                    && e.getMessage().contains("1000 bytes"), e.getMessage());
            assertThrows(EOFException.class, () -> source.read(1001, 0));
            assertThrows(EOFException.class, () -> source.read(1000, 1));
            assertThrows(EOFException.class, () -> source.read(Long.MAX_VALUE, Integer.MAX_VALUE));
            assertThrows(EOFException.class, () -> source.readRanges(List.of(new ByteRange(0, 10), new ByteRange(999, 2))));
            assertThrows(IllegalArgumentException.class, () -> source.read(-1, 10));
            assertThrows(IllegalArgumentException.class, () -> source.read(0, -1));
            // The source is still good after refusing those.
            assertArrayEquals(Arrays.copyOfRange(bytes(1000, 5), 990, 1000), array(source.read(990, 10)));
        }
    }

    @Test
    void aMissingObjectIsNoSuchFileNamingIt() throws Exception {
        URI missing = locationOf("missing.bin");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RangedSources.open(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void manyThreadsReadOneSourceAtOnce() throws Exception {
        byte[] content = bytes(1 << 20, 6);
        int threads = 16;
        int readsEach = 25;
        try (RangedSource source = storeAndOpen("concurrent.bin", content)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < readsEach; i++) {
                            int offset = random.nextInt(content.length);
                            int length = random.nextInt(Math.min(64 * 1024, content.length - offset) + 1);
                            byte[] read = array(source.read(offset, length));
                            if (!Arrays.equals(read, 0, length, content, offset, offset + length)) {
                                throw new AssertionError("wrong bytes for " + new ByteRange(offset, length) + " of " + source.name());
                            }
                        }
                        return readsEach;
                    }));
                }
                start.countDown();
                int reads = 0;
                for (Future<Integer> f : done) {
                    reads += f.get();
                }
                assertEquals(threads * readsEach, reads);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anInterruptedReaderFailsAloneAndTheSourceReadsOn() throws Exception {
        byte[] content = bytes(100_000, 7);
        try (RangedSource source = storeAndOpen("interrupted.bin", content)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt();
                try {
                    source.read(0, 50_000);
                } catch (Throwable e) {
                    failure.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            reader.join();
            assertTrue(failure.get() instanceof InterruptedIOException, "the interrupted read threw " + failure.get());
            assertTrue(stillInterrupted.get(), "the reader's interrupt flag is kept");
            assertArrayEquals(Arrays.copyOfRange(content, 1000, 2000), array(source.read(1000, 1000)));
        }
    }

    @Test
    void aClosedSourceRefusesReadsAndOthersOfTheObjectReadOn() throws Exception {
        byte[] content = bytes(5000, 8);
        RangedSource other = storeAndOpen("closed.bin", content);
        try (other) {
            RangedSource source = RangedSources.open(locationOf("closed.bin"));
            source.read(0, 10);
            source.close();
            source.close();
            assertFalse(source.isOpen());
            IOException e = assertThrows(IOException.class, () -> source.read(0, 10));
            assertTrue(e.getMessage().contains(source.name()) && e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IOException.class, () -> source.read(0, ByteBuffer.allocate(0)));
            assertThrows(IOException.class, () -> source.readRanges(List.of(new ByteRange(0, 1))));
            assertArrayEquals(Arrays.copyOfRange(content, 10, 20), array(other.read(10, 10)));
        }
    }
}
