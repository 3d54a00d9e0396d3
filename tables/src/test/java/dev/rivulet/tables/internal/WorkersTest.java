package dev.rivulet.tables.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void closingStopsWhatIsLeftOnTheCallersExecutorAndWaitsForIt() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean ended = new AtomicBoolean();
            AtomicBoolean queuedRan = new AtomicBoolean();
            Future<?> running;
            Future<?> queued;
            try (Workers workers = Workers.on(executor, 2)) {
                running = workers.submit(() -> {
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                    } finally {
                        Thread.sleep(50);  // a task slow to stop is still waited for
                        ended.set(true);
                    }
                    return null;
                });
                queued = workers.submit(() -> queuedRan.getAndSet(true));
                assertTrue(started.await(10, TimeUnit.SECONDS));
            }
            assertTrue(ended.get(), "close returned before the running task ended");
            assertTrue(running.isCancelled());
            assertTrue(queued.isCancelled());
            assertFalse(executor.isShutdown(), "the executor stays the caller's");
            assertEquals("next", executor.submit(() -> "next").get(10, TimeUnit.SECONDS));
            assertFalse(queuedRan.get(), "a task stopped before it started never runs");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aPoolMadeForTheCallIsShutDownOnClose() throws Exception {
        Workers workers = Workers.forCall(2, "rivulet-test");
        assertEquals(2, workers.parallelism());
        Thread thread = workers.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
        assertTrue(thread.getName().startsWith("rivulet-test-"), thread.getName());
        workers.close();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(thread.isAlive(), "the call's pool was not shut down");
    }

    @Test
    void oneThreadMeansTheCallingThread() throws Exception {
        try (Workers workers = Workers.forCall(1, "rivulet-test")) {
            assertEquals(Thread.currentThread().getName(), workers.submit(() -> Thread.currentThread().getName()).get());
        }
    }
}
