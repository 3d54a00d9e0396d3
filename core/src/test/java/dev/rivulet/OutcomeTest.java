package dev.rivulet;

import static dev.rivulet.Tasks.allowFailure;
import static dev.rivulet.Tasks.outcome;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.runner.TaskRunners;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dependent learns how its upstream ended through Tasks.outcome. */
class OutcomeTest {

    static final AtomicInteger REPORTS = new AtomicInteger();

    @TempDir
    Path dir;

    private Rivulet rivulet;

    @AfterEach
    void close() {
        if (rivulet != null) {
            rivulet.close();
        }
    }

    private Rivulet rivulet() {
        close();
        rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).localResultsDirectory(dir).build();
        return rivulet;
    }

    public interface Counting {
        @Task(name = "count-{file}")
        default long count(String file) {
            if (file.endsWith(".tmp")) {
                throw new IllegalArgumentException("not a data file: " + file);
            }
            return file.length();
        }

        @Task
        default long twice(Long n) {
            return 2 * n;
        }

        @Task
        default String report(Outcome<Long> total) {
            return switch (total) {
                case Outcome.Success<Long> success -> "total " + success.value();
                case Outcome.Failure<Long> failure -> failure.runName() + " " + failure.state() + ": " + failure.failure().summary();
            };
        }

        @Task(cachePolicy = CachePolicy.INPUTS)
        default String cachedReport(Outcome<Long> total) {
            REPORTS.incrementAndGet();
            return total.isSuccess() ? "total " + total.orElse(null) : "no total";
        }

        @Task(cachePolicy = CachePolicy.INPUTS)
        default String cachedNullable(Long total) {
            REPORTS.incrementAndGet();
            return total == null ? "no total" : "total " + total;
        }

        @Task
        default int succeeded(List<Outcome<Long>> parts) {
            return (int) parts.stream().filter(Outcome::isSuccess).count();
        }

        @Flow
        default String nightly(String file) {
            return submit(this::report, outcome(submit(this::count, file))).get();
        }
    }

    @Test
    void aDependentReceivesTheValueOrWhatFailed() {
        Counting counting = rivulet().stub(Counting.class);
        assertEquals("total 5", counting.nightly("a.csv"));
        assertEquals("count-b.tmp FAILED: java.lang.IllegalArgumentException: not a data file: b.tmp", counting.nightly("b.tmp"));
        assertEquals(State.COMPLETED, rivulet.lastFlowRun().orElseThrow().state(), "the failure was looked at");
    }

    @Test
    void theFailureCarriesTheUpstreamsLastAttemptAndSerializes() throws Exception {
        Counting counting = rivulet().stub(Counting.class);
        TaskFuture<Long> failed = submit(counting::count, "b.tmp");
        Outcome<Long> outcome = outcome(failed).get();
        Outcome.Failure<Long> failure = assertInstanceOf(Outcome.Failure.class, outcome);
        assertEquals(failed.taskRun().attemptFailures().get(0), failure.failure());
        assertEquals(1, failure.failure().attempt());
        assertTrue(failure.failure().stackTrace().get(0).contains("count"), failure.failure().stackTrace().toString());
        assertNull(outcome.orElse(null));
        assertEquals(failure, roundTrip(failure));

        Outcome<Long> success = outcome(submit(counting::count, "abc")).get();
        assertEquals(new Outcome.Success<>(3L), success);
        assertEquals(success, roundTrip(success));

        TaskFuture<Long> upstreamFailed = submit(counting::twice, failed);
        Outcome.Failure<?> second = assertInstanceOf(Outcome.Failure.class, outcome(upstreamFailed).get());
        assertEquals("dev.rivulet.UpstreamFailedException", second.failure().exceptionClass());
        assertEquals(0, second.failure().attempt());
    }

    @Test
    void manyOutcomesPassAsAList() {
        Counting counting = rivulet().stub(Counting.class);
        List<TaskFuture<Outcome<Long>>> parts = Stream.of("a.csv", "b.tmp", "c.csv").map(f -> outcome(submit(counting::count, f))).toList();
        assertEquals(2, submit(counting::succeeded, results(parts)).get());
    }

    @Test
    void aRunGivenAFailureIsNeitherReadFromNorWrittenToTheCache() throws IOException {
        Counting counting = rivulet().stub(Counting.class);
        REPORTS.set(0);
        long entries = entries();
        for (int i = 0; i < 2; i++) {
            TaskFuture<String> report = submit(counting::cachedReport, outcome(submit(counting::count, "b.tmp")));
            assertEquals("no total", report.get());
            assertEquals(State.COMPLETED, report.state());
            TaskFuture<String> nullable = submit(counting::cachedNullable, allowFailure(submit(counting::count, "b.tmp")));
            assertEquals("no total", nullable.get());
            assertEquals(State.COMPLETED, nullable.state());
        }
        assertEquals(4, REPORTS.get());
        assertEquals(entries, entries(), "nothing was stored");
    }

    @Test
    void aSuccessHasAStableCacheKey() {
        REPORTS.set(0);
        assertEquals("total 5", submit(rivulet().stub(Counting.class)::cachedReport, outcome(submit(rivulet.stub(Counting.class)::count, "a.csv"))).get());
        Counting again = rivulet().stub(Counting.class);
        TaskFuture<String> cached = submit(again::cachedReport, outcome(submit(again::count, "a.csv")));
        assertEquals("total 5", cached.get());
        assertEquals(State.CACHED, cached.state());
        assertEquals(1, REPORTS.get());
    }

    private long entries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
