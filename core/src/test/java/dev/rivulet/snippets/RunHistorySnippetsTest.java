package dev.rivulet.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunListing;
import dev.rivulet.history.RunQuery;
import dev.rivulet.param.Param;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in the javadoc of {@link RunHistory}, {@link RunQuery} and {@link RunHistoryOptions}, and in docs/run-history.md. */
class RunHistorySnippetsTest {

    @TempDir
    Path work;

    public interface Nightly {
        @Task
        default int part(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("no part " + index);
            }
            return index * 10;
        }

        @Flow(name = "taxi-etl")
        default int etl(@Param("part") int index) {
            return part(index);
        }
    }

    static Rivulet rivulet(Path results, Path runs) {
        // @start region=options
        Rivulet rivulet = Rivulet.builder()
                .localResultsDirectory(results)
                .runHistory(RunHistoryOptions.newBuilder()
                        .directory(runs)                // ~/.rivulet/runs if not set
                        .keepRuns(5_000)                // 1,000 if not set
                        .keepFor(Duration.ofDays(90))   // 30 days if not set
                        .build())
                .build();
        // @end
        return rivulet;
    }

    // @start region=list
    static void printFailedRuns(Path runs, PrintStream out) {
        try (RunHistory history = RunHistory.open(runs)) {
            RunQuery failedToday = RunQuery.all()
                    .flowName("taxi-etl")
                    .states(State.FAILED, State.CRASHED)
                    .createdBetween(Instant.now().minus(Duration.ofDays(1)), null)
                    .limit(20);
            RunListing listing = history.list(failedToday);
            for (FlowRunRecord run : listing.runs()) {
                out.println(run.name() + " " + run.state() + " at " + run.created() + ": " + run.error());
            }
            listing.unreadable().forEach(bad -> out.println("cannot read " + bad.key().runId() + ": " + bad.problem()));
        }
    }
    // @end

    @Test
    void failedRunsAreListedFromTheirDirectory() {
        Path runs = work.resolve("runs");
        try (Rivulet rivulet = rivulet(work.resolve("results"), runs)) {
            Nightly nightly = rivulet.stub(Nightly.class);
            nightly.etl(1);
            try {
                nightly.etl(-1);
            } catch (RuntimeException expected) {
                // recorded as FAILED
            }
        }
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        printFailedRuns(runs, new PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("taxi-etl-1 FAILED at ")
                .contains("no part -1").hasLineCount(1);
    }
}
