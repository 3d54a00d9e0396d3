package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskRun;
import dev.rivulet.Tasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table batches are pulled on the thread that runs the asset, not on DuckDB's: a task the batches'
 * iterator calls is a task run of the flow, and sees the asset's run as the current one.
 */
class TableBatchesInFlowTest {

    static final BufferAllocator ALLOCATOR = new RootAllocator();
    static final Set<String> PULLED_IN = ConcurrentHashMap.newKeySet();

    public interface Pages {
        @Task(name = "page-{number}")
        default VectorSchemaRoot page(int number) {
            VectorSchemaRoot table = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(
                    org.apache.arrow.vector.types.pojo.Field.nullable("id", new org.apache.arrow.vector.types.pojo.ArrowType.Int(64, true)))),
                    ALLOCATOR);
            BigIntVector ids = (BigIntVector) table.getVector("id");
            ids.allocateNew(100);
            for (int i = 0; i < 100; i++) {
                ids.set(i, number * 100L + i);
            }
            table.setRowCount(100);
            return table;
        }

        @Asset(path = "pages.parquet", name = "pages")
        default Artifact pages(int count) {
            return Artifact.ofBatches(IntStream.range(0, count).mapToObj(number -> {
                PULLED_IN.add(Tasks.currentTaskRun().map(TaskRun::name).orElse("no task run"));
                return page(number);
            }));
        }

        @Flow
        default long load(int count) {
            return pages(count).rows();
        }
    }

    @Test
    void aTaskCalledByTheBatchesIsATaskRunOfTheFlow(@TempDir Path directory) {
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            assertThat(rivulet.stub(Pages.class).load(20)).isEqualTo(2_000);

            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(run.taskRuns()).filteredOn(task -> task.name().startsWith("page-")).hasSize(20)
                    .allMatch(task -> task.state() == State.COMPLETED);
            assertThat(PULLED_IN).as("the task run current while the batches were pulled").containsExactly("pages-0");
            assertThat(ALLOCATOR.getAllocatedMemory()).as("each page closed once written").isZero();
        }
    }
}
