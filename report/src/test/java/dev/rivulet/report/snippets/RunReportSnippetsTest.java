package dev.rivulet.report.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunQuery;
import dev.rivulet.report.RunReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of RunReports' javadoc and docs/report.md, compiled and run. */
class RunReportSnippetsTest {

    @TempDir
    Path runs;

    @TempDir
    Path reports;

    public interface Nightly {
        @Task
        default int part(int index) {
            return index * 10;
        }

        @Flow(name = "nightly")
        default int nightly() {
            return part(1) + part(2);
        }
    }

    @Test
    void write() throws IOException {
        try (Rivulet rivulet = Rivulet.builder().runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
            rivulet.stub(Nightly.class).nightly();
        }
        Path runsDirectory = runs;
        Path reportsDirectory = reports;
        // @start region="write"
        // in any JVM, from the directory the runs were recorded in
        try (RunHistory history = RunHistory.open(runsDirectory)) {
            for (FlowRunRecord run : history.list(RunQuery.all().flowName("nightly").limit(1)).runs()) {
                Path report = RunReports.write(run, reportsDirectory.resolve(run.name() + ".html"));
                System.out.println("report of " + run.name() + " (" + run.state() + "): " + report.toUri());
            }
        }
        // @end
        assertThat(Files.list(reports)).singleElement().satisfies(file -> assertThat(Files.readString(file)).contains("nightly-"));
    }
}
