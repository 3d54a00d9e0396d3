package dev.rivulet.snippets;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivulet.AttemptFailure;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.runner.TaskRunners;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The example in {@link AttemptFailure}'s javadoc: what each failed attempt of a run left behind. */
class AttemptFailureSnippetsTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    public interface Downloads {
        @Task(retries = 1)
        default String download(String url) {
            throw new IllegalStateException("attempt " + ATTEMPTS.incrementAndGet() + " refused");
        }

        @Flow
        default List<String> tryDownload(String url) {
            TaskFuture<String> future = submit(this::download, url);
            assertThrows(TaskFailedException.class, future::get);
            return attempts(future);
        }
    }

    // @start region=attempts
    static List<String> attempts(TaskFuture<?> future) {
        TaskRun run = future.taskRun();
        List<String> lines = new ArrayList<>();
        for (AttemptFailure failure : run.attemptFailures()) {
            lines.add("attempt " + failure.attempt() + ": " + failure.exceptionClass() + ": " + failure.message());
        }
        return lines;
    }
    // @end

    @Test
    void eachFailedAttemptIsDescribedInOrder() {
        ATTEMPTS.set(0);
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build()) {
            List<String> attempts = rivulet.stub(Downloads.class).tryDownload("https://example.com/trips.csv");

            assertEquals(List.of(
                    "attempt 1: java.lang.IllegalStateException: attempt 1 refused",
                    "attempt 2: java.lang.IllegalStateException: attempt 2 refused"), attempts);
        }
    }
}
