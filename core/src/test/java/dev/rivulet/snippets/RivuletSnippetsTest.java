package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in {@link Rivulet}'s javadoc: a flow of two tasks, run on a thread pool. */
class RivuletSnippetsTest {

    // @start region=pipeline
    public interface Pipeline {
        @Task
        default List<String> extract(Path file) throws IOException {
            return Files.readAllLines(file);
        }

        @Task
        default int load(List<String> rows) {
            return rows.size();
        }

        @Flow
        default int etl(Path file) throws IOException {
            return load(extract(file));   // two task runs, and an edge between them
        }
    }

    static int run(Path file) throws IOException {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(8)).build()) {
            int loaded = rivulet.stub(Pipeline.class).etl(file);
            System.out.println(rivulet.lastFlowRun().orElseThrow().graph().render());
            return loaded;
        }
    }
    // @end

    @Test
    void theFlowLoadsEveryLineOfTheFile(@TempDir Path dir) throws IOException {
        Path trips = Files.writeString(dir.resolve("trips.csv"), "1,2.5\n2,0.8\n3,11.0\n");

        assertEquals(3, run(trips));
    }

    @Test
    void aMissingFileFailsTheFlowCallWithTheExtractTasksOwnException(@TempDir Path dir) {
        Path missing = dir.resolve("missing.csv");

        NoSuchFileException failed = assertThrows(NoSuchFileException.class, () -> run(missing));

        assertEquals(missing.toString(), failed.getFile());
    }
}
