package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches that call other assets, that stall past the run's timeout, or that are not one JSON array. */
class BatchesEdgeCasesTest {

    static final BufferAllocator ALLOCATOR = new RootAllocator();

    static VectorSchemaRoot table(int number) {
        VectorSchemaRoot table = VectorSchemaRoot.create(new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true)))), ALLOCATOR);
        BigIntVector ids = (BigIntVector) table.getVector("id");
        ids.allocateNew(10);
        for (int i = 0; i < 10; i++) {
            ids.set(i, number * 10L + i);
        }
        table.setRowCount(10);
        return table;
    }

    public interface Nested {
        @Asset(path = "inner/{n}.json")
        default Artifact inner(int n) {
            return Artifact.ofValue(Map.of("n", n));
        }

        /** Each batch materialises another asset first, from inside the outer one's batches. */
        @Asset(path = "outer.json")
        default Artifact outer() {
            return Artifact.ofBatches(IntStream.range(0, 3).mapToObj(n -> List.of(Map.of("inner", inner(n).rows()))));
        }

        /** The third table never comes within the run's timeout. */
        @Task(timeout = "1s")
        @Asset(path = "stalled.parquet")
        default Artifact stalled() {
            return Artifact.ofBatches(IntStream.range(0, 5).mapToObj(n -> {
                if (n == 2) {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
                return table(n);
            }));
        }

        @Asset(path = "tables.parquet")
        default Artifact tables() {
            return Artifact.ofBatches(IntStream.range(0, 3).mapToObj(BatchesEdgeCasesTest::table));
        }

        @Asset(path = "pages.json")
        default Artifact pages() {
            return Artifact.ofJson("[{\"a\": 1}][{\"a\": 2}]");
        }
    }

    @TempDir
    Path directory;

    @Test
    void anAssetCalledFromTheBatchesOfAnotherIsMaterialisedAndNeitherLosesItsLock() throws Exception {
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Artifact outer = rivulet.stub(Nested.class).outer();

            assertThat(outer.rows()).isEqualTo(3);
            assertThat(root.latest("inner/2.json")).isPresent();
            try (Stream<Path> staged = Files.list(directory.resolve("_artifacts/runs"))) {
                assertThat(staged).isEmpty();
            }
        }
    }

    @Test
    void aTimeoutWhileTablesAreWrittenEndsTheCopyAndTheNextRunWrites() {
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Nested nested = rivulet.stub(Nested.class);
            long started = System.nanoTime();
            assertThatThrownBy(nested::stalled).isInstanceOf(TaskTimeoutException.class);
            assertThat((System.nanoTime() - started) / 1_000_000).as("ended by its timeout, not by the stall").isLessThan(20_000);
            assertThat(directory.resolve("stalled.parquet")).doesNotExist();
            awaitNoThreadWaitingForABatch();

            assertThat(nested.tables().rows()).as("DuckDB and the copy threads are free again").isEqualTo(30);
        }
    }

    /** No thread (DuckDB's, or one running its COPY) is left waiting for a table the run will never hand over. */
    private static void awaitNoThreadWaitingForABatch() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            boolean waiting = Thread.getAllStackTraces().values().stream().anyMatch(stack -> Stream.of(stack)
                    .anyMatch(frame -> frame.getMethodName().equals("loadNextBatch") && frame.getClassName().contains("Materialization")));
            if (!waiting) {
                return;
            }
            assertThat(System.nanoTime()).as("a thread still waits for a table batch of the timed-out run").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void jsonTextAfterAnArrayIsRefusedNotDropped() {
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            assertThatThrownBy(rivulet.stub(Nested.class)::pages).isInstanceOf(AssetException.class)
                    .hasMessageContaining("batch 1 has more JSON after its array");
        }
    }
}
