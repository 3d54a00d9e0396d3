package dev.rivulet.examples.support;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.report.RunReports;
import java.io.IOException;
import java.nio.file.Path;

/** An example's run as an HTML report: written from the run history beside the example's other files, its path printed. */
public final class RunReport {

    private RunReport() {}

    /**
     * Writes the report of {@code run}, a flow run of {@code rivulet}, to {@code directory/<run name>.html}
     * and prints where it is.
     *
     * @return the report's file
     * @throws IOException if it cannot be written
     */
    public static Path write(Rivulet rivulet, FlowRun run, Path directory) throws IOException {
        FlowRunRecord record = rivulet.runHistory().find(run.id())
                .orElseThrow(() -> new IllegalStateException("flow run " + run.name() + " is not in the run history " + rivulet.runHistory().describe()));
        Path file = RunReports.write(record, directory.resolve(run.name().replaceAll("[^A-Za-z0-9._=-]", "_") + ".html"));
        System.out.println("Report of flow run " + run.name() + ": " + file.toAbsolutePath());
        return file;
    }
}
