package dev.rivulet;

import static dev.rivulet.Tasks.submit;
import static dev.rivulet.Tasks.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.runner.TaskRunners;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetriesAndTimeoutsTest {

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    /** Fails the first {@code failures} calls of each key, then succeeds. */
    static final class Flaky {
        private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        String call(String key, int failures, RuntimeException error) {
            int n = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (n <= failures) {
                throw error;
            }
            return key + " after " + n;
        }

        int calls(String key) {
            return calls.getOrDefault(key, new AtomicInteger()).get();
        }
    }

    public interface Retrying {
        @Task(retries = 2, retryDelay = "50ms")
        String twoRetries(String key, int failures);

        @Task(retries = 3, retryDelay = {"20ms", "60ms"})
        String listedDelays(String key, int failures);

        @Task(retries = 3, retryDelay = "20ms", retryBackoff = 2)
        String backoff(String key, int failures);

        @Task(retries = 5, retryOn = UncheckedIOException.class)
        String onlyIo(String key, int failures, boolean io);

        @Task(timeout = "200ms")
        String slow(Duration sleep);

        @Task(timeout = "100ms", retries = 2)
        String slowThenFast(String key);
    }

    private Retrying retrying(Flaky flaky) {
        return rivulet.stub(Retrying.class, new Retrying() {
            @Override
            public String twoRetries(String key, int failures) {
                return flaky.call(key, failures, new IllegalStateException("flaky " + key));
            }

            @Override
            public String listedDelays(String key, int failures) {
                return flaky.call(key, failures, new IllegalStateException("flaky " + key));
            }

            @Override
            public String backoff(String key, int failures) {
                return flaky.call(key, failures, new IllegalStateException("flaky " + key));
            }

            @Override
            public String onlyIo(String key, int failures, boolean io) {
                return flaky.call(key, failures, io ? new UncheckedIOException(new IOException("io " + key))
                        : new IllegalArgumentException("bad " + key));
            }

            @Override
            public String slow(Duration sleep) {
                try {
                    Thread.sleep(sleep.toMillis());
                    return "woke";
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted", e);
                }
            }

            @Override
            public String slowThenFast(String key) {
                if (flaky.calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
                    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                }
                return "fast";
            }
        });
    }

    private static List<Long> gapsMillis(TaskRun run) {
        List<Instant> starts = run.attemptStartTimes();
        return java.util.stream.IntStream.range(1, starts.size())
                .mapToObj(i -> Duration.between(starts.get(i - 1), starts.get(i)).toMillis())
                .toList();
    }

    @Test
    void aFlakyTaskIsRetriedUntilItSucceeds() {
        Flaky flaky = new Flaky();
        TaskFuture<String> future = submit(retrying(flaky)::twoRetries, "a", 2);
        assertEquals("a after 3", future.get());
        assertEquals(3, future.taskRun().attempts());
        assertEquals(3, flaky.calls("a"));
        for (long gap : gapsMillis(future.taskRun())) {
            assertTrue(gap >= 50, "retry came after " + gap + " ms, before the 50 ms delay");
        }
    }

    @Test
    void retriesRunOutAndTheLastFailureIsKept() {
        Flaky flaky = new Flaky();
        TaskFuture<String> future = submit(retrying(flaky)::twoRetries, "b", 10);
        TaskFailedException e = assertThrows(TaskFailedException.class, future::get);
        assertEquals("flaky b", e.getCause().getMessage());
        assertEquals(3, flaky.calls("b"));
        assertEquals(State.FAILED, future.state());
    }

    @Test
    void aDirectCallRetriesInTheCallingThread() {
        Flaky flaky = new Flaky();
        assertEquals("c after 2", retrying(flaky).twoRetries("c", 1));
    }

    @Test
    void listedDelaysApplyInTurnAndTheLastRepeats() {
        Flaky flaky = new Flaky();
        TaskFuture<String> future = submit(retrying(flaky)::listedDelays, "d", 3);
        assertEquals("d after 4", future.get());
        List<Long> gaps = gapsMillis(future.taskRun());
        assertEquals(3, gaps.size());
        assertTrue(gaps.get(0) >= 20, gaps.toString());
        assertTrue(gaps.get(1) >= 60, gaps.toString());
        assertTrue(gaps.get(2) >= 60, gaps.toString());
    }

    @Test
    void backoffGrowsTheDelay() {
        Flaky flaky = new Flaky();
        TaskFuture<String> future = submit(retrying(flaky)::backoff, "e", 3);
        assertEquals("e after 4", future.get());
        List<Long> gaps = gapsMillis(future.taskRun());
        assertTrue(gaps.get(0) >= 20 && gaps.get(1) >= 40 && gaps.get(2) >= 80, gaps.toString());
    }

    @Test
    void onlyTheListedExceptionsAreRetried() {
        Flaky flaky = new Flaky();
        Retrying r = retrying(flaky);
        assertEquals("io after 3", submit(r::onlyIo, "io", 2, true).get());
        TaskFuture<String> other = submit(r::onlyIo, "other", 2, false);
        TaskFailedException e = assertThrows(TaskFailedException.class, other::get);
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(1, flaky.calls("other"));
    }

    @Test
    void perCallOptionsOverrideTheAnnotation() {
        Flaky flaky = new Flaky();
        Retrying r = retrying(flaky);
        TaskOptions none = TaskOptions.newBuilder().retries(0).build();
        assertThrows(TaskFailedException.class, () -> with(none).submit(r::twoRetries, "f", 1).get());
        assertEquals(1, flaky.calls("f"));
        TaskOptions more = TaskOptions.newBuilder().retries(4).retryDelay("1ms").build();
        assertEquals("g after 5", with(more).call(r::twoRetries, "g", 4));
    }

    @Test
    void aSlowTaskTimesOutAndIsInterrupted() {
        Retrying r = retrying(new Flaky());
        TaskFuture<String> future = submit(r::slow, Duration.ofSeconds(30));
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> future.get(Duration.ofSeconds(10)));
        TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, e.getCause());
        assertEquals(Duration.ofMillis(200), timeout.timeout());
        assertEquals(State.FAILED, future.state());

        assertThrows(TaskTimeoutException.class, () -> r.slow(Duration.ofSeconds(30)));
        assertTrue(!Thread.currentThread().isInterrupted(), "the timeout's interrupt must not outlive the call");
        assertEquals("woke", r.slow(Duration.ofMillis(1)));
    }

    @Test
    void aTimedOutAttemptIsRetried() {
        Retrying r = retrying(new Flaky());
        TaskFuture<String> future = submit(r::slowThenFast, "h");
        assertEquals("fast", future.get());
        assertEquals(2, future.taskRun().attempts());
    }

    @Test
    void badOptionsAreRejectedWithTheValue() {
        InvalidDefinitionException negative = assertThrows(InvalidDefinitionException.class, () -> TaskOptions.newBuilder().retries(-1));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        InvalidDefinitionException duration = assertThrows(InvalidDefinitionException.class, () -> TaskOptions.newBuilder().timeout("soon"));
        assertTrue(duration.getMessage().contains("'soon'"), duration.getMessage());
        assertThrows(InvalidDefinitionException.class, () -> TaskOptions.newBuilder().retryBackoff(0.5));
        assertThrows(InvalidDefinitionException.class, () -> TaskOptions.newBuilder().retryJitterFactor(-1));
        assertThrows(InvalidDefinitionException.class, () -> TaskOptions.newBuilder().timeout(Duration.ZERO));
        assertEquals(Duration.ofMillis(1500), TaskOptions.newBuilder().timeout("1.5s").build().timeout().orElseThrow());
        assertEquals(Duration.ofMinutes(2), TaskOptions.newBuilder().timeout("PT2M").build().timeout().orElseThrow());
        assertEquals(Duration.ofDays(1), TaskOptions.newBuilder().timeout("1d").build().timeout().orElseThrow());
    }

    public interface Remembering {
        @Task(retries = 2)
        default String secondTime(AtomicInteger calls) {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk busy", new IOException("EBUSY"));
            }
            return "ok";
        }

        @Task(retries = 11)
        default String never(AtomicInteger calls) {
            throw new IllegalArgumentException("try " + calls.incrementAndGet());
        }

        @Task
        default String verbose() {
            throw new IllegalStateException("x".repeat(5_000));
        }
    }

    public interface SlowRetry {
        @Task(retries = 1, retryDelay = "1h")
        default String once() {
            throw new IllegalStateException("first attempt fails");
        }
    }

    @Test
    void aRunWaitingToRetryWhenTheRivuletClosesEnds() throws Exception {
        Rivulet closing = Rivulet.builder().taskRunner(TaskRunners.threadPool(1)).build();
        TaskFuture<String> future = submit(closing.stub(SlowRetry.class)::once);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (future.state() != State.RETRYING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(State.RETRYING, future.state());
        closing.close();
        assertThrows(TaskFailedException.class, () -> future.get(Duration.ofSeconds(10)));
        assertEquals(State.CRASHED, future.state());
    }

    @Test
    void aRunThatSucceededOnARetryKeepsWhyTheFirstAttemptFailed() throws Exception {
        TaskFuture<String> ok = submit(rivulet.stub(Remembering.class)::secondTime, new AtomicInteger());
        assertEquals("ok", ok.get());
        List<AttemptFailure> failures = ok.taskRun().attemptFailures();
        assertEquals(1, failures.size());
        AttemptFailure first = failures.get(0);
        assertEquals(1, first.attempt());
        assertEquals("java.lang.IllegalStateException", first.exceptionClass());
        assertEquals("disk busy", first.message());
        assertTrue(first.stackTrace().get(0).startsWith("at ") && first.stackTrace().get(0).contains("secondTime"), first.stackTrace().toString());
        assertTrue(first.stackTrace().contains("Caused by: java.io.IOException: EBUSY"), first.stackTrace().toString());
        assertTrue(first.stackTrace().size() <= 2 * (10 + 1) + 1, first.stackTrace().toString());
        assertTrue(!first.time().isBefore(ok.taskRun().attemptStartTimes().get(0)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(first);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(first, in.readObject());
        }
    }

    @Test
    void attemptFailuresKeepTheLastTenAndTruncateLongMessages() {
        Remembering remembering = rivulet.stub(Remembering.class);
        TaskFuture<String> never = submit(remembering::never, new AtomicInteger());
        assertThrows(TaskFailedException.class, never::get);
        assertEquals(12, never.taskRun().attempts());
        List<AttemptFailure> failures = never.taskRun().attemptFailures();
        assertEquals(10, failures.size());
        assertEquals(3, failures.get(0).attempt());
        assertEquals("try 3", failures.get(0).message());
        assertEquals(12, failures.get(9).attempt());
        assertEquals("try 12", failures.get(9).message());

        TaskFuture<String> verbose = submit(remembering::verbose);
        verbose.await();
        String message = verbose.taskRun().attemptFailures().get(0).message();
        assertTrue(message.startsWith("x".repeat(1_000)) && message.length() < 1_100, message.length() + " characters");
    }
}
