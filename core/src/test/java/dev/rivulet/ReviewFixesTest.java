package dev.rivulet;

import static dev.rivulet.Tasks.allowFailure;
import static dev.rivulet.Tasks.asCompleted;
import static dev.rivulet.Tasks.map;
import static dev.rivulet.Tasks.quote;
import static dev.rivulet.Tasks.submit;
import static dev.rivulet.Tasks.waitFor;
import static dev.rivulet.Tasks.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.RunGraph.EdgeKind;
import dev.rivulet.runner.TaskRunners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Edge cases of futures, names, quoting and closing. */
class ReviewFixesTest {

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    public interface Steps {
        @Task
        default String make(String s) {
            return new StringBuilder(s).append("!").toString();
        }

        @Task
        default int length(String s) {
            return s.length();
        }

        @Task(name = "show-{s}")
        default String show(String s) {
            return s;
        }

        @Task
        default String fail() {
            throw new IllegalStateException("failed on purpose");
        }

        @Task
        default String cleanUp(String upstream) {
            return "cleaned after " + upstream;
        }

        @Task
        default int size(List<Object> list, Object extra) {
            return list.size();
        }

        @Flow
        default int stringEdge() {
            return length(make("a"));
        }

        @Flow
        default String namedByFuture() {
            return submit(this::show, submit(this::make, "x")).get();
        }

        @Flow
        default String allowedFailureDoesNotFailTheFlow() {
            TaskFuture<String> failing = submit(this::fail);
            String cleaned = submit(this::cleanUp, allowFailure(failing)).get();
            waitFor(allowFailure(failing)).submit(this::make, "after").get();
            return cleaned;
        }

        @Flow
        default String perCallName() {
            return with(TaskOptions.newBuilder().name("custom-{s}").build()).submit(this::make, "y").get();
        }

        @Flow
        default List<Integer> mapKeepsQuoting() {
            List<Object> shared = new ArrayList<>();
            shared.add(submit(this::make, "inside"));
            List<TaskFuture<Integer>> sizes = map(this::size, List.<List<Object>>of(List.of(1), List.of(1, 2)), quote(shared));
            List<Integer> out = new ArrayList<>();
            sizes.forEach(f -> out.add(f.get()));
            return out;
        }

        @Flow
        default void daily(String day) {
            make(day);
        }
    }

    @Test
    void aStringResultPassedOnMakesAnEdge() {
        Steps steps = rivulet.stub(Steps.class);
        assertEquals(2, steps.stringEdge());
        List<RunGraph.Edge> edges = rivulet.lastFlowRun().orElseThrow().graph().edges();
        assertEquals(1, edges.size());
        assertEquals(EdgeKind.RESULT, edges.get(0).kind());
    }

    @Test
    void aPlaceholderFilledByAFutureShowsItsValue() {
        Steps steps = rivulet.stub(Steps.class);
        assertEquals("x!", steps.namedByFuture());
        assertEquals("show-x!", rivulet.lastFlowRun().orElseThrow().taskRuns().get(1).name());
    }

    @Test
    void allowFailureCountsAsLookingAtTheFailure() {
        Steps steps = rivulet.stub(Steps.class);
        assertEquals("cleaned after null", steps.allowedFailureDoesNotFailTheFlow());
        assertEquals(State.COMPLETED, rivulet.lastFlowRun().orElseThrow().state());
    }

    @Test
    void aPerCallNameNamesTheRun() {
        Steps steps = rivulet.stub(Steps.class);
        steps.perCallName();
        TaskRun run = rivulet.lastFlowRun().orElseThrow().taskRuns().get(0);
        assertEquals("custom-y", run.name());
        assertEquals("custom-{s}", run.taskName());
    }

    @Test
    void mapQuotesTheUnmappedArgumentForEverySubmission() {
        Steps steps = rivulet.stub(Steps.class);
        assertEquals(List.of(1, 2), steps.mapKeepsQuoting());
        assertTrue(rivulet.lastFlowRun().orElseThrow().graph().edges().isEmpty(), "quoted: no edges for the shared argument");
    }

    @Test
    void toCompletableFutureFailsWithTheTaskFailure() {
        Steps steps = rivulet.stub(Steps.class);
        var view = submit(steps::fail).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, view::get);
        assertInstanceOf(TaskFailedException.class, e.getCause());
        CompletionException joined = assertThrows(CompletionException.class, view::join);
        assertInstanceOf(TaskFailedException.class, joined.getCause());
        assertInstanceOf(TaskFailedException.class, view.handle((v, t) -> t).join());
    }

    @Test
    void flowOptionsApplyToOneCall() {
        Steps steps = rivulet.stub(Steps.class);
        Flows.with(FlowOptions.newBuilder().name("backfill-{day}").build()).call(steps::daily, "2023-09-01");
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals("backfill-2023-09-01", run.name());
        assertEquals("backfill-{day}", run.flowName());
        InvalidDefinitionException unknown = assertThrows(InvalidDefinitionException.class,
                () -> Flows.with(FlowOptions.newBuilder().taskRunner("gpu").build()).call(steps::daily, "d"));
        assertTrue(unknown.getMessage().contains("'gpu'"), unknown.getMessage());
        IllegalArgumentException notAFlow = assertThrows(IllegalArgumentException.class,
                () -> Flows.with(FlowOptions.empty()).call(steps::make, "x"));
        assertTrue(notAFlow.getMessage().contains("is a task"), notAFlow.getMessage());
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

    public interface FutureParameter {
        @Task
        default String bad(TaskFuture<String> f) {
            return f.get();
        }
    }

    @Test
    void aTaskTakingAFutureIsRejected() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> rivulet.stub(FutureParameter.class));
        assertTrue(e.getMessage().contains("FutureParameter.bad takes a TaskFuture parameter"), e.getMessage());
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
    void aClosedRivuletNamesTheTaskItCannotRun() {
        Steps steps = rivulet.stub(Steps.class);
        rivulet.close();
        RivuletException e = assertThrows(RivuletException.class, () -> steps.make("late"));
        assertTrue(e.getMessage().contains("Steps.make") && e.getMessage().contains("closed"), e.getMessage());
    }
}
