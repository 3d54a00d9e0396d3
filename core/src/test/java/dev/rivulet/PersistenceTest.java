package dev.rivulet;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    private Rivulet rivulet;

    @BeforeEach
    void open() {
        rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).localResultsDirectory(dir).build();
    }

    @AfterEach
    void close() {
        rivulet.close();
    }

    /** Every array the blob task made, weakly: the runtime must not keep them. */
    static final ConcurrentLinkedQueue<WeakReference<byte[]>> MADE = new ConcurrentLinkedQueue<>();

    public interface Blobs {
        @Task(cacheResultInMemory = false, serializer = "java")
        default byte[] blob(int index) {
            byte[] bytes = new byte[1 << 20];
            Arrays.fill(bytes, (byte) index);
            MADE.add(new WeakReference<>(bytes));
            return bytes;
        }

        @Task
        default long sum(byte[] bytes) {
            long sum = 0;
            for (byte b : bytes) {
                sum += b;
            }
            return sum;
        }

        @Task
        default String plain(String text) {
            return text.toUpperCase();
        }

        @Flow(persistResult = true)
        default long sums(int count) {
            plain("persisted by the flow's default");
            List<TaskFuture<Long>> sums = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                sums.add(submit(this::sum, submit(this::blob, i)));
            }
            return Tasks.getAll(sums).stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void dependentsLoadAResultThatWasWrittenAndDroppedFromMemory() throws Exception {
        MADE.clear();
        Blobs blobs = rivulet.stub(Blobs.class);

        long total = blobs.sums(8);

        assertThat(total).isEqualTo((long) (1 << 20) * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7));
        for (int i = 0; i < 20 && MADE.stream().anyMatch(ref -> ref.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(MADE).hasSize(8).allMatch(ref -> ref.get() == null, "collected");
    }

    @Test
    void aFutureOfADroppedResultLoadsAFreshCopyOnEachGet() {
        Blobs blobs = rivulet.stub(Blobs.class);
        TaskFuture<byte[]> blob = submit(blobs::blob, 3);

        byte[] first = blob.get();
        byte[] second = blob.get();

        assertThat(first).isNotSameAs(second).isEqualTo(second).containsOnly(3);
        assertThat(blob.state()).isEqualTo(State.COMPLETED);
    }

    @Test
    void aDirectCallStillReturnsTheValue() {
        assertThat(rivulet.stub(Blobs.class).blob(5)).hasSize(1 << 20).containsOnly(5);
    }

    @Test
    void aFlowsPersistResultAppliesToItsTasks() throws IOException {
        rivulet.stub(Blobs.class).sums(1);

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> dir.relativize(p).toString().replace('\\', '/')))
                    .anyMatch(p -> p.matches("plain/runs/[0-9a-f-]{36}\\.result"))
                    .anyMatch(p -> p.matches("sum/runs/[0-9a-f-]{36}\\.result"));
        }
    }

    @Test
    void theMemoryStoreKeepsResultsWithoutFiles() throws IOException {
        TaskOptions inMemory = TaskOptions.newBuilder().persistResult(true).resultStore("memory").cachePolicy(CachePolicy.INPUTS).build();
        Blobs blobs = rivulet.stub(Blobs.class);
        String first = Tasks.with(inMemory).call(blobs::plain, "x");
        TaskFuture<String> second = Tasks.with(inMemory).submit(blobs::plain, "x");

        assertThat(second.get()).isEqualTo(first);
        assertThat(second.state()).isEqualTo(State.CACHED);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    public interface Dropping {
        @Task
        default String shout(String text) {
            return text.toUpperCase();
        }

        @Flow(cacheResultInMemory = false)
        default String run() {
            TaskOptions keep = TaskOptions.newBuilder().persistResult(false).build();
            return Tasks.with(keep).submit(this::shout, "kept").get() + " " + submit(this::shout, "dropped").get();
        }
    }

    @Test
    void aCallCanOptOutOfItsFlowsResultDefaults() throws IOException {
        assertThat(rivulet.stub(Dropping.class).run()).isEqualTo("KEPT DROPPED");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".result"))).hasSize(1);
        }
    }

    @Test
    void storesGivenToTheBuilderAreClosedWithTheRivuletEvenIfUnused() {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Rivulet.builder().resultStore("tracked", trackedStore(closed)).build().close();
        assertThat(closed).isTrue();
    }

    @Test
    void aBuildThatFailsClosesTheStoresAndRunnersItWasGiven() {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        dev.rivulet.runner.TaskRunner runner = TaskRunners.threadPool(1);
        Rivulet.Builder builder = Rivulet.builder().resultStore("given", trackedStore(closed)).taskRunner(runner).defaultResultStore("missing");
        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'missing'");
        assertThat(closed).as("the given store is closed").isTrue();
        assertThat(runner.isClosed()).as("the given runner is closed").isTrue();
    }

    /** A memory store that notes when it is closed. */
    private static dev.rivulet.result.ResultStore trackedStore(java.util.concurrent.atomic.AtomicBoolean closed) {
        dev.rivulet.result.ResultStore memory = dev.rivulet.result.ResultStores.memory(1 << 20);
        return new dev.rivulet.result.ResultStore() {
            public String describe() { return "tracked"; }
            public dev.rivulet.result.ResultRecord write(dev.rivulet.result.ResultRecord r, DataWriter d) throws IOException { return memory.write(r, d); }
            public java.util.Optional<dev.rivulet.result.ResultRecord> record(String k) throws IOException { return memory.record(k); }
            public java.util.Optional<dev.rivulet.result.StoredResult> read(String k) throws IOException { return memory.read(k); }
            public boolean delete(String k) throws IOException { return memory.delete(k); }
            public void close() { closed.set(true); }
        };
    }
}
