package dev.rivulet;

import static dev.rivulet.Tasks.allowFailure;
import static dev.rivulet.Tasks.asCompleted;
import static dev.rivulet.Tasks.getAll;
import static dev.rivulet.Tasks.map;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static dev.rivulet.Tasks.waitFor;
import static dev.rivulet.Tasks.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.runner.TaskRunners;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskCallsTest {

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(4)).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    public interface Arithmetic {
        @Task
        default int square(int x) {
            return x * x;
        }

        @Task
        default int add(int a, int b) {
            return a + b;
        }

        @Task
        default long sum(List<Integer> values) {
            return values.stream().mapToLong(Integer::intValue).sum();
        }

        @Task
        default String fail(String message) {
            throw new IllegalStateException(message);
        }

        @Task
        default String describe(Integer value) {
            return "value=" + value;
        }

        @Flow
        default long sumOfSquares(List<Integer> xs) {
            List<TaskFuture<Integer>> squares = map(this::square, xs);
            return submit(this::sum, results(squares)).get();
        }
    }

    @Test
    void aDirectCallRunsTheTaskAndReturnsItsValue() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        assertEquals(49, arithmetic.square(7));
    }

    @Test
    void submitReturnsAFutureOfTheValue() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        TaskFuture<Integer> future = submit(arithmetic::square, 6);
        assertEquals(36, future.get());
        assertEquals(State.COMPLETED, future.state());
        assertTrue(future.isDone());
    }

    @Test
    void getWaitsAsLongAsItIsToldEvenBeyondWhatNanosecondsCount() throws Exception {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        TaskFuture<Integer> future = submit(arithmetic::square, 5);
        assertEquals(25, future.get(ChronoUnit.FOREVER.getDuration()));
        assertEquals(25, future.get(Duration.ofSeconds(Long.MAX_VALUE)));
    }

    @Test
    void aFutureArgumentIsReplacedByItsValue() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        TaskFuture<Integer> nine = submit(arithmetic::square, 3);
        TaskFuture<Integer> sixteen = submit(arithmetic::square, 4);
        TaskFuture<Integer> total = submit(arithmetic::add, nine, sixteen);
        assertEquals(25, total.get());
        TaskFuture<Integer> mixed = submit(arithmetic::add, 1, sixteen);
        assertEquals(17, mixed.get());
    }

    @Test
    void mapAndResultsFanOutAndIn() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        assertEquals(1 + 4 + 9 + 16 + 25, arithmetic.sumOfSquares(List.of(1, 2, 3, 4, 5)));
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals(6, run.taskRuns().size());
        TaskRun sum = run.taskRuns().get(5);
        assertEquals(5, run.graph().upstreamsOf(sum).size());
    }

    @Test
    void getAllAndAsCompletedSeeEveryFuture() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        List<TaskFuture<Integer>> squares = map(arithmetic::square, List.of(1, 2, 3));
        assertEquals(List.of(1, 4, 9), getAll(squares));
        List<Integer> seen = new ArrayList<>();
        for (TaskFuture<Integer> done : asCompleted(squares)) {
            seen.add(done.get());
        }
        Collections.sort(seen);
        assertEquals(List.of(1, 4, 9), seen);
    }

    public interface Checker {
        @Task
        default String check(int i) {
            if (i == 1) {
                throw new IllegalStateException("one is bad");
            }
            return "ok " + i;
        }

        @Flow
        default int iterate() {
            List<TaskFuture<String>> all = map(this::check, List.of(0, 1, 2));
            int seen = 0;
            for (TaskFuture<String> done : asCompleted(all)) {
                seen += done.isDone() ? 1 : 0;
            }
            return seen;
        }
    }

    @Test
    void iteratingAsCompletedDoesNotHideAFailure() {
        Checker checker = rivulet.stub(Checker.class);
        FlowFailedException e = assertThrows(FlowFailedException.class, checker::iterate);
        assertEquals(1, e.failedTaskRuns().size());
    }

    @Test
    void aFailedTaskThrowsFromADirectCallAndFromGet() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        IllegalStateException direct = assertThrows(IllegalStateException.class, () -> arithmetic.fail("boom"));
        assertEquals("boom", direct.getMessage());

        TaskFuture<String> future = submit(arithmetic::fail, "bang");
        TaskFailedException failed = assertThrows(TaskFailedException.class, future::get);
        assertEquals(State.FAILED, future.state());
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(failed.getMessage().contains("fail-"), failed.getMessage());
    }

    @Test
    void toCompletableFutureFailsWithTheTaskFailure() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        var view = submit(arithmetic::fail, "failed on purpose").toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, view::get);
        assertInstanceOf(TaskFailedException.class, e.getCause());
        CompletionException joined = assertThrows(CompletionException.class, view::join);
        assertInstanceOf(TaskFailedException.class, joined.getCause());
        assertInstanceOf(TaskFailedException.class, view.handle((v, t) -> t).join());
    }

    public interface Named {
        @Task
        default String make(String s) {
            return new StringBuilder(s).append("!").toString();
        }

        @Task(name = "show-{s}")
        default String show(String s) {
            return s;
        }

        @Flow
        default String namedByFuture() {
            return submit(this::show, submit(this::make, "x")).get();
        }

        @Flow
        default String perCallName() {
            return with(TaskOptions.newBuilder().name("custom-{s}").build()).submit(this::make, "y").get();
        }
    }

    @Test
    void aPlaceholderFilledByAFutureShowsItsValue() {
        Named named = rivulet.stub(Named.class);
        assertEquals("x!", named.namedByFuture());
        assertEquals("show-x!", rivulet.lastFlowRun().orElseThrow().taskRuns().get(1).name());
    }

    @Test
    void aPerCallNameNamesTheRun() {
        Named named = rivulet.stub(Named.class);
        named.perCallName();
        TaskRun run = rivulet.lastFlowRun().orElseThrow().taskRuns().get(0);
        assertEquals("custom-y", run.name());
        assertEquals("custom-{s}", run.taskName());
    }

    @Test
    void tasksSubmittedTogetherRunAtTheSameTime() throws Exception {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        Meeting meeting = rivulet.stub(Meeting.class, new Meeting() {
            @Override
            public String meet(String who) {
                try {
                    bothRunning.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(who + " never met the other task", e);
                }
                return who;
            }
        });
        TaskFuture<String> a = submit(meeting::meet, "a");
        TaskFuture<String> b = submit(meeting::meet, "b");
        assertEquals("a", a.get());
        assertEquals("b", b.get());
    }

    public interface Meeting {
        @Task
        String meet(String who);
    }

    public interface Gate {
        @Task
        String waitAtGate(CountDownLatch gate);

        @Task
        String after(String upstream);

        @Task
        String free(String name);
    }

    @Test
    void aTaskWaitingForItsUpstreamParksNoThread() throws Exception {
        try (Rivulet twoThreads = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            Gate gate = twoThreads.stub(Gate.class, new Gate() {
                @Override
                public String waitAtGate(CountDownLatch latch) {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return "opened";
                }

                @Override
                public String after(String upstream) {
                    return upstream + " then after";
                }

                @Override
                public String free(String name) {
                    return name;
                }
            });
            CountDownLatch latch = new CountDownLatch(1);
            TaskFuture<String> blocked = submit(gate::waitAtGate, latch);
            List<TaskFuture<String>> dependents = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                dependents.add(submit(gate::after, blocked));
            }
            // One thread is held by the gate; if each dependent parked a thread, nothing else could run.
            assertEquals("free", submit(gate::free, "free").get(java.time.Duration.ofSeconds(10)));
            for (TaskFuture<String> dependent : dependents) {
                assertEquals(State.PENDING, dependent.state());
            }
            latch.countDown();
            for (TaskFuture<String> dependent : dependents) {
                assertEquals("opened then after", dependent.get());
            }
        }
    }

    @Test
    void anUpstreamFailureFailsDependentsNamingTheUpstream() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        TaskFuture<String> failing = submit(arithmetic::fail, "no data");
        TaskFuture<Integer> dependent = submit(arithmetic::add, 1, submit(arithmetic::square, 2));
        TaskFuture<String> onFailure = submit(arithmetic::fail, failing);
        TaskFuture<Long> waited = waitFor(onFailure).submit(arithmetic::sum, List.of(1));
        TaskFuture<String> onOnFailure = submit(arithmetic::fail, onFailure);

        assertEquals(5, dependent.get());
        TaskFailedException e = assertThrows(TaskFailedException.class, onFailure::get);
        UpstreamFailedException upstream = assertInstanceOf(UpstreamFailedException.class, e.getCause());
        assertEquals(failing.taskRun(), upstream.upstream());
        assertTrue(upstream.getMessage().contains(failing.taskRun().name()), upstream.getMessage());
        assertEquals(State.FAILED, onFailure.state());
        assertThrows(TaskFailedException.class, onOnFailure::get);
        assertEquals(State.FAILED, onOnFailure.state());
        assertThrows(TaskFailedException.class, waited::get);
        assertEquals(State.FAILED, waited.state());
    }

    @Test
    void allowFailureLetsADependentRunWithNull() {
        Arithmetic arithmetic = rivulet.stub(Arithmetic.class);
        TaskFuture<String> failing = submit(arithmetic::fail, "gone");
        TaskFuture<String> cleanup = submit(arithmetic::describe, allowFailure(submit(arithmetic::square, 3)));
        assertEquals("value=9", cleanup.get());
        Cleanup c = rivulet.stub(Cleanup.class);
        assertEquals("upstream gave null", submit(c::cleanUp, allowFailure(failing)).get());
        assertEquals("ran after", waitFor(allowFailure(failing)).submit(c::afterAll).get());
    }

    public interface Cleanup {
        @Task
        default String cleanUp(String upstream) {
            return "upstream gave " + upstream;
        }

        @Task
        default String afterAll() {
            return "ran after";
        }
    }

    public interface Primitive {
        @Task
        default long twice(long x) {
            return 2 * x;
        }

        @Task
        default void record(List<Long> sink, long x) {
            sink.add(x);
        }
    }

    @Test
    void futuresCanStandForPrimitiveParameters() {
        Primitive p = rivulet.stub(Primitive.class);
        TaskFuture<Long> four = submit(p::twice, submit(p::twice, 2L));
        assertEquals(8L, four.get());
        List<Long> sink = Collections.synchronizedList(new ArrayList<>());
        TaskFuture<Void> recorded = submit(p::record, sink, four);
        assertNull(recorded.get());
        assertEquals(List.of(8L), sink);
    }

    @Test
    void cancellingAPendingRunCancelsItAndItsDependents() {
        Gate gate = rivulet.stub(Gate.class, new Gate() {
            @Override
            public String waitAtGate(CountDownLatch latch) {
                try {
                    latch.await();
                    return "opened";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }

            @Override
            public String after(String upstream) {
                return upstream;
            }

            @Override
            public String free(String name) {
                return name;
            }
        });
        CountDownLatch latch = new CountDownLatch(1);
        TaskFuture<String> running = submit(gate::waitAtGate, latch);
        TaskFuture<String> dependent = submit(gate::after, running);
        assertTrue(dependent.cancel());
        assertEquals(State.CANCELLED, dependent.state());
        assertTrue(running.cancel());
        running.await();
        assertEquals(State.CANCELLED, running.state());
        assertThrows(TaskFailedException.class, running::get);
        assertFalse(running.cancel());
    }

    public interface NotATask {
        default int helper(int x) {
            return x;
        }
    }

    @Test
    void submittingSomethingThatIsNotATaskIsAClearError() {
        NotATask n = rivulet.stub(NotATask.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> submit(n::helper, 1));
        assertTrue(e.getMessage().contains("NotATask.helper is not a task"), e.getMessage());
        IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class, () -> submit((Integer x) -> x + 1, 1));
        assertTrue(lambda.getMessage().contains("method reference to a @Task method"), lambda.getMessage());
    }
}
