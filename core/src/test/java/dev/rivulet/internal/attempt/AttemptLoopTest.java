package dev.rivulet.internal.attempt;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.AttemptFailure;
import dev.rivulet.Flow;
import dev.rivulet.FlowFailedException;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.Run;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.TaskTimeoutException;
import dev.rivulet.Tasks;
import dev.rivulet.runner.TaskRunners;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the attempt loop that task runs and flow runs share: the retry schedule as a
 * value, the timeout of each attempt, cancellation and interrupts during an attempt and during the
 * wait before a retry, and the record each failed attempt leaves.
 */
class AttemptLoopTest {

    private static final long MS = 1_000_000;

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    // ---- the schedule ---------------------------------------------------------------------------

    @Test
    void eachRetryWaitsItsListedDelayTimesTheBackoff() {
        RetrySchedule schedule = new RetrySchedule(4, List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)), 2.0, 0.0);
        assertEquals(List.of(1_000L, 10_000L, 20_000L, 40_000L),
                IntStream.rangeClosed(1, 4).mapToObj(retry -> schedule.baseDelayNanos(retry) / MS).toList());
        assertEquals(schedule.baseDelayNanos(3), schedule.delayNanos(3), "without jitter the delay is exact");
        assertTrue(schedule.retriesAfter(4));
        assertFalse(schedule.retriesAfter(5), "4 retries: the fifth attempt is the last");

        assertFalse(RetrySchedule.NONE.retriesAfter(1));
        assertEquals(0, new RetrySchedule(2, List.of(), 3.0, 0.5).delayNanos(2), "no listed delay: retry at once");
    }

    @Test
    void jitterAddsLessThanItsFactorOfTheDelay() {
        RetrySchedule schedule = new RetrySchedule(3, List.of(Duration.ofMillis(100)), 1.0, 0.5);
        assertEquals(100 * MS, schedule.delayNanos(1, 0.0));
        assertEquals(125 * MS, schedule.delayNanos(1, 0.5));
        assertTrue(schedule.delayNanos(1, Math.nextDown(1.0)) < 150 * MS);

        long least = Long.MAX_VALUE;
        long most = 0;
        for (int i = 0; i < 1_000; i++) {
            long delay = schedule.delayNanos(2);
            assertTrue(delay >= 100 * MS && delay < 150 * MS, delay + " ns is outside [100 ms, 150 ms)");
            least = Math.min(least, delay);
            most = Math.max(most, delay);
        }
        assertTrue(most - least > 10 * MS, "1,000 draws should spread over the jitter, spread " + (most - least) + " ns");

        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> schedule.delayNanos(1, 1.0));
        assertTrue(outside.getMessage().contains("1.0"), outside.getMessage());
    }

    @Test
    void aScheduleIsAValueThatCanBeSentToAnotherMachine() throws Exception {
        List<Duration> delays = new ArrayList<>(List.of(Duration.ofSeconds(2)));
        RetrySchedule schedule = new RetrySchedule(2, delays, 1.5, 0.25);
        delays.add(Duration.ofHours(1));
        assertEquals(List.of(Duration.ofSeconds(2)), schedule.delays(), "the schedule keeps its own copy");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(schedule);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            RetrySchedule received = (RetrySchedule) in.readObject();
            assertEquals(schedule, received);
            assertEquals(schedule.delayNanos(2, 0.3), received.delayNanos(2, 0.3));
        }
    }

    @Test
    void aBadScheduleIsRejectedWithItsValue() {
        assertMessageHas("-1", () -> new RetrySchedule(-1, List.of(), 1.0, 0.0));
        assertMessageHas("0.5", () -> new RetrySchedule(1, List.of(), 0.5, 0.0));
        assertMessageHas("NaN", () -> new RetrySchedule(1, List.of(), 1.0, Double.NaN));
        assertMessageHas("PT-1S", () -> new RetrySchedule(1, List.of(Duration.ofSeconds(-1)), 1.0, 0.0));
        assertMessageHas("0", () -> RetrySchedule.NONE.delayNanos(0));
    }

    public interface Patient {
        @Task(retries = 1, retryDelay = "P110000D")
        default String failsOnce() {
            throw new IllegalStateException("fails, then waits three centuries");
        }

        @Task(timeout = "P110000D")
        default String hasThreeCenturies() {
            return "done in time";
        }
    }

    @Test
    void aDelayPastWhatNanosecondsHoldWaitsAsLongAsTheyAllow() {
        RetrySchedule centuries = new RetrySchedule(1, List.of(Duration.ofDays(110_000)), 1.0, 0.0);
        assertEquals(Long.MAX_VALUE, centuries.delayNanos(1));
        RetrySchedule growing = new RetrySchedule(100, List.of(Duration.ofDays(1)), 10.0, 1.0);
        assertEquals(Long.MAX_VALUE, growing.delayNanos(60));

        Patient patient = rivulet.stub(Patient.class);
        TaskFuture<String> task = submit(patient::failsOnce);
        awaitState(task.taskRun(), State.RETRYING);
        assertTrue(task.cancel());
        assertEquals(State.CANCELLED, task.state());
    }

    @Test
    void aTimeoutPastWhatNanosecondsHoldIsNoLimit() {
        Patient patient = rivulet.stub(Patient.class);
        assertEquals("done in time", patient.hasThreeCenturies());
        assertEquals("done in time", submit(patient::hasThreeCenturies).get());
    }

    private static void assertMessageHas(String value, Runnable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    // ---- runs -----------------------------------------------------------------------------------

    public interface Attempts {
        @Task(timeout = "300ms", retries = 2)
        default String slowTwiceThenFine(AtomicInteger calls) {
            return slowThenFine(calls, 3);
        }

        @Flow(timeout = "300ms", retries = 1)
        default String slowFlowOnceThenFine(AtomicInteger calls) {
            return slowThenFine(calls, 2);
        }

        @Task(timeout = "100ms", retries = 1)
        default String hangs(AtomicInteger calls) {
            calls.incrementAndGet();
            return sleep(10_000);
        }

        @Flow(timeout = "100ms", retries = 1)
        default String hangingFlow(AtomicInteger calls) {
            calls.incrementAndGet();
            return sleep(10_000);
        }

        @Task(retries = 3, retryDelay = "1h")
        default String failsThenWaits(AtomicReference<TaskRun> self) {
            self.set(Tasks.currentTaskRun().orElseThrow());
            throw new IllegalStateException("the task's attempt fails");
        }

        @Flow(retries = 3, retryDelay = "1h")
        default String flowFailsThenWaits() {
            throw new IllegalStateException("the flow's attempt fails");
        }

        @Task(retries = 3)
        default String blocks(CountDownLatch started) {
            started.countDown();
            return sleep(10_000);
        }

        @Flow(retries = 2)
        default String failsUnnoticedThenFine(AtomicInteger calls) {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IllegalStateException("flow attempt " + call + " fails");
            }
            if (call == 2) {
                submit(this::broken);
            }
            return "flow attempt " + call;
        }

        @Task
        default String broken() {
            throw new IllegalArgumentException("broken, and nobody looks");
        }
    }

    private static String slowThenFine(AtomicInteger calls, int succeedsAt) {
        int call = calls.incrementAndGet();
        sleep(200);
        if (call < succeedsAt) {
            throw new IllegalStateException("attempt " + call + " fails");
        }
        return "fine at attempt " + call;
    }

    private static String sleep(long millis) {
        try {
            Thread.sleep(millis);
            return "woke";
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Test
    void theTimeoutLimitsEachAttemptNotTheWholeRun() {
        Attempts attempts = rivulet.stub(Attempts.class);
        long start = System.nanoTime();
        TaskFuture<String> task = submit(attempts::slowTwiceThenFine, new AtomicInteger());
        assertEquals("fine at attempt 3", task.get());
        assertTrue(System.nanoTime() - start >= 600 * MS, "three attempts of 200 ms each, under a 300 ms timeout");
        assertEquals(3, task.taskRun().attempts());
        assertEquals(List.of("attempt 1 fails", "attempt 2 fails"), messages(task.taskRun().attemptFailures()));

        start = System.nanoTime();
        assertEquals("fine at attempt 2", attempts.slowFlowOnceThenFine(new AtomicInteger()));
        assertTrue(System.nanoTime() - start >= 400 * MS, "two attempts of 200 ms each, under a 300 ms timeout");
        FlowRun flow = rivulet.lastFlowRun().orElseThrow();
        assertEquals(State.COMPLETED, flow.state());
        assertEquals(2, flow.attempts());
        assertEquals(List.of("attempt 1 fails"), messages(flow.attemptFailures()));
    }

    @Test
    void anAttemptThatTimesOutIsInterruptedRecordedAndRetried() {
        Attempts attempts = rivulet.stub(Attempts.class);
        AtomicInteger taskCalls = new AtomicInteger();
        TaskFuture<String> task = submit(attempts::hangs, taskCalls);
        TaskFailedException failed = assertThrows(TaskFailedException.class, () -> task.get(Duration.ofSeconds(10)));
        assertInstanceOf(TaskTimeoutException.class, failed.getCause());
        assertEquals(State.FAILED, task.state());
        assertEquals(2, taskCalls.get());
        assertTimeouts(task.taskRun().attemptFailures(), task.taskRun().name());

        AtomicInteger flowCalls = new AtomicInteger();
        long start = System.nanoTime();
        TaskTimeoutException timedOut = assertThrows(TaskTimeoutException.class, () -> attempts.hangingFlow(flowCalls));
        assertTrue(System.nanoTime() - start < 5_000 * MS, "the interrupt should end each attempt at once");
        assertEquals(Duration.ofMillis(100), timedOut.timeout());
        FlowRun flow = rivulet.lastFlowRun().orElseThrow();
        assertEquals(State.FAILED, flow.state());
        assertEquals(2, flowCalls.get());
        assertTimeouts(flow.attemptFailures(), flow.name());
        assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt must not outlive the flow");
    }

    private static void assertTimeouts(List<AttemptFailure> failures, String runName) {
        assertEquals(List.of(1, 2), failures.stream().map(AttemptFailure::attempt).toList());
        for (AttemptFailure failure : failures) {
            assertEquals(TaskTimeoutException.class.getName(), failure.exceptionClass());
            assertEquals("run '" + runName + "' timed out after 0.1s", failure.message());
        }
    }

    @Test
    void cancellingATaskRunThatWaitsToRetryEndsItAtOnce() {
        AtomicReference<TaskRun> self = new AtomicReference<>();
        TaskFuture<String> task = submit(rivulet.stub(Attempts.class)::failsThenWaits, self);
        awaitState(task.taskRun(), State.RETRYING);
        long start = System.nanoTime();
        assertTrue(task.cancel());
        assertThrows(TaskFailedException.class, () -> task.get(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - start < 1_000 * MS, "cancelled within the hour-long delay");
        assertEquals(State.CANCELLED, task.state());
        assertEquals(1, task.taskRun().attempts());
        assertEquals(List.of("the task's attempt fails"), messages(task.taskRun().attemptFailures()));
    }

    @Test
    void aDirectCallInterruptedWhileWaitingToRetryEndsCancelled() throws Exception {
        Attempts attempts = rivulet.stub(Attempts.class);
        AtomicReference<TaskRun> self = new AtomicReference<>();
        Caller caller = Caller.start(() -> attempts.failsThenWaits(self));
        TaskRun run = awaitValue(self::get);
        awaitState(run, State.RETRYING);
        Throwable thrown = caller.interruptAndJoin();

        assertInstanceOf(CancellationException.class, thrown);
        assertTrue(caller.leftInterrupted.get(), "the caller's interrupt flag stays set");
        assertEquals(State.CANCELLED, run.state());
        assertEquals(1, run.attempts());
        assertEquals(List.of("the task's attempt fails"), messages(run.attemptFailures()));
    }

    @Test
    void aFlowInterruptedWhileWaitingToRetryFailsWithItsLastFailure() throws Exception {
        Attempts attempts = rivulet.stub(Attempts.class);
        Caller caller = Caller.start(attempts::flowFailsThenWaits);
        FlowRun run = awaitValue(() -> rivulet.lastFlowRun().orElse(null));
        awaitState(run, State.RETRYING);
        Throwable thrown = caller.interruptAndJoin();

        assertEquals("the flow's attempt fails", thrown.getMessage());
        assertInstanceOf(InterruptedException.class, thrown.getSuppressed()[0]);
        assertTrue(caller.leftInterrupted.get(), "the caller's interrupt flag stays set");
        assertEquals(State.FAILED, run.state());
        assertEquals(1, run.attempts());
        assertEquals(List.of("the flow's attempt fails"), messages(run.attemptFailures()));
    }

    @Test
    void aCancelledAttemptIsInterruptedRecordedAndNotRetried() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TaskFuture<String> task = submit(rivulet.stub(Attempts.class)::blocks, started);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(task.cancel());
        TaskFailedException failed = assertThrows(TaskFailedException.class, () -> task.get(Duration.ofSeconds(5)));
        assertInstanceOf(CancellationException.class, failed.getCause());
        assertEquals(State.CANCELLED, task.state());
        assertEquals(1, task.taskRun().attempts(), "a cancelled run is not retried, whatever its retries");
        List<AttemptFailure> failures = task.taskRun().attemptFailures();
        assertEquals(1, failures.size());
        assertEquals(CancellationException.class.getName(), failures.get(0).exceptionClass());
        assertEquals("task run '" + task.taskRun().name() + "' was cancelled while running", failures.get(0).message());
    }

    @Test
    void aFlowRecordsWhyEachAttemptFailed() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("flow attempt 3", rivulet.stub(Attempts.class).failsUnnoticedThenFine(calls));
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals(3, run.attempts());
        List<AttemptFailure> failures = run.attemptFailures();
        assertEquals(List.of(1, 2), failures.stream().map(AttemptFailure::attempt).toList());
        assertEquals(IllegalStateException.class.getName(), failures.get(0).exceptionClass());
        assertEquals("flow attempt 1 fails", failures.get(0).message());
        assertEquals(FlowFailedException.class.getName(), failures.get(1).exceptionClass(),
                "an attempt whose task run failed unnoticed failed");
        assertTrue(run.startTime().isPresent() && run.endTime().isPresent());
    }

    private static List<String> messages(List<AttemptFailure> failures) {
        return failures.stream().map(AttemptFailure::message).toList();
    }

    private static void awaitState(Run run, State state) {
        long deadline = System.nanoTime() + 10_000 * MS;
        while (run.state() != state && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(state, run.state(), run.toString());
    }

    private static <T> T awaitValue(Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000 * MS;
        T found = value.get();
        while (found == null && System.nanoTime() < deadline) {
            Thread.sleep(1);
            found = value.get();
        }
        assertNotNull(found);
        return found;
    }

    /** A thread that makes a call, keeps what it threw and whether its interrupt flag was left set. */
    private static final class Caller {
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicBoolean leftInterrupted = new AtomicBoolean();
        final Thread thread;

        private Caller(Runnable call) {
            thread = new Thread(() -> {
                try {
                    call.run();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                leftInterrupted.set(Thread.currentThread().isInterrupted());
            }, "caller");
        }

        static Caller start(Runnable call) {
            Caller caller = new Caller(call);
            caller.thread.start();
            return caller;
        }

        /** Interrupts the call and waits for it; it should end at once. */
        Throwable interruptAndJoin() throws InterruptedException {
            long start = System.nanoTime();
            thread.interrupt();
            thread.join(5_000);
            assertFalse(thread.isAlive(), "the call should end when interrupted");
            assertTrue(System.nanoTime() - start < 1_000 * MS, "ended within the hour-long delay");
            Throwable t = thrown.get();
            assertNotNull(t, "the call should have thrown");
            return t;
        }
    }
}
