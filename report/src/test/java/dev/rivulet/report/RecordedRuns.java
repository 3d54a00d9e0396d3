package dev.rivulet.report;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.param.Param;
import dev.rivulet.secret.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Records of real flow runs for the report's tests: flows run by a Rivulet with the run history on,
 * in a directory of the test's, and read back with {@link RunHistory} as another JVM would.
 */
final class RecordedRuns {

    /** A task name that is markup, and an error message that is a script: the report must show both as text. */
    static final String MARKUP_NAME = "<img src=x onerror=\"window.pwned=1\">";
    static final String SCRIPT_ERROR = "<script>window.pwned=1</script> refused";
    static final String SECRET_VALUE = "hunter2-do-not-show";

    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

    public interface Nightly {
        @Task(persistResult = true, cachePolicy = CachePolicy.INPUTS)
        default String extract(String day) {
            LoggerFactory.getLogger("com.example.Nightly").info("extracting {}", day);
            return "rows of " + day;
        }

        @Task(name = "transform-{part}")
        default int transform(String rows, int part) {
            return rows.length() + part;
        }

        @Task(retries = 2)
        default int flaky(String rows) {
            if (FLAKY_CALLS.getAndIncrement() % 2 == 0) {
                throw new IllegalStateException("the source timed out, try again");
            }
            return rows.length();
        }

        @Task(name = "check-{label}", retries = 1)
        default int check(String label, int value) {
            LoggerFactory.getLogger("com.example.Nightly").error("check {} refused {}", label, value);
            throw new IllegalArgumentException(SCRIPT_ERROR);
        }

        @Task
        default int publish(int checked) {
            return checked;
        }

        @Flow(name = "load")
        default int load(@Param("total") int total) {
            return transform("loaded", total);
        }

        @Flow(name = "nightly")
        default int nightly(@Param("day") String day, @Param("DB_PASS") Secret password) {
            String rows = extract(day);
            TaskFuture<Integer> first = submit(this::transform, rows, 1);
            TaskFuture<Integer> second = submit(this::transform, rows, 2);
            return load(first.get() + second.get());
        }

        @Flow(name = "nightly-checked")
        default int checked(@Param("day") String day, @Param("DB_PASS") Secret password) {
            String rows = extract(day);
            TaskFuture<Integer> flaky = submit(this::flaky, rows);
            TaskFuture<Integer> checked = submit(this::check, MARKUP_NAME, flaky);
            TaskFuture<Integer> published = submit(this::publish, checked);
            return published.get();
        }

        @Task
        default int part(int index) {
            return index;
        }

        @Task
        default int verify(int part) {
            return part;
        }

        @Flow(name = "fan-out")
        default long fanOut(@Param("parts") int parts) {
            List<TaskFuture<Integer>> verified = new ArrayList<>(parts);
            for (int i = 0; i < parts; i++) {
                verified.add(submit(this::verify, submit(this::part, i)));
            }
            long sum = 0;
            for (TaskFuture<Integer> future : verified) {
                sum += future.get();
            }
            return sum;
        }
    }

    private RecordedRuns() {}

    /** A completed run: an extract, two transforms side by side, and a subflow that loads their sum. */
    static FlowRunRecord small(Path directory) {
        return run(directory, 1_000, nightly -> nightly.nightly("2026-12-01", Secret.of("DB_PASS", SECRET_VALUE)));
    }

    /**
     * A failed run: the extract a cache hit (an earlier run of the same day made it), a flaky task
     * that fails its first attempt and succeeds on its retry, a check that fails both its attempts,
     * and a publish that fails because its upstream did.
     */
    static FlowRunRecord failed(Path directory) {
        FLAKY_CALLS.set(0);
        // the first run's extract makes the cache entry that the second run's extract hits
        return run(directory, 1_000, nightly -> {
            for (int run = 0; run < 2; run++) {
                try {
                    nightly.checked("2026-12-02", Secret.of("DB_PASS", SECRET_VALUE));
                    throw new AssertionError("the check always fails, and the flow with it");
                } catch (RuntimeException expected) {
                    // the flow failed: its record is what the report shows
                }
            }
        });
    }

    /** A run of {@code taskRuns} task runs (half of them parts, half verifying a part each), every one detailed. */
    static FlowRunRecord fanOut(Path directory, int taskRuns) {
        return fanOut(directory, taskRuns, taskRuns);
    }

    /** A run of {@code taskRuns} task runs, half of them parts, half verifying a part each, the first {@code inDetail} of them detailed. */
    static FlowRunRecord fanOut(Path directory, int taskRuns, int inDetail) {
        return run(directory, inDetail, nightly -> nightly.fanOut(taskRuns / 2));
    }

    private static FlowRunRecord run(Path directory, int taskRunsInDetail, java.util.function.Consumer<Nightly> flow) {
        Path runs = directory.resolve("runs");
        String id;
        try (Rivulet rivulet = Rivulet.builder()
                .localResultsDirectory(directory.resolve("results"))
                .runHistory(RunHistoryOptions.newBuilder().directory(runs).taskRunsInDetail(taskRunsInDetail).build())
                .build()) {
            flow.accept(rivulet.stub(Nightly.class));
            id = rivulet.lastFlowRun().orElseThrow().id();
        }
        try (RunHistory history = RunHistory.open(runs)) {
            return history.find(id).orElseThrow(() -> new AssertionError("no record of run " + id + " in " + runs));
        }
    }
}
