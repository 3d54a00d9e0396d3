package dev.rivulet.history;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.Run;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.param.Param;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Rivulet keeps of a top-level flow run once it ended: with the run history on, a summary
 * whose task runs and graph are read from the run store, the live run gone from the heap; with it
 * off, the live run.
 */
class FinishedFlowRunsTest {

    @TempDir
    Path runs;

    static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    /** Set by the flow body: the live run and one of its task runs, as the flow sees them. */
    static volatile Rivulet current;
    static volatile WeakReference<FlowRun> liveRun;
    static volatile WeakReference<TaskRun> liveTaskRun;

    public interface Pipeline {
        @Task
        default byte[] extract(int part) {
            return new byte[1 << 20];  // a result of a megabyte: a leak of the run would keep it
        }

        @Task(retries = 1)
        default int flaky(byte[] rows) {
            if (FLAKY_CALLS.getAndIncrement() == 0) {
                throw new IllegalStateException("the first call fails");
            }
            return rows.length;
        }

        @Task
        default int refuse(int n) {
            throw new IllegalArgumentException("refused " + n);
        }

        @Flow(name = "count")
        default int count(@Param("part") int part) {
            return flaky(extract(part));
        }

        @Flow(name = "nightly-{day}")
        default int nightly(@Param("day") String day, @Param("parts") List<Integer> parts) {
            FlowRun live = current.lastFlowRun().orElseThrow();
            TaskFuture<byte[]> rows = submit(this::extract, parts.get(0));
            int counted = count(parts.get(1));
            int size = flaky(rows.get());
            liveRun = new WeakReference<>(live);
            liveTaskRun = new WeakReference<>(live.taskRuns().get(0));
            return counted + size;
        }

        @Flow(name = "refusing")
        default int refusing(@Param("n") int n) {
            return refuse(n);
        }

        @Flow(name = "fan-out")
        default int fanOut(@Param("count") int count) {
            List<TaskFuture<Integer>> refused = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                refused.add(submit(this::refuse, i));
            }
            int failed = 0;
            for (TaskFuture<Integer> run : refused) {
                try {
                    run.get();
                } catch (RuntimeException expected) {
                    failed++;
                }
            }
            return failed;
        }
    }

    private Rivulet rivulet(RunHistoryOptions history) {
        Rivulet rivulet = Rivulet.builder().runHistory(history).build();
        current = rivulet;
        return rivulet;
    }

    @Test
    void aFinishedRunLeavesTheHeapOnceItsRecordIsWrittenAndStillAnswersFromTheStore() {
        FLAKY_CALLS.set(0);
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().directory(runs).build())) {
            assertThat(rivulet.stub(Pipeline.class).nightly("2026-12-04", List.of(1, 2))).isEqualTo(2 << 20);

            rivulet.runHistory().list(RunQuery.all());  // writes the final record, if the history's thread has not yet
            awaitCollected(liveRun);
            awaitCollected(liveTaskRun);

            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(run.state()).isEqualTo(State.COMPLETED);
            assertThat(run.name()).isEqualTo("nightly-2026-12-04");
            assertThat(run.taskRuns()).extracting(TaskRun::name, TaskRun::state)
                    .containsExactly(tuple("extract-0", State.COMPLETED), tuple("flaky-0", State.COMPLETED));
            RunGraph graph = run.graph();
            assertThat(graph.nodes()).extracting(Run::name).containsExactly("extract-0", "count-0", "flaky-0");
            TaskRun flaky = run.taskRuns().get(1);
            assertThat(graph.upstreamsOf(flaky)).extracting(Run::name).containsExactly("extract-0");
            assertThat(flaky.attempts()).isEqualTo(1);
            assertThat(flaky.flowRun()).contains(run);

            FlowRun subflow = (FlowRun) graph.nodes().get(1);
            assertThat(subflow.parent()).contains(run);
            assertThat(subflow.parameters()).isEqualTo(Map.of("part", "2"));
            assertThat(subflow.taskRuns()).extracting(TaskRun::name).containsExactly("extract-0", "flaky-0");
            TaskRun retried = subflow.taskRuns().get(1);
            assertThat(retried.attempts()).isEqualTo(2);
            assertThat(retried.attemptFailures()).singleElement()
                    .satisfies(failure -> assertThat(failure.message()).isEqualTo("the first call fails"));
            assertThat(subflow.graph().edges()).singleElement().satisfies(edge -> {
                assertThat(edge.upstream().name()).isEqualTo("extract-0");
                assertThat(edge.kind()).isEqualTo(RunGraph.EdgeKind.RESULT);
            });
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** Collects garbage until {@code reference} is cleared; fails after a bounded wait, naming what stayed. */
    private static void awaitCollected(WeakReference<?> reference) {
        awaitTrue(() -> {
            System.gc();
            return reference.get() == null;
        }, "the live run should be collected once its final record is written, but is still reachable");
    }

    private static void awaitTrue(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aFailedRunReadsTheSameRightAfterItEndsAsItsRecordDoes() {
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().directory(runs).build())) {
            Pipeline pipeline = rivulet.stub(Pipeline.class);
            try {
                pipeline.refusing(7);
            } catch (IllegalArgumentException expected) {
                assertThat(expected).hasMessage("refused 7");
            }
            // At once, whether or not the history's thread has written the final record yet.
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(run.state()).isEqualTo(State.FAILED);
            assertThat(run.error()).containsInstanceOf(RecordedError.class);
            assertThat(run.error().orElseThrow()).hasToString("java.lang.IllegalArgumentException: refused 7");
            assertThat(run.parameters()).isEqualTo(Map.of("n", "7"));
            TaskRun refused = run.taskRuns().getFirst();
            assertThat(refused.state()).isEqualTo(State.FAILED);
            assertThat(refused.error().orElseThrow()).isInstanceOf(RecordedError.class)
                    .hasMessage("java.lang.IllegalArgumentException: refused 7");
            assertThat(refused.attemptFailures()).singleElement()
                    .satisfies(failure -> assertThat(failure.exceptionClass()).isEqualTo(IllegalArgumentException.class.getName()));

            FlowRunRecord record = rivulet.runHistory().find(run.id()).orElseThrow();
            assertThat(run.endTime()).contains(record.endTime());
            assertThat(refused.endTime()).contains(record.taskRuns().getFirst().endTime());
            assertThat(rivulet.lastFlowRun().orElseThrow()).isEqualTo(run);
        }
    }

    @Test
    void taskRunsBeyondThoseInDetailAreCountedNotListed() {
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().directory(runs).taskRunsInDetail(5).build())) {
            assertThat(rivulet.stub(Pipeline.class).fanOut(20)).isEqualTo(20);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            // The first five, and the failed ones beyond them: as many again.
            assertThat(run.taskRuns()).hasSize(10).allSatisfy(task -> assertThat(task.state()).isEqualTo(State.FAILED));
            assertThat(rivulet.runHistory().find(run.id()).orElseThrow().taskRunCount()).isEqualTo(20);
        }
    }

    @Test
    void aRunWhoseRecordRetentionDeletedSaysSoWhenAskedForItsDetails() {
        FLAKY_CALLS.set(1);
        Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().directory(runs).keepRuns(1).build());
        try (rivulet) {
            Pipeline pipeline = rivulet.stub(Pipeline.class);
            pipeline.count(0);
            pipeline.count(1);
        }  // closing sweeps: with keepRuns 1, the first run's record goes
        FlowRun first = rivulet.recentFlowRuns().getFirst();
        assertThat(first.state()).isEqualTo(State.COMPLETED);
        assertThat(first.parameters()).isEqualTo(Map.of("part", "0"));
        assertThatThrownBy(first::taskRuns).isInstanceOf(RunRecordException.class)
                .hasMessageContaining("the record of flow run 'count-0' (" + first.id() + ") is no longer in local(")
                .hasMessageContaining("keepRuns");
        // A local directory is read after the Rivulet closed, as before.
        assertThat(rivulet.lastFlowRun().orElseThrow().taskRuns()).extracting(TaskRun::name).containsExactly("extract-0", "flaky-0");
    }

    /** A local store whose writes fail: a full disk. */
    static final class UnwritableStore implements RunStore {
        private final RunStore local;

        UnwritableStore(Path directory) {
            this.local = RunStores.local(directory);
        }

        @Override
        public String describe() {
            return "unwritable(" + local.describe() + ")";
        }

        @Override
        public void write(RunKey key, byte[] record) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public byte[] read(RunKey key) throws IOException {
            return local.read(key);
        }

        @Override
        public List<RunKey> list() throws IOException {
            return local.list();
        }

        @Override
        public void delete(RunKey key) throws IOException {
            local.delete(key);
        }

        @Override
        public String registerWriter() throws IOException {
            return local.registerWriter();
        }

        @Override
        public boolean isWriterAlive(String writerId) throws IOException {
            return local.isWriterAlive(writerId);
        }

        @Override
        public void close() throws IOException {
            local.close();
        }
    }

    @Test
    void aRunWhoseFinalRecordCannotBeWrittenKeepsItsDetailsOnTheHeap() {
        FLAKY_CALLS.set(0);
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().store(new UnwritableStore(runs)).build())) {
            rivulet.stub(Pipeline.class).count(3);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(rivulet.runHistory().list(RunQuery.all()).runs()).isEmpty();
            assertThat(run.taskRuns()).extracting(TaskRun::name, TaskRun::state)
                    .containsExactly(tuple("extract-0", State.COMPLETED), tuple("flaky-0", State.COMPLETED));
            assertThat(run.taskRuns().get(1).attemptFailures()).singleElement()
                    .satisfies(failure -> assertThat(failure.message()).isEqualTo("the first call fails"));
            assertThat(run.graph().edges()).hasSize(1);
        }
    }

    @Test
    void withTheHistoryOffTheFinishedRunStaysOnTheHeapAsItRan() {
        try (Rivulet rivulet = rivulet(RunHistoryOptions.disabled())) {
            try {
                rivulet.stub(Pipeline.class).refusing(7);
            } catch (IllegalArgumentException expected) {
                FlowRun run = rivulet.lastFlowRun().orElseThrow();
                assertThat(run.error().orElseThrow()).isInstanceOf(IllegalArgumentException.class);
                assertThat(run.taskRuns().getFirst().error()).containsSame(expected);
                assertThat(run.parameters()).isEqualTo(Map.of("n", 7));
                assertThat(run.taskRuns().getFirst()).isSameAs(rivulet.lastFlowRun().orElseThrow().taskRuns().getFirst());
            }
        }
    }
}
