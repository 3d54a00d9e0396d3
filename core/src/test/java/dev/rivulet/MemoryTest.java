package dev.rivulet;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.RunGraph.EdgeKind;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.runner.TaskRunners;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The graph a flow run keeps for inspection must not keep its results alive; and a pending task
 * run, which holds little (its waiting is counted, its attempts and completion made when needed),
 * still behaves as one that holds everything.
 */
class MemoryTest {

    public interface Big {
        @Task
        default byte[] make(int size) {
            return new byte[size];
        }

        @Task
        default int length(byte[] data) {
            return data.length;
        }

        @Flow
        default int run(AtomicReference<WeakReference<byte[]>> seen) {
            TaskFuture<byte[]> submitted = submit(this::make, 8 << 20);
            byte[] direct = make(8 << 20);
            seen.set(new WeakReference<>(submitted.get()));
            return submit(this::length, submitted).get() + length(direct);
        }
    }

    @Test
    void resultsAreNotHeldByTheGraphAfterTheFlow() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            AtomicReference<WeakReference<byte[]>> seen = new AtomicReference<>();
            assertEquals(16 << 20, rivulet.stub(Big.class).run(seen));
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertEquals(4, run.graph().nodes().size());
            for (int i = 0; i < 50 && seen.get().get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertNull(seen.get().get(), "the flow run's graph still holds a result");
            assertEquals(State.COMPLETED, run.state());
        }
    }

    /** A gate task that blocks until the test opens it, and tasks that depend on it. */
    public interface Gated {
        @Task
        int gate();

        @Task
        int dependent(int gate, int index);

        @Flow
        default List<Integer> fanOut(int tasks, CountDownLatch submitted, AtomicReference<List<TaskFuture<Integer>>> futures) {
            TaskFuture<Integer> gate = submit(this::gate);
            List<TaskFuture<Integer>> dependents = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                dependents.add(submit(this::dependent, gate, i));
            }
            futures.set(dependents);
            submitted.countDown();
            List<Integer> results = new ArrayList<>();
            for (TaskFuture<Integer> future : dependents) {
                results.add(future.state() == State.CANCELLED ? -1 : future.get());
            }
            return results;
        }
    }

    static final class GatedTasks implements Gated {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger dependentsRun = new AtomicInteger();

        @Override
        public int gate() {
            try {
                open.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return 10;
        }

        @Override
        public int dependent(int gate, int index) {
            dependentsRun.incrementAndGet();
            return gate + index;
        }
    }

    /** A {@link Gated#fanOut} running on another thread, every task submitted, the gate still closed. */
    record HeldFanOut(GatedTasks tasks, AtomicReference<List<TaskFuture<Integer>>> futures, CompletableFuture<List<Integer>> flow) {
        static HeldFanOut start(Rivulet rivulet, int tasks) throws InterruptedException {
            GatedTasks gatedTasks = new GatedTasks();
            Gated gated = rivulet.stub(Gated.class, gatedTasks);
            CountDownLatch submitted = new CountDownLatch(1);
            AtomicReference<List<TaskFuture<Integer>>> futures = new AtomicReference<>();
            CompletableFuture<List<Integer>> flow = CompletableFuture.supplyAsync(() -> gated.fanOut(tasks, submitted, futures));
            assertTrue(submitted.await(10, TimeUnit.SECONDS), "the flow did not submit its tasks");
            return new HeldFanOut(gatedTasks, futures, flow);
        }
    }

    @Test
    void aFanOutFromOneUpstreamWaitsForItThenRunsEveryDependentOnceWithItsEdge() throws Exception {
        // With the run history off, the last flow run is the live one, with every task run in its graph.
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).runHistory(RunHistoryOptions.disabled()).build()) {
            HeldFanOut held = HeldFanOut.start(rivulet, 1_000);
            GatedTasks tasks = held.tasks();
            AtomicReference<List<TaskFuture<Integer>>> futures = held.futures();
            Thread.sleep(50);
            assertEquals(0, tasks.dependentsRun.get(), "a dependent ran before its upstream ended");
            TaskRun pending = futures.get().get(999).taskRun();
            assertEquals(State.PENDING, pending.state());
            assertEquals(0, pending.attempts());
            assertEquals(List.of(), pending.attemptStartTimes());
            assertTrue(pending.startTime().isEmpty());
            assertFalse(futures.get().get(0).isDone());
            assertFalse(futures.get().get(0).toCompletableFuture().isDone());
            tasks.open.countDown();

            List<Integer> results = held.flow().get(30, TimeUnit.SECONDS);
            assertEquals(1_000, results.size());
            for (int i = 0; i < 1_000; i++) {
                assertEquals(10 + i, results.get(i));
            }
            assertEquals(1_000, tasks.dependentsRun.get(), "every dependent runs once");
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            RunGraph graph = run.graph();
            assertEquals(1_000, graph.edges().size());
            TaskRun gate = run.taskRuns().get(0);
            for (int i = 0; i < 1_000; i++) {
                RunGraph.Edge edge = graph.edges().get(i);
                assertSame(gate, edge.upstream());
                assertSame(run.taskRuns().get(i + 1), edge.downstream(), "edges in the order the runs were made");
                assertEquals(EdgeKind.FUTURE, edge.kind());
            }
            TaskRun ended = futures.get().get(0).taskRun();
            assertEquals(1, ended.attempts());
            assertFalse(ended.created().isAfter(ended.startTime().orElseThrow()));
            assertTrue(futures.get().get(0).toCompletableFuture().isDone(), "the completion of a run that is over is complete");
        }
    }

    @Test
    void aPendingRunCancelledBeforeItsUpstreamEndsNeverRuns() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            HeldFanOut held = HeldFanOut.start(rivulet, 3);
            TaskFuture<Integer> cancelled = held.futures().get().get(1);
            CompletableFuture<Integer> asked = cancelled.toCompletableFuture();
            assertTrue(cancelled.cancel());
            assertEquals(State.CANCELLED, cancelled.state());
            assertTrue(cancelled.isDone());
            assertTrue(asked.isCompletedExceptionally(), "a completion asked for before the run ended completes when it ends");
            assertEquals(0, cancelled.taskRun().attempts());
            held.tasks().open.countDown();

            assertEquals(List.of(10, -1, 12), held.flow().get(30, TimeUnit.SECONDS));
            assertEquals(2, held.tasks().dependentsRun.get(), "the cancelled run never ran");
        }
    }

    @Test
    void aRunRecordsWhenItWasMadeToTheNanosecondItsClockGives() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            Instant before = Instant.now();
            TaskFuture<byte[]> made = Tasks.submit(rivulet.stub(Big.class)::make, 1);
            made.get(Duration.ofSeconds(10));
            Instant created = made.taskRun().created();
            assertFalse(created.isBefore(before), created + " is before " + before);
            assertFalse(created.isAfter(made.taskRun().startTime().orElseThrow()));
            assertEquals(created, made.taskRun().created(), "the same instant each time");
        }
    }
}
