package dev.rivulet.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.resume.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under slf4j-simple, which has no appenders, the lines a run logs reach its record, and still reach System.err. */
class SimpleLoggerTailTest {

    @TempDir
    Path work;

    @Test
    void aRunsLinesLoggedThroughSlf4jSimpleAreInItsRecord() throws Exception {
        Path runs = work.resolve("runs");
        Path output = work.resolve("child.out");
        Process child = ChildJvm.start(SimpleLoggerChild.class, output, List.of("-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider"),
                runs.toString(), work.resolve("results").toString());
        String printed = ChildJvm.awaitSuccess(child, output, 60);
        assertThat(printed).contains("backend org.slf4j.simple.SimpleLoggerFactory", "run greeted world")
                .contains("INFO com.example.Greeting - hello world").contains("INFO com.example.Greeting - after the run");

        try (RunHistory history = RunHistory.open(runs)) {
            FlowRunRecord run = history.list(RunQuery.all()).runs().get(0);
            TaskRunRecord greet = run.taskRuns().get(0);
            assertThat(run.logTail()).anySatisfy(line -> {
                assertThat(line.level()).isEqualTo("INFO");
                assertThat(line.logger()).isEqualTo("com.example.Greeting");
                assertThat(line.message()).isEqualTo("hello world");
                assertThat(line.taskRunId()).isEqualTo(greet.id());
            });
            assertThat(run.logTail()).as("lines logged outside the run").noneMatch(line -> line.message().equals("after the run"));
        }
    }
}
