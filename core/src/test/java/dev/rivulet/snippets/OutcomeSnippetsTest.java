package dev.rivulet.snippets;

import static dev.rivulet.Tasks.outcome;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.Flow;
import dev.rivulet.Outcome;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.runner.TaskRunners;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example in {@link Outcome}'s javadoc: a report that runs whether or not its upstream failed. */
class OutcomeSnippetsTest {

    public interface Totals {
        @Task
        default long count(String part) {
            return part.length();
        }

        @Task
        default long merge(List<Long> counts) {
            if (counts.contains(0L)) {
                throw new IllegalArgumentException("an empty part: " + counts);
            }
            return counts.stream().mapToLong(Long::longValue).sum();
        }

        // @start region=report
        @Task
        default String report(Outcome<Long> total) {
            return switch (total) {
                case Outcome.Success<Long> s -> "total " + s.value();
                case Outcome.Failure<Long> f -> f.runName() + " failed: " + f.failure().summary();
            };
        }
        // @end

        @Flow
        default String summarize(List<String> partNames) {
            List<TaskFuture<Long>> parts = new ArrayList<>();
            for (String part : partNames) {
                parts.add(submit(this::count, part));
            }
            // @start region=submit
            TaskFuture<Long> total = submit(this::merge, results(parts));
            TaskFuture<String> report = submit(this::report, outcome(total));   // runs even if merge fails
            // @end
            return report.get();
        }
    }

    @Test
    void theReportHasTheTotalWhenMergeSucceeds() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            assertEquals("total 7", rivulet.stub(Totals.class).summarize(List.of("abc", "defg")));
        }
    }

    @Test
    void theReportRunsAndSaysWhyWhenMergeFails() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            String report = rivulet.stub(Totals.class).summarize(List.of("abc", ""));

            assertEquals("merge-0 failed: java.lang.IllegalArgumentException: an empty part: [3, 0]", report);
        }
    }
}
