package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.State;
import dev.rivulet.runner.TaskRunners;
import dev.rivulet.snippets.RivuletSnippetsTest.Pipeline;
import dev.rivulet.testing.RivuletExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The example in {@link RivuletExtension}'s javadoc, itself a test that runs {@link Pipeline}. */
class RivuletExtensionSnippetsTest {

    @TempDir
    static Path dir;

    static Path sample;

    @BeforeAll
    static void writeSample() throws IOException {
        sample = Files.writeString(dir.resolve("sample.csv"), "1,2.5\n2,0.8\n3,11.0\n");
    }

    // @start region=test
    @RegisterExtension
    final RivuletExtension rivulet = RivuletExtension.withRunner(TaskRunners::sequential);

    @Test
    void loadsEveryRow() throws IOException {
        int rows = rivulet.stub(Pipeline.class).etl(sample);
        assertEquals(3, rows);
        assertEquals(State.COMPLETED, rivulet.lastFlowRun().state());
    }
    // @end
}
