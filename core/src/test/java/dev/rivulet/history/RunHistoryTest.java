package dev.rivulet.history;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.param.Param;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Flow runs recorded in a real directory and read back: what a record holds, when, and what reading it tells. */
class RunHistoryTest {

    @TempDir
    Path results;

    @TempDir
    Path runs;

    static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    public interface Etl {
        @Task(persistResult = true, cachePolicy = CachePolicy.INPUTS)
        default String extract(String day) {
            LoggerFactory.getLogger("com.example.Etl").warn("extracting {}", day);
            return "rows of " + day;
        }

        @Task(retries = 2)
        default int flaky(String rows) {
            if (FLAKY_CALLS.getAndIncrement() == 0) {
                throw new IllegalStateException("the first call fails");
            }
            return rows.length();
        }

        @Task
        default int fail(int ignored) {
            throw new IllegalArgumentException("always fails");
        }

        @Task
        default int length(String rows) {
            return rows.length();
        }

        @Flow(name = "load")
        default int load(@Param("rows") String rows) {
            return length(rows);
        }

        @Flow(name = "etl")
        default int etl(@Param("day") String day, @Param("tags") List<String> tags) {
            String rows = extract(day);
            TaskFuture<Integer> count = submit(this::flaky, rows);
            return load(rows) + count.get();
        }

        @Flow(name = "failing")
        default int failing(@Param("n") int n) {
            return fail(n);
        }

        @Task
        default int blocked(int n) throws InterruptedException {
            RELEASE.await();
            return n;
        }

        @Flow(name = "waiting")
        default int waiting() throws InterruptedException {
            return blocked(1);
        }

        @Task
        default int square(int n) {
            if (n == 42) {
                throw new IllegalStateException("42 is refused");
            }
            return n * n;
        }

        @Flow(name = "many")
        default long many(@Param("count") int count) {
            List<TaskFuture<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                squares.add(submit(this::square, i));
            }
            long sum = 0;
            for (TaskFuture<Integer> square : squares) {
                sum += square.get();
            }
            return sum;
        }
    }

    private Rivulet rivulet(RunHistoryOptions.Builder history) {
        return Rivulet.builder().localResultsDirectory(results).runHistory(history.directory(runs).build()).build();
    }

    @Test
    void aFlowRunIsRecordedWithItsTaskRunsAttemptsEdgesSubflowsResultsAndLogLines() {
        FLAKY_CALLS.set(0);
        FlowRun live;
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder())) {
            Etl etl = rivulet.stub(Etl.class);
            assertThat(etl.etl("2026-12-01", List.of("a", "b"))).isEqualTo(36);
            live = rivulet.lastFlowRun().orElseThrow();
            FlowRunRecord run = rivulet.runHistory().find(live.id()).orElseThrow();

            assertThat(run.formatVersion()).isEqualTo(FlowRunRecord.FORMAT_VERSION);
            assertThat(run.flowName()).isEqualTo("etl");
            assertThat(run.flowMethod()).isEqualTo(Etl.class.getName() + "#etl");
            assertThat(run.name()).isEqualTo(live.name());
            assertThat(run.parentId()).isNull();
            assertThat(run.parameters()).containsExactly(java.util.Map.entry("day", "2026-12-01"), java.util.Map.entry("tags", "[a, b]"));
            assertThat(run.state()).isEqualTo(State.COMPLETED);
            assertThat(run.processDied()).isFalse();
            assertThat(run.startTime()).isEqualTo(live.startTime().orElseThrow());
            assertThat(run.endTime()).isEqualTo(live.endTime().orElseThrow());
            assertThat(run.pid()).isEqualTo(ProcessHandle.current().pid());

            TaskRunRecord extract = run.taskRuns().get(0);
            assertThat(extract.taskName()).isEqualTo("extract");
            assertThat(extract.state()).isEqualTo(State.COMPLETED);
            assertThat(extract.result()).isNotNull();
            assertThat(extract.result().store()).isEqualTo("local");
            assertThat(results.resolve(extract.result().key() + ".result")).exists();
            assertThat(extract.duration()).isPresent();
            assertThat(extract.created()).isEqualTo(live.taskRuns().get(0).created()).isBeforeOrEqualTo(extract.startTime());
            assertThat(extract.queued()).hasValue(java.time.Duration.between(extract.created(), extract.startTime()));

            TaskRunRecord flaky = run.taskRuns().get(1);
            assertThat(flaky.taskName()).isEqualTo("flaky");
            assertThat(flaky.attempts()).isEqualTo(2);
            assertThat(flaky.attemptFailures()).singleElement()
                    .satisfies(f -> assertThat(f.summary()).isEqualTo("java.lang.IllegalStateException: the first call fails"));
            assertThat(run.edges()).contains(new RunEdge(extract.id(), flaky.id(), RunGraph.EdgeKind.RESULT));

            FlowRunRecord load = run.subflows().get(0);
            assertThat(load.flowName()).isEqualTo("load");
            assertThat(load.parentId()).isEqualTo(run.id());
            assertThat(load.parameters()).containsEntry("rows", "rows of 2026-12-01");
            assertThat(load.taskRuns()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(State.COMPLETED));
            assertThat(run.edges()).contains(new RunEdge(extract.id(), load.id(), RunGraph.EdgeKind.RESULT));
            assertThat(run.taskRunCounts()).extracting(TaskRunCounts::taskName).containsExactly("extract", "flaky");
            assertThat(run.taskRunCount()).isEqualTo(2);

            assertThat(run.logTail()).anySatisfy(line -> {
                assertThat(line.message()).isEqualTo("extracting 2026-12-01");
                assertThat(line.level()).isEqualTo("WARN");
                assertThat(line.logger()).isEqualTo("com.example.Etl");
                assertThat(line.taskRunId()).isEqualTo(extract.id());
            });

            // the same day again: the extract is a cache hit, found where the first run wrote it
            etl.etl("2026-12-01", List.of());
            FlowRunRecord second = rivulet.runHistory().find(rivulet.lastFlowRun().orElseThrow().id()).orElseThrow();
            assertThat(second.taskRuns().get(0).cacheHit()).isTrue();
            assertThat(second.taskRuns().get(0).result()).isEqualTo(extract.result());
        }
        // from a history of its own, as another JVM would open it
        try (RunHistory history = RunHistory.open(runs)) {
            assertThat(history.list(RunQuery.all()).runs()).hasSize(2);
            assertThat(history.find(live.id()).orElseThrow().taskRuns()).hasSize(2);
            assertThat(history.find("no-such-run")).isEmpty();
        }
    }

    @Test
    void aRunningFlowIsOnDiskWithinASecondAndReadsAsRunningWhileItsWriterLives() throws Exception {
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder()); RunHistory other = RunHistory.open(runs)) {
            Etl etl = rivulet.stub(Etl.class);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> waiting = caller.submit(etl::waiting);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (rivulet.lastFlowRun().isEmpty()) {
                    Thread.sleep(5);
                }
                TaskRun blocked;
                do {
                    List<TaskRun> taskRuns = rivulet.lastFlowRun().orElseThrow().taskRuns();
                    blocked = taskRuns.isEmpty() ? null : taskRuns.get(0);
                    Thread.sleep(5);
                } while (blocked == null || blocked.state() != State.RUNNING);
                long running = System.nanoTime();
                FlowRunRecord seen = null;
                while (seen == null || seen.taskRuns().isEmpty() || seen.taskRuns().get(0).state() != State.RUNNING) {
                    assertThat(System.nanoTime()).as("the record shows the running task").isLessThan(deadline);
                    Thread.sleep(10);
                    seen = other.list(RunQuery.all()).runs().stream().findFirst().orElse(null);
                }
                long behind = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - running);
                assertThat(behind).as("ms between the task's start and its record").isLessThan(1_000);
                assertThat(seen.state()).isEqualTo(State.RUNNING);
                assertThat(seen.processDied()).isFalse();
                assertThat(seen.endTime()).isNull();
                RELEASE.countDown();
                assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                RELEASE.countDown();
                caller.shutdownNow();
            }
        }
    }

    @Test
    void listsFilterByFlowNameStateAndTimeNewestFirst() {
        Instant before;
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder())) {
            Etl etl = rivulet.stub(Etl.class);
            etl.load("a");
            etl.load("bb");
            assertThatThrownBy(() -> etl.failing(3)).hasMessageContaining("always fails");
            before = Instant.now();
            etl.load("ccc");
            RunHistory history = rivulet.runHistory();

            assertThat(history.list(RunQuery.all()).runs()).extracting(FlowRunRecord::flowName)
                    .containsExactly("load", "failing", "load", "load");
            assertThat(history.list(RunQuery.all().flowName("load")).runs()).extracting(r -> r.parameters().get("rows"))
                    .containsExactly("ccc", "bb", "a");
            FlowRunRecord failed = history.list(RunQuery.all().states(State.FAILED)).runs().get(0);
            assertThat(failed.flowName()).isEqualTo("failing");
            assertThat(failed.error()).contains("always fails");
            assertThat(failed.taskRuns()).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo(State.FAILED);
                assertThat(t.error()).isEqualTo("java.lang.IllegalArgumentException: always fails");
            });
            assertThat(history.list(RunQuery.all().createdBetween(before, null)).runs()).extracting(r -> r.parameters().get("rows"))
                    .containsExactly("ccc");
            assertThat(history.list(RunQuery.all().createdBetween(null, before)).runs()).hasSize(3);
            assertThat(history.list(RunQuery.all().flowName("load").limit(2)).runs()).hasSize(2);
            assertThat(history.list(RunQuery.all().flowName("nothing")).runs()).isEmpty();
        }
    }

    @Test
    void aLargeFlowDetailsItsFirstTaskRunsAndItsFailuresAndCountsThemAll() {
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().taskRunsInDetail(10))) {
            assertThatThrownBy(() -> rivulet.stub(Etl.class).many(50)).isInstanceOf(RuntimeException.class);
            FlowRunRecord run = rivulet.runHistory().list(RunQuery.all()).runs().get(0);
            assertThat(run.taskRunCount()).isEqualTo(50);
            assertThat(run.taskRunCounts()).singleElement().satisfies(counts -> {
                // The flow fails at square-42's get(), and cancels the runs after it that had not ended yet.
                assertThat(counts.count(State.COMPLETED)).isBetween(42, 49);
                assertThat(counts.count(State.COMPLETED) + counts.count(State.CANCELLED)).isEqualTo(49);
                assertThat(counts.count(State.FAILED)).isEqualTo(1);
                assertThat(counts.unfinished()).isZero();
            });
            // Detailed: the first ten, then the runs that failed or were cancelled beyond them, in the order they ended.
            int cancelled = run.taskRunCounts().get(0).count(State.CANCELLED);
            long cancelledAmongFirst = run.taskRuns().stream().limit(10).filter(task -> task.state() == State.CANCELLED).count();
            assertThat(run.taskRuns()).hasSize(11 + cancelled - (int) cancelledAmongFirst);
            assertThat(run.taskRuns().subList(0, 10)).extracting(TaskRunRecord::name)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "square-" + i).toList());
            assertThat(run.taskRuns().get(10).name()).isEqualTo("square-42");
            assertThat(run.taskRuns().get(10).state()).isEqualTo(State.FAILED);
            assertThat(run.taskRuns().subList(11, run.taskRuns().size())).extracting(TaskRunRecord::state).allMatch(state -> state == State.CANCELLED);
        }
    }

    @Test
    void manyFlowsAtOnceFromTwoRivuletsAreEachRecordedWhole() throws Exception {
        int threads = 8;
        int flowsPerThread = 10;
        try (Rivulet first = rivulet(RunHistoryOptions.newBuilder()); Rivulet second = rivulet(RunHistoryOptions.newBuilder())) {
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Etl etl = (t % 2 == 0 ? first : second).stub(Etl.class);
                    int thread = t;
                    calls.add(callers.submit(() -> {
                        for (int i = 0; i < flowsPerThread; i++) {
                            etl.many(5 + thread);
                        }
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
        }
        try (RunHistory history = RunHistory.open(runs)) {
            RunListing listing = history.list(RunQuery.all());
            assertThat(listing.unreadable()).isEmpty();
            assertThat(listing.runs()).hasSize(threads * flowsPerThread);
            assertThat(listing.runs()).allSatisfy(run -> {
                assertThat(run.state()).isEqualTo(State.COMPLETED);
                assertThat(run.taskRuns()).hasSize(Integer.parseInt(run.parameters().get("count")));
                assertThat(run.taskRuns()).allSatisfy(t -> assertThat(t.state()).isEqualTo(State.COMPLETED));
            });
            assertThat(listing.runs().stream().map(FlowRunRecord::writerId).distinct().count()).isEqualTo(2);
        }
        try (Stream<Path> files = Files.list(runs)) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(name -> name.endsWith(".json") || name.equals("writers"));
        }
        try (Stream<Path> writers = Files.list(runs.resolve("writers"))) {
            assertThat(writers).as("the writers' lock files, deleted when they closed").isEmpty();
        }
    }

    @Test
    void retentionKeepsTheNewestRecordsUpToTheCountAndNoneOlderThanTheAge() throws Exception {
        RunStore store = RunStores.local(runs);
        FlowRunRecord old;
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder())) {
            rivulet.stub(Etl.class).load("old");
            old = rivulet.runHistory().list(RunQuery.all()).runs().get(0);
        }
        // the same run, as if it had been made 40 days ago
        RunKey oldKey = new RunKey("aged-run", Instant.now().minus(Duration.ofDays(40)));
        store.write(oldKey, Files.readAllBytes(runs.resolve(Files.list(runs).filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow()
                .getFileName())).clone());
        assertThat(store.list()).hasSize(2);

        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().keepRuns(3).keepFor(Duration.ofDays(30)))) {
            Etl etl = rivulet.stub(Etl.class);
            for (int i = 0; i < 6; i++) {
                etl.load("run " + i);
            }
        }
        List<RunKey> kept = store.list();
        assertThat(kept).hasSize(3).doesNotContain(oldKey).noneMatch(key -> key.runId().equals(old.id()));
        try (RunHistory history = RunHistory.open(runs)) {
            assertThat(history.list(RunQuery.all()).runs()).extracting(r -> r.parameters().get("rows"))
                    .containsExactly("run 5", "run 4", "run 3");
        }
    }

    @Test
    void aCorruptRecordIsReportedClearlyAndTheOthersAreStillListed() throws Exception {
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder())) {
            Etl etl = rivulet.stub(Etl.class);
            etl.load("one");
            etl.load("two");
        }
        RunStore store = RunStores.local(runs);
        RunKey broken = new RunKey("broken-run", Instant.parse("2026-01-01T00:00:00Z"));
        store.write(broken, "{\"formatVersion\":1,\"id\":\"broken-run\",\"flowName\":".getBytes(StandardCharsets.UTF_8));
        RunKey future = new RunKey("future-run", Instant.parse("2026-01-02T00:00:00Z"));
        store.write(future, "{\"formatVersion\":7,\"id\":\"future-run\",\"somethingNew\":{}}".getBytes(StandardCharsets.UTF_8));
        RunKey incomplete = new RunKey("incomplete-run", Instant.parse("2026-01-03T00:00:00Z"));
        store.write(incomplete, "{\"formatVersion\":1,\"id\":\"incomplete-run\"}".getBytes(StandardCharsets.UTF_8));

        try (RunHistory history = RunHistory.open(runs)) {
            RunListing listing = history.list(RunQuery.all());
            assertThat(listing.runs()).extracting(r -> r.parameters().get("rows")).containsExactly("two", "one");
            assertThat(listing.unreadable()).extracting(UnreadableRun::key).containsExactly(incomplete, future, broken);

            assertThatThrownBy(() -> history.find("broken-run")).isInstanceOf(RunRecordException.class)
                    .hasMessageStartingWith("run record broken-run in local(" + runs.toAbsolutePath())
                    .hasMessageContaining("is not valid JSON").hasMessageContaining("delete it, or restore it from a backup");
            assertThatThrownBy(() -> history.find("future-run")).isInstanceOf(RunRecordException.class)
                    .hasMessageContaining("was written in format version 7, newer than version 1, the newest this Rivulet reads")
                    .hasMessageContaining("read it with a newer rivulet-core");
            assertThatThrownBy(() -> history.find("incomplete-run")).isInstanceOf(RunRecordException.class)
                    .hasMessageContaining("is not a complete run record of format version 1");
        }
    }

    @Test
    void historyOffRecordsNothing() throws Exception {
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder().enabled(false))) {
            rivulet.stub(Etl.class).load("x");
            assertThatThrownBy(rivulet::runHistory).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("run history of this Rivulet is off");
        }
        String previous = System.setProperty(RunHistoryOptions.ENABLED_PROPERTY, "false");
        try (Rivulet rivulet = rivulet(RunHistoryOptions.newBuilder())) {
            rivulet.stub(Etl.class).load("y");
            assertThatThrownBy(rivulet::runHistory).isInstanceOf(IllegalStateException.class);
        } finally {
            if (previous == null) {
                System.clearProperty(RunHistoryOptions.ENABLED_PROPERTY);
            } else {
                System.setProperty(RunHistoryOptions.ENABLED_PROPERTY, previous);
            }
        }
        try (Stream<Path> files = Files.list(runs)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theDefaultDirectoryIsRunsBesideTheDefaultResultsDirectory() {
        String runsProperty = System.clearProperty(RunHistoryOptions.DIRECTORY_PROPERTY);
        String resultsProperty = System.clearProperty("rivulet.results.dir");
        try {
            assertThat(RunHistoryOptions.defaultDirectory()).isEqualTo(Path.of(System.getProperty("user.home"), ".rivulet", "runs"));
            System.setProperty("rivulet.results.dir", results.resolve("results").toString());
            assertThat(RunHistoryOptions.defaultDirectory()).isEqualTo(results.resolve("runs").toAbsolutePath());
            System.setProperty(RunHistoryOptions.DIRECTORY_PROPERTY, runs.toString());
            assertThat(RunHistoryOptions.defaultDirectory()).isEqualTo(runs);
        } finally {
            restore(RunHistoryOptions.DIRECTORY_PROPERTY, runsProperty);
            restore("rivulet.results.dir", resultsProperty);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void optionsRefuseBadValuesNamingThem() {
        assertThatThrownBy(() -> RunHistoryOptions.newBuilder().keepRuns(0)).hasMessage("keepRuns must be at least 1, was 0");
        assertThatThrownBy(() -> RunHistoryOptions.newBuilder().keepFor(Duration.ZERO)).hasMessage("keepFor must be positive, was PT0S");
        assertThatThrownBy(() -> RunHistoryOptions.newBuilder().taskRunsInDetail(-1)).hasMessage("taskRunsInDetail must not be negative, was -1");
        assertThatThrownBy(() -> RunHistoryOptions.newBuilder().directory(runs).store(RunStores.local(runs)))
                .hasMessageContaining("set a directory or a store, not both");
        assertThatThrownBy(() -> RunQuery.all().limit(0)).hasMessage("a run query's limit must be at least 1, was 0");
        assertThatThrownBy(() -> new RunKey("../escape", Instant.now())).hasMessageContaining("was '../escape'");
    }
}
