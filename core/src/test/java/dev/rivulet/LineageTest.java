package dev.rivulet;

import static dev.rivulet.Tasks.quote;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.ResultStores;
import dev.rivulet.result.StoredResult;
import dev.rivulet.runner.TaskRunners;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache keys that take an upstream task run's result by its lineage: what a user of a cached
 * pipeline relies on, on a real local-disk store whose data reads are counted.
 */
class LineageTest {

    @TempDir
    Path dir;

    @AutoClose
    final OpenedRivulets opened = new OpenedRivulets();

    /** A big value of the kind a pipeline passes on: serializable, but no kind of value a cache key can hash. */
    public static final class Frame implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        final int[] values;

        Frame(int[] values) {
            this.values = values;
        }
    }

    /** The local directory store, counting the reads of stored data (opening an entry and reading only its record is not one). */
    static final class CountingStore implements ResultStore {
        private final ResultStore local;
        final Map<String, AtomicInteger> dataReads = new ConcurrentHashMap<>();

        CountingStore(Path directory) {
            this.local = ResultStores.local(directory);
        }

        int dataReadsOf(String taskName) {
            return dataReads.entrySet().stream().filter(e -> e.getKey().startsWith(taskName + "/"))
                    .mapToInt(e -> e.getValue().get()).sum();
        }

        @Override
        public String describe() {
            return "counted " + local.describe();
        }

        @Override
        public ResultRecord write(ResultRecord record, DataWriter data) throws IOException {
            return local.write(record, data);
        }

        @Override
        public Optional<ResultRecord> record(String key) throws IOException {
            return local.record(key);
        }

        /** Counts an entry's data as read once a byte of it is. */
        @Override
        public Optional<StoredResult> read(String key) throws IOException {
            return local.read(key).map(stored -> new StoredResult(stored.record(), new FilterInputStream(stored.data()) {
                private boolean counted;

                @Override
                public int read() throws IOException {
                    count();
                    return super.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    count();
                    return super.read(buffer, offset, length);
                }

                private void count() {
                    if (!counted) {
                        counted = true;
                        dataReads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }));
        }

        @Override
        public boolean delete(String key) throws IOException {
            return local.delete(key);
        }

        @Override
        public KeyLock lock(String key) throws IOException, InterruptedException {
            return local.lock(key);
        }

        @Override
        public void close() throws IOException {
            local.close();
        }
    }

    /** Rows of an extract whose stored entry is large enough (over 64 KiB) to be read only when needed. */
    static final int BIG = 40_000;
    static final AtomicInteger EXTRACTS = new AtomicInteger();
    static final AtomicInteger LOADS = new AtomicInteger();
    static final AtomicInteger BATCHES = new AtomicInteger();
    /** Holds the loads until all four run, proving they run side by side. */
    static volatile CountDownLatch loadsTogether = new CountDownLatch(0);

    public interface Pipeline {

        /** The big upstream result (more than 64 KiB for the rows the tests give): written to the store and dropped from memory. */
        @Task(cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, cacheResultInMemory = false, serializer = "java")
        default Frame extract(int rows) {
            EXTRACTS.incrementAndGet();
            return new Frame(IntStream.range(0, rows).toArray());
        }

        /** The big upstream result, kept in memory: a hit is read when a dependent first needs it, once. */
        @Task(cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, serializer = "java")
        default Frame extractKept(int rows) {
            EXTRACTS.incrementAndGet();
            return new Frame(IntStream.range(0, rows).toArray());
        }

        @Task
        default int size(Frame frame) {
            return frame.values.length;
        }

        /** Not cached: its lineage is its code and its input's lineage. */
        @Task(persistResult = true, cacheResultInMemory = false, serializer = "java")
        default Frame transform(Frame frame) {
            return new Frame(Arrays.stream(frame.values).map(v -> v * 2).toArray());
        }

        /** One part of the frame; no version, no cacheKeyExclude: the frame counts by its lineage. */
        @Task(name = "load-{part}", cachePolicy = CachePolicy.INPUTS, serializer = "java")
        default Long load(Frame frame, int part) throws InterruptedException {
            LOADS.incrementAndGet();
            loadsTogether.countDown();
            loadsTogether.await(10, TimeUnit.SECONDS);
            return Arrays.stream(frame.values).filter(v -> v % 4 == part).asLongStream().sum();
        }

        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "java")
        default Long loadAll(List<Frame> frames) {
            LOADS.incrementAndGet();
            return frames.stream().flatMapToInt(f -> Arrays.stream(f.values)).asLongStream().sum();
        }

        /** Whatever is new: the same code and inputs give another result each time. */
        @Task(lineage = false)
        default String latestBatch() {
            return "batch-" + BATCHES.get();
        }

        /** The same, without opting out: its lineage says nothing of which batch it returned. */
        @Task
        default String latestBatchWithLineage() {
            return "batch-" + BATCHES.get();
        }

        @Task(cachePolicy = CachePolicy.INPUTS)
        default String report(String batch) {
            LOADS.incrementAndGet();
            return "report of " + batch;
        }

        /** Four parts of the extract loaded side by side, from the future. */
        @Flow
        default List<Long> direct(int rows) {
            TaskFuture<Frame> frame = submit(this::extract, rows);
            List<TaskFuture<Long>> parts = new ArrayList<>();
            for (int part = 0; part < 4; part++) {
                parts.add(submit(this::load, frame, part));
            }
            return parts.stream().map(TaskFuture::get).toList();
        }

        /** Three uncached dependents of one kept extract, side by side. */
        @Flow
        default List<Integer> sizes(int rows) {
            TaskFuture<Frame> frame = submit(this::extractKept, rows);
            List<TaskFuture<Integer>> sizes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sizes.add(submit(this::size, frame));
            }
            return sizes.stream().map(TaskFuture::get).toList();
        }

        /** A cached dependent of the dropped extract that its first run computes. */
        @Flow
        default long total(int rows) {
            return submit(this::loadAll, results(List.of(submit(this::extract, rows)))).get();
        }

        /** The parts of the transformed extract. */
        @Flow
        default List<Long> transformed(int rows) {
            TaskFuture<Frame> frame = submit(this::transform, submit(this::extract, rows));
            List<TaskFuture<Long>> parts = new ArrayList<>();
            for (int part = 0; part < 4; part++) {
                parts.add(submit(this::load, frame, part));
            }
            return parts.stream().map(TaskFuture::get).toList();
        }

        /** The extract's result taken into the flow, and passed on quoted, inside a list, and as an equal copy. */
        @Flow
        default long byValue(int rows, boolean copy) throws InterruptedException {
            Frame frame = submit(this::extract, rows).get();
            Frame passed = copy ? new Frame(frame.values.clone()) : frame;
            return load(quote(passed), 0) + loadAll(List.of(passed));
        }

        @Flow
        default String reported(boolean optedOut) {
            return report(optedOut ? latestBatch() : latestBatchWithLineage());
        }
    }

    /** The transform's code changed: the same class layout, another body. */
    public static final class TripledTransform implements Pipeline {
        @Override
        public Frame transform(Frame frame) {
            return new Frame(Arrays.stream(frame.values).map(v -> v * 3).toArray());
        }
    }

    /** A new Rivulet on the shared directory, as the next JVM's would be. */
    private Rivulet rivulet(CountingStore store) {
        return opened.add(Rivulet.builder().taskRunner(TaskRunners.threadPool(4)).resultStore("counted", store)
                .defaultResultStore("counted").build());
    }

    private static List<State> states(Rivulet rivulet, String taskName) {
        return rivulet.lastFlowRun().orElseThrow().taskRuns().stream().filter(t -> t.taskName().equals(taskName))
                .map(TaskRun::state).toList();
    }

    @Test
    void dependentsOfAnUnchangedUpstreamStayCachedAndLoadNothing() {
        EXTRACTS.set(0);
        LOADS.set(0);
        CountingStore first = new CountingStore(dir);
        loadsTogether = new CountDownLatch(4);
        Rivulet cold = rivulet(first);
        List<Long> computed = cold.stub(Pipeline.class).direct(BIG);

        assertThat(states(cold, "load-{part}")).containsOnly(State.COMPLETED).hasSize(4);
        assertThat(loadsTogether.getCount()).as("the four loads of one upstream ran side by side").isZero();
        assertThat(first.dataReadsOf("extract")).as("each load read its own copy of the dropped extract").isEqualTo(4);

        CountingStore second = new CountingStore(dir);
        Rivulet cached = rivulet(second);
        List<Long> again = cached.stub(Pipeline.class).direct(BIG);

        assertThat(again).isEqualTo(computed);
        assertThat(states(cached, "extract")).containsExactly(State.CACHED);
        assertThat(states(cached, "load-{part}")).containsOnly(State.CACHED).hasSize(4);
        assertThat(EXTRACTS).hasValue(1);
        assertThat(LOADS).hasValue(4);
        assertThat(second.dataReadsOf("extract")).as("no load ran, so the extract was never read").isZero();
    }

    @Test
    void aBigHitKeptInMemoryIsReadOnceByItsFirstDependentThatRuns() {
        EXTRACTS.set(0);
        rivulet(new CountingStore(dir)).stub(Pipeline.class).sizes(BIG);

        CountingStore store = new CountingStore(dir);
        Rivulet second = rivulet(store);
        assertThat(second.stub(Pipeline.class).sizes(BIG)).containsExactly(BIG, BIG, BIG);
        assertThat(states(second, "extractKept")).containsExactly(State.CACHED);
        assertThat(EXTRACTS).hasValue(1);
        assertThat(store.dataReadsOf("extractKept")).as("three dependents ran, and shared one read").isEqualTo(1);
    }

    @Test
    void aDamagedBigHitFailsItsFirstReaderAndIsComputedAgainByTheNextRun() throws IOException {
        EXTRACTS.set(0);
        LOADS.set(0);
        rivulet(new CountingStore(dir)).stub(Pipeline.class).direct(BIG);
        Path entry;
        try (var files = java.nio.file.Files.walk(dir.resolve("extract"))) {
            entry = files.filter(java.nio.file.Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x55;
        java.nio.file.Files.write(entry, bytes);

        Pipeline damaged = rivulet(new CountingStore(dir)).stub(Pipeline.class);
        assertThatThrownBy(() -> damaged.total(BIG))
                .hasStackTraceContaining("is damaged").hasStackTraceContaining("it was removed, so the next run computes it again");

        Rivulet next = rivulet(new CountingStore(dir));
        assertThat(next.stub(Pipeline.class).total(BIG)).isEqualTo(IntStream.range(0, BIG).asLongStream().sum());
        assertThat(states(next, "extract")).containsExactly(State.COMPLETED);
        assertThat(EXTRACTS).hasValue(2);
    }

    @Test
    void aChangedUpstreamInvalidatesItsDependentsWithoutAVersion() {
        LOADS.set(0);
        CountingStore store = new CountingStore(dir);
        List<Long> doubled = rivulet(store).stub(Pipeline.class).transformed(100);
        assertThat(LOADS).hasValue(4);

        Rivulet same = rivulet(new CountingStore(dir));
        assertThat(same.stub(Pipeline.class).transformed(100)).isEqualTo(doubled);
        assertThat(states(same, "load-{part}")).as("same transform code: the loads are hits").containsOnly(State.CACHED);
        assertThat(LOADS).hasValue(4);

        Rivulet changed = rivulet(new CountingStore(dir));
        List<Long> tripled = changed.stub(Pipeline.class, new TripledTransform()).transformed(100);
        assertThat(states(changed, "extract")).containsExactly(State.CACHED);
        assertThat(states(changed, "load-{part}")).as("the transform's code changed: its lineage did, and the loads' keys")
                .containsOnly(State.COMPLETED).hasSize(4);
        assertThat(tripled).isNotEqualTo(doubled);
        assertThat(tripled.stream().mapToLong(Long::longValue).sum()).isEqualTo(3 * IntStream.range(0, 100).sum());
    }

    @Test
    void aResultTakenIntoTheFlowIsKeyedByItsLineageQuotedOrInsideAList() throws InterruptedException {
        LOADS.set(0);
        Rivulet first = rivulet(new CountingStore(dir));
        long sum = first.stub(Pipeline.class).byValue(50, false);
        assertThat(LOADS).hasValue(2);

        Rivulet second = rivulet(new CountingStore(dir));
        assertThat(second.stub(Pipeline.class).byValue(50, false)).isEqualTo(sum);
        assertThat(states(second, "load-{part}")).containsExactly(State.CACHED);
        assertThat(states(second, "loadAll")).containsExactly(State.CACHED);
        assertThat(LOADS).hasValue(2);
    }

    @Test
    void anEqualCopyIsAValueAndMustHashAsOne() {
        Pipeline pipeline = rivulet(new CountingStore(dir)).stub(Pipeline.class);
        assertThatThrownBy(() -> pipeline.byValue(50, true))
                .isInstanceOf(ResultKeyException.class)
                .hasMessageContaining("task run 'load-0'").hasMessageContaining("argument 'frame'")
                .hasMessageContaining(Frame.class.getName()).hasMessageContaining("cacheKeyExclude");
    }

    @Test
    void aTaskThatOptsOutIsKeyedByTheValueItReturnsOneThatDoesNotByItsCodeAndInputs() {
        LOADS.set(0);
        BATCHES.set(1);
        Pipeline pipeline = rivulet(new CountingStore(dir)).stub(Pipeline.class);
        assertThat(pipeline.reported(true)).isEqualTo("report of batch-1");
        assertThat(pipeline.reported(false)).isEqualTo("report of batch-1");
        assertThat(pipeline.reported(true)).isEqualTo("report of batch-1");
        assertThat(LOADS).as("the opted-out batch: a hit on its value; the other: its first key").hasValue(2);

        BATCHES.set(2);
        assertThat(pipeline.reported(true)).as("a new batch from the same code: a miss").isEqualTo("report of batch-2");
        assertThat(pipeline.reported(false)).as("same code, same inputs: the stale report, which is why such a task opts out")
                .isEqualTo("report of batch-1");
        assertThat(LOADS).hasValue(3);
    }
}
