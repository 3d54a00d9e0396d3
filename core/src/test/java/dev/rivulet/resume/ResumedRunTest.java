package dev.rivulet.resume;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Flows;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.PersistedResult;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunQuery;
import dev.rivulet.history.TaskRunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed flow run resumed in a new run: the task runs that persisted their results without a
 * cache policy are taken from the store by task, run name and lineage, without running their
 * bodies; the failed one, a {@code RUN_ID}-keyed one, its dependent and a task that persists
 * nothing run again.
 */
class ResumedRunTest {

    /** How often each task's body ran, by task and argument: {@code extract 1}. */
    static final Map<String, AtomicInteger> BODIES = new ConcurrentHashMap<>();
    /** The part whose transform fails; -1 for none. */
    static volatile int failAt = -1;

    static void ran(String what) {
        BODIES.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    public interface Nightly {
        @Task(persistResult = true)
        default List<String> extract(String source, int part) {
            ran("extract " + part);
            return List.of(source + "/" + part + "/a", source + "/" + part + "/b");
        }

        @Task(persistResult = true)
        default int transform(List<String> rows) {
            int part = Integer.parseInt(rows.get(0).split("/")[1]);
            ran("transform " + part);
            if (part == failAt) {
                throw new IllegalStateException("part " + part + " is broken");
            }
            return rows.size() * 10 + part;
        }

        @Task(cachePolicy = CachePolicy.RUN_ID)
        default String snapshot() {
            ran("snapshot");
            return "snapshot";
        }

        @Task(persistResult = true)
        default int note(String snapshot) {
            ran("note");
            return snapshot.length();
        }

        @Task
        default int label(int total) {
            ran("label");
            return total;
        }

        @Flow(name = "nightly")
        default int nightly(String source, int parts) {
            int noted = note(snapshot());
            int total = 0;
            for (int i = 0; i < parts; i++) {
                total += transform(extract(source, i));
            }
            return label(total) + noted;
        }

        @Task(persistResult = true)
        default int part(int index) {
            ran("part " + index);
            return index * index;
        }

        @Task
        default int sum(List<Integer> squares) {
            ran("sum");
            if (failAt == 0) {
                throw new IllegalStateException("sum is broken");
            }
            return squares.stream().mapToInt(Integer::intValue).sum();
        }

        @Task
        default int waitFor(java.util.concurrent.CountDownLatch started, java.util.concurrent.CountDownLatch release)
                throws InterruptedException {
            started.countDown();
            release.await();
            return 1;
        }

        @Flow(name = "waiting")
        default int waiting(java.util.concurrent.CountDownLatch started, java.util.concurrent.CountDownLatch release)
                throws InterruptedException {
            return waitFor(started, release);
        }

        @Flow(name = "fan-out")
        default int fanOut(int count) {
            List<TaskFuture<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                squares.add(submit(this::part, i));
            }
            return sum(squares.stream().map(TaskFuture::get).toList());
        }
    }

    /** What a task may be given beside its inputs: no record or value, so it cannot be hashed. */
    public static final class Client {}

    public interface WithClient {
        @Task(persistResult = true, cacheKeyExclude = "client")
        default int fetch(Client client, int part) {
            ran("fetch " + part);
            if (part == failAt) {
                throw new IllegalStateException("part " + part + " is broken");
            }
            return part * 2;
        }

        @Flow(name = "with-client")
        default int fetchAll(Client client, int parts) {
            int total = 0;
            for (int i = 0; i < parts; i++) {
                total += fetch(client, i);
            }
            return total;
        }
    }

    @TempDir
    Path work;

    @BeforeEach
    void reset() {
        BODIES.clear();
        failAt = -1;
    }

    private Rivulet rivulet(int taskRunsInDetail) {
        return Rivulet.builder().localResultsDirectory(work.resolve("results"))
                .runHistory(RunHistoryOptions.newBuilder().directory(work.resolve("runs")).taskRunsInDetail(taskRunsInDetail).build())
                .build();
    }

    private Rivulet rivulet() {
        return rivulet(100);
    }

    /** The first run: part 1's transform fails, after part 0 and the extract of part 1 completed. */
    private FlowRunRecord failedRun() {
        failAt = 1;
        try (Rivulet rivulet = rivulet()) {
            assertThatThrownBy(() -> rivulet.stub(Nightly.class).nightly("trips", 3)).hasMessageContaining("part 1 is broken");
        }
        failAt = -1;
        assertThat(bodies()).isEqualTo(Map.of("snapshot", 1, "note", 1, "extract 0", 1, "transform 0", 1, "extract 1", 1, "transform 1", 1));
        BODIES.clear();
        try (RunHistory history = RunHistory.open(work.resolve("runs"))) {
            FlowRunRecord failed = history.list(RunQuery.all()).runs().get(0);
            assertThat(failed.state()).isEqualTo(State.FAILED);
            return failed;
        }
    }

    @Test
    void aResumedRunTakesThePersistedResultsOfTheRunItResumesAndRunsTheRest() {
        FlowRunRecord failed = failedRun();
        assertThat(failed.persistedResults()).extracting(PersistedResult::runName)
                .containsExactlyInAnyOrder("snapshot-0", "note-0", "extract-0", "transform-0", "extract-1");
        assertThat(failed.persistedResults()).allSatisfy(result -> assertThat(result.lineage()).isNotNull());
        TaskRunRecord extract0 = failed.taskRuns().stream().filter(t -> t.name().equals("extract-0")).findFirst().orElseThrow();
        assertThat(extract0.lineage()).as("the lineage, recorded with the run").startsWith("lineage/");

        try (Rivulet rivulet = rivulet()) {
            int total = Flows.resuming(failed).call(rivulet.stub(Nightly.class)::nightly, "trips", 3);
            assertThat(total).as("as one run that never failed computes").isEqualTo(20 + 21 + 22 + "snapshot".length());
            assertThat(bodies()).as("the bodies that ran again").isEqualTo(Map.of(
                    "snapshot", 1, "note", 1, "transform 1", 1, "extract 2", 1, "transform 2", 1, "label", 1));

            FlowRun resumed = rivulet.lastFlowRun().orElseThrow();
            assertThat(states(resumed)).isEqualTo(Map.of("snapshot-0", State.COMPLETED, "note-0", State.COMPLETED,
                    "extract-0", State.CACHED, "transform-0", State.CACHED, "extract-1", State.CACHED,
                    "transform-1", State.COMPLETED, "extract-2", State.COMPLETED, "transform-2", State.COMPLETED,
                    "label-0", State.COMPLETED));

            FlowRunRecord record = rivulet.runHistory().find(resumed.id()).orElseThrow();
            assertThat(record.state()).isEqualTo(State.COMPLETED);
            assertThat(record.resumedFrom()).isEqualTo(failed.id());
            assertThat(location(record, "extract-0")).as("a reused run keeps the old result's place").isEqualTo(location(failed, "extract-0"));
            assertThat(record.taskRun(resumed.taskRuns().get(2).id()).orElseThrow().lineage())
                    .as("a reused run keeps the old lineage").isEqualTo(extract0.lineage());
        }
    }

    @Test
    void aResultThatIsGoneIsComputedAgain() throws Exception {
        FlowRunRecord failed = failedRun();
        Path file = work.resolve("results").resolve(location(failed, "extract-0").key() + ".result");
        assertThat(file).exists();
        Files.delete(file);

        try (Rivulet rivulet = rivulet()) {
            int total = Flows.resuming(failed).call(rivulet.stub(Nightly.class)::nightly, "trips", 3);
            assertThat(total).isEqualTo(20 + 21 + 22 + "snapshot".length());
            assertThat(bodies()).containsEntry("extract 0", 1).doesNotContainKey("extract 1")
                    .as("transform 0's input has the same lineage, so its result is taken").doesNotContainKey("transform 0");
            assertThat(states(rivulet.lastFlowRun().orElseThrow())).containsEntry("extract-0", State.COMPLETED)
                    .containsEntry("transform-0", State.CACHED);
        }
    }

    @Test
    void anArgumentLeftOutOfTheKeyIsLeftOutOfTheLineage() {
        failAt = 1;
        try (Rivulet rivulet = rivulet()) {
            assertThatThrownBy(() -> rivulet.stub(WithClient.class).fetchAll(new Client(), 3)).hasMessageContaining("part 1 is broken");
        }
        failAt = -1;
        BODIES.clear();
        FlowRunRecord failed;
        try (RunHistory history = RunHistory.open(work.resolve("runs"))) {
            failed = history.list(RunQuery.all()).runs().get(0);
        }
        assertThat(failed.persistedResults()).extracting(PersistedResult::lineage).as("the client is not hashed").doesNotContainNull();

        try (Rivulet rivulet = rivulet()) {
            int total = Flows.resuming(failed).call(rivulet.stub(WithClient.class)::fetchAll, new Client(), 3);
            assertThat(total).isEqualTo(0 + 2 + 4);
            assertThat(bodies()).as("another client, the same inputs").isEqualTo(Map.of("fetch 1", 1, "fetch 2", 1));
            assertThat(states(rivulet.lastFlowRun().orElseThrow())).containsEntry("fetch-0", State.CACHED);
        }
    }

    @Test
    void aChangedArgumentRunsItsTasksAgain() {
        FlowRunRecord failed = failedRun();
        try (Rivulet rivulet = rivulet()) {
            int total = Flows.resuming(failed).call(rivulet.stub(Nightly.class)::nightly, "other", 2);
            assertThat(total).isEqualTo(20 + 21 + "snapshot".length());
            assertThat(bodies()).containsEntry("extract 0", 1).containsEntry("transform 0", 1).containsEntry("extract 1", 1)
                    .containsEntry("transform 1", 1);
            assertThat(states(rivulet.lastFlowRun().orElseThrow())).doesNotContainValue(State.CACHED);
        }
    }

    @Test
    void aResultLeftInAnotherStoreThanTheTaskNowPersistsToIsComputedAgain() {
        FlowRunRecord failed = failedRun();
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(work.resolve("results"))
                .defaultResultStore(Rivulet.Builder.MEMORY_STORE)
                .runHistory(RunHistoryOptions.newBuilder().directory(work.resolve("runs")).build()).build()) {
            int total = Flows.resuming(failed).call(rivulet.stub(Nightly.class)::nightly, "trips", 3);
            assertThat(total).isEqualTo(20 + 21 + 22 + "snapshot".length());
            assertThat(bodies()).containsEntry("extract 0", 1).containsEntry("transform 0", 1).containsEntry("extract 1", 1);
            assertThat(states(rivulet.lastFlowRun().orElseThrow())).doesNotContainValue(State.CACHED);
        }
    }

    @Test
    void aRunToldToRefreshTakesNothing() {
        FlowRunRecord failed = failedRun();
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(work.resolve("results")).refreshCache(true)
                .runHistory(RunHistoryOptions.newBuilder().directory(work.resolve("runs")).build()).build()) {
            Flows.resuming(failed).call(rivulet.stub(Nightly.class)::nightly, "trips", 3);
            assertThat(bodies()).containsEntry("extract 0", 1).containsEntry("transform 0", 1).containsEntry("extract 1", 1);
            assertThat(states(rivulet.lastFlowRun().orElseThrow())).doesNotContainValue(State.CACHED);
        }
    }

    @Test
    void everyPersistedTaskRunIsReusedNotOnlyTheDetailedOnes() {
        failAt = 0;
        try (Rivulet rivulet = rivulet(3)) {
            assertThatThrownBy(() -> rivulet.stub(Nightly.class).fanOut(20)).hasMessageContaining("sum is broken");
        }
        failAt = -1;
        assertThat(BODIES.keySet()).hasSize(21);
        BODIES.clear();
        FlowRunRecord failed;
        try (RunHistory history = RunHistory.open(work.resolve("runs"))) {
            failed = history.list(RunQuery.all()).runs().get(0);
        }
        assertThat(failed.taskRuns()).as("detailed: 3, and the failed one").hasSize(4);
        assertThat(failed.persistedResults()).hasSize(20);

        try (Rivulet rivulet = rivulet(3)) {
            int total = Flows.resuming(failed).call(rivulet.stub(Nightly.class)::fanOut, 20);
            assertThat(total).isEqualTo(java.util.stream.IntStream.range(0, 20).map(i -> i * i).sum());
            assertThat(bodies()).as("only the failed task ran").isEqualTo(Map.of("sum", 1));
            FlowRunRecord record = rivulet.runHistory().find(rivulet.lastFlowRun().orElseThrow().id()).orElseThrow();
            assertThat(record.taskRunCounts()).anySatisfy(counts -> {
                assertThat(counts.taskName()).isEqualTo("part");
                assertThat(counts.byState()).isEqualTo(Map.of(State.CACHED, 20));
            });
            assertThat(record.persistedResults()).as("a run that resumes can itself be resumed").hasSize(20);
        }
    }

    @Test
    void onlyAFailedCrashedOrCancelledTopLevelRunOfTheSameFlowCanBeResumed() {
        FlowRunRecord failed = failedRun();
        try (Rivulet rivulet = rivulet()) {
            Nightly nightly = rivulet.stub(Nightly.class);
            assertThatThrownBy(() -> Flows.resuming(failed).call(nightly::fanOut, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ran flow " + Nightly.class.getName() + "#nightly, not " + Nightly.class.getName() + "#fanOut");
            assertThat(rivulet.lastFlowRun()).as("no run was made").isEmpty();

            int total = Flows.resuming(failed).call(nightly::nightly, "trips", 3);
            FlowRunRecord completed = rivulet.runHistory().find(rivulet.lastFlowRun().orElseThrow().id()).orElseThrow();
            assertThat(total).isPositive();
            assertThatThrownBy(() -> Flows.resuming(completed))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is COMPLETED; only a FAILED, CRASHED or CANCELLED run can be resumed");
        }
    }

    @Test
    void aRunStillGoingCannotBeResumed() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (Rivulet rivulet = rivulet()) {
            Thread flow = Thread.ofPlatform().start(() -> {
                try {
                    rivulet.stub(Nightly.class).waiting(started, release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                started.await();
                FlowRunRecord running = rivulet.runHistory().list(RunQuery.all()).runs().get(0);
                assertThat(running.state()).isEqualTo(State.RUNNING);
                assertThatThrownBy(() -> Flows.resuming(running))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("is RUNNING; only a FAILED, CRASHED or CANCELLED run can be resumed (it is still going");
            } finally {
                release.countDown();
                flow.join();
            }
        }
    }

    private static Map<String, Integer> bodies() {
        return BODIES.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private static Map<String, State> states(FlowRun run) {
        return run.taskRuns().stream().collect(Collectors.toMap(TaskRun::name, TaskRun::state));
    }

    private static dev.rivulet.history.ResultLocation location(FlowRunRecord run, String taskRunName) {
        return run.persistedResults().stream().filter(r -> r.runName().equals(taskRunName)).findFirst().orElseThrow().result();
    }
}
