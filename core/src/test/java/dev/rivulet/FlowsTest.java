package dev.rivulet;

import static dev.rivulet.Tasks.allowFailure;
import static dev.rivulet.Tasks.currentFlowRun;
import static dev.rivulet.Tasks.currentTaskRun;
import static dev.rivulet.Tasks.submit;
import static dev.rivulet.Tasks.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.RunGraph.EdgeKind;
import dev.rivulet.runner.TaskRunners;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class FlowsTest {

    private final Rivulet rivulet = Rivulet.builder()
            .taskRunner(TaskRunners.threadPool(2))
            .taskRunner("io", TaskRunners.virtualThreads())
            .build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    public static final class RecordCompletion implements TaskHook {
        @Override
        public void onFinal(TaskRun run, Object result) {
            EVENTS.add("completed " + run.name() + " " + run.state() + " " + result);
        }
    }

    public static final class RecordFailure implements TaskHook {
        @Override
        public void onFinal(TaskRun run, Object result) {
            EVENTS.add("failed " + run.name() + " " + run.state() + " " + run.error().map(Throwable::getMessage).orElse(""));
        }
    }

    public interface Pipeline {
        @Task(name = "extract-{day}", tags = "io")
        default List<String> extract(LocalDate day) {
            return List.of(day + ":a", day + ":b");
        }

        @Task
        default int load(List<String> rows) {
            return rows.size();
        }

        @Task(onCompletion = RecordCompletion.class, onFailure = RecordFailure.class)
        default String hooked(boolean fail) {
            if (fail) {
                throw new IllegalStateException("hook me");
            }
            return "fine";
        }

        @Task
        default Map<String, String> mdc() {
            return Map.of("flowRun", String.valueOf(MDC.get("flowRun")), "taskRun", String.valueOf(MDC.get("taskRun")),
                    "task", String.valueOf(MDC.get("task")),
                    "expectedTaskRun", currentTaskRun().map(TaskRun::id).orElse("none"),
                    "expectedFlowRun", currentFlowRun().map(FlowRun::id).orElse("none"));
        }

        @Flow(name = "daily-{day}")
        default int daily(LocalDate day) {
            return load(extract(day));
        }

        @Flow
        default int backfill(LocalDate from, int days) {
            int total = 0;
            for (int i = 0; i < days; i++) {
                total += daily(from.plusDays(i));
            }
            return total;
        }

        @Flow
        default String failsLater() {
            submit(this::hooked, true);
            return "body returned";
        }

        @Flow
        default String handlesFailure() {
            TaskFuture<String> failing = submit(this::hooked, true);
            try {
                return failing.get();
            } catch (TaskFailedException e) {
                return "handled " + e.getCause().getMessage();
            }
        }

        @Task
        default String fail() {
            throw new IllegalStateException("failed on purpose");
        }

        @Task
        default String cleanUp(String upstream) {
            return "cleaned after " + upstream;
        }

        @Flow
        default String allowsFailure() {
            TaskFuture<String> failing = submit(this::fail);
            String cleaned = submit(this::cleanUp, allowFailure(failing)).get();
            waitFor(allowFailure(failing)).submit(this::cleanUp, "after").get();
            return cleaned;
        }

        @Flow(timeout = "300ms")
        default String tooSlow() {
            submit(this::sleep, 10_000L);
            return sleep(10_000L);
        }

        @Task
        default String sleep(long millis) {
            try {
                Thread.sleep(millis);
                return "slept";
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Flow(taskRunner = "io")
        default String onIo() {
            return submit(this::threadName).get();
        }

        @Task
        default String threadName() {
            return Thread.currentThread().isVirtual() ? "virtual" : "platform";
        }

        @Flow
        default Map<String, String> logContext() {
            return submit(this::mdc).get();
        }
    }

    @Test
    void aFlowRecordsItsRunsEdgesAndParameters() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        assertEquals(2, pipeline.daily(LocalDate.of(2023, 9, 1)));
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals("daily-2023-09-01", run.name());
        assertEquals("daily-{day}", run.flowName());
        assertEquals(Map.of("day", "2023-09-01"), run.parameters(), "a finished run's parameters, as its record has them: text");
        assertEquals(State.COMPLETED, run.state());
        assertEquals(List.of("extract-2023-09-01", "load-0"), run.taskRuns().stream().map(TaskRun::name).toList());
        assertEquals(java.util.Set.of("io"), run.taskRuns().get(0).tags());
        RunGraph graph = run.graph();
        assertEquals(1, graph.edges().size());
        assertEquals(EdgeKind.RESULT, graph.edges().get(0).kind());
        String rendered = graph.render();
        assertTrue(rendered.contains("load-0") && rendered.contains("<- extract-2023-09-01 (result)"), rendered);
        assertTrue(run.startTime().isPresent() && run.endTime().isPresent());
    }

    @Test
    void flowOptionsApplyToOneCall() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        LocalDate day = LocalDate.of(2023, 9, 1);
        Flows.with(FlowOptions.newBuilder().name("backfill-{day}").build()).call(pipeline::daily, day);
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals("backfill-2023-09-01", run.name());
        assertEquals("backfill-{day}", run.flowName());
        InvalidDefinitionException unknown = assertThrows(InvalidDefinitionException.class,
                () -> Flows.with(FlowOptions.newBuilder().taskRunner("gpu").build()).call(pipeline::daily, day));
        assertTrue(unknown.getMessage().contains("'gpu'"), unknown.getMessage());
        IllegalArgumentException notAFlow = assertThrows(IllegalArgumentException.class,
                () -> Flows.with(FlowOptions.empty()).call(pipeline::extract, day));
        assertTrue(notAFlow.getMessage().contains("is a task"), notAFlow.getMessage());
    }

    @Test
    void aFlowCalledInAFlowIsAChildRunInTheParentsGraph() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        assertEquals(6, pipeline.backfill(LocalDate.of(2023, 9, 1), 3));
        FlowRun parent = rivulet.lastFlowRun().orElseThrow();
        List<Run> nodes = parent.graph().nodes();
        assertEquals(3, nodes.size());
        for (Run node : nodes) {
            FlowRun child = assertInstanceOf(FlowRun.class, node);
            assertSame(parent, child.parent().orElseThrow());
            assertEquals(2, child.taskRuns().size());
            assertEquals(State.COMPLETED, child.state());
        }
        assertEquals(List.of("daily-2023-09-01", "daily-2023-09-02", "daily-2023-09-03"), nodes.stream().map(Run::name).toList());
        assertEquals(1, rivulet.recentFlowRuns().size(), "subflows are not top-level runs");
    }

    @Test
    void hooksRunOnCompletionAndOnFailure() {
        EVENTS.clear();
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        assertEquals("fine", pipeline.hooked(false));
        assertThrows(IllegalStateException.class, () -> pipeline.hooked(true));
        assertEquals(List.of("completed hooked-0 COMPLETED fine", "failed hooked-1 FAILED hook me"), EVENTS);
    }

    @Test
    void anUnobservedFailedTaskFailsItsFlow() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        FlowFailedException e = assertThrows(FlowFailedException.class, pipeline::failsLater);
        assertEquals(1, e.failedTaskRuns().size());
        assertEquals("hook me", e.getCause().getMessage());
        assertEquals(State.FAILED, rivulet.lastFlowRun().orElseThrow().state());
    }

    @Test
    void aFailureTheFlowLookedAtDoesNotFailIt() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        assertEquals("handled hook me", pipeline.handlesFailure());
        assertEquals(State.COMPLETED, rivulet.lastFlowRun().orElseThrow().state());
    }

    @Test
    void allowFailureCountsAsLookingAtTheFailure() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        assertEquals("cleaned after null", pipeline.allowsFailure());
        assertEquals(State.COMPLETED, rivulet.lastFlowRun().orElseThrow().state());
    }

    @Test
    void aFlowTimeoutInterruptsTheFlowAndCancelsItsTasks() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        long start = System.nanoTime();
        TaskTimeoutException e = assertThrows(TaskTimeoutException.class, pipeline::tooSlow);
        assertTrue(System.nanoTime() - start < 9_000_000_000L, "the flow should not wait for its sleeping task");
        assertTrue(e.getMessage().contains("tooSlow"), e.getMessage());
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals(State.FAILED, run.state());
        for (TaskRun task : run.taskRuns()) {
            assertTrue(task.state().isFailure(), task + " should have been stopped");
        }
    }

    @Test
    void aFlowUsesTheRunnerItNames() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        assertEquals("virtual", pipeline.onIo());
        assertEquals("io", rivulet.lastFlowRun().orElseThrow().taskRunnerName());
    }

    @Test
    void runIdsAreInTheMdcWhileATaskRuns() {
        Pipeline pipeline = rivulet.stub(Pipeline.class);
        Map<String, String> mdc = pipeline.logContext();
        assertEquals(mdc.get("expectedFlowRun"), mdc.get("flowRun"));
        assertEquals(mdc.get("expectedTaskRun"), mdc.get("taskRun"));
        assertEquals("mdc", mdc.get("task"));
        assertNotEquals("none", mdc.get("expectedTaskRun"));
        assertEquals(null, MDC.get("flowRun"), "the MDC is restored after the flow");
    }

    public interface Retried {
        @Flow(retries = 2, retryDelay = "10ms")
        String flaky();
    }

    @Test
    void aFailedFlowIsRunAgainFromTheStart() {
        AtomicInteger calls = new AtomicInteger();
        Retried retried = rivulet.stub(Retried.class, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "third time";
        });
        assertEquals("third time", retried.flaky());
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals(3, run.attempts());
        assertEquals(State.COMPLETED, run.state());
    }
}
