package dev.rivulet.internal.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rivulet.history.LogLine;
import org.junit.jupiter.api.Test;

/** The lines of slf4j-simple's layouts that reach a run's tail, and the output that does not. */
class SimpleLoggerCaptureTest {

    private final LogTail tail = new LogTail(3);

    @Test
    void copiesLinesInSlf4jSimplesLayoutsWithTheirLevelLoggerAndMessage() {
        SimpleLoggerCapture.copy(tail, "[rivulet-task-1] INFO com.example.Etl - read 12 rows - all of them", "task-1");
        SimpleLoggerCapture.copy(tail, "2026-12-05 03:00:00:123 +0000 [main] [WARN] Etl - slow", null);
        SimpleLoggerCapture.copy(tail, "[main] WARNING com.example.Etl - renamed level", null);

        assertThat(tail.lines()).extracting(LogLine::level, LogLine::logger, LogLine::taskRunId, LogLine::message).containsExactly(
                tuple("INFO", "com.example.Etl", "task-1", "read 12 rows - all of them"),
                tuple("WARN", "Etl", null, "slow"),
                tuple("WARN", "com.example.Etl", null, "renamed level"));
    }

    @Test
    void leavesOtherOutputAndKeepsOnlyTheLastLines() {
        SimpleLoggerCapture.copy(tail, "java.lang.IllegalStateException: boom", null);
        SimpleLoggerCapture.copy(tail, "\tat com.example.Etl.run(Etl.java:12)", null);
        SimpleLoggerCapture.copy(tail, "progress - 50%", null);
        assertThat(tail.lines()).isEmpty();

        for (int i = 0; i < 5; i++) {
            SimpleLoggerCapture.copy(tail, "[main] ERROR x - line " + i, null);
        }
        assertThat(tail.lines()).extracting(LogLine::message).containsExactly("line 2", "line 3", "line 4");
    }
}
