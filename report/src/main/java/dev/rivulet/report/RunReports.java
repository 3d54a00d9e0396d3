package dev.rivulet.report;

import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.io.AtomicFile;
import dev.rivulet.report.internal.ReportPage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A flow run's report: one self-contained HTML file (its style, script, data and drawings inline;
 * nothing fetched from a server or a CDN) that any browser opens from disk, also offline and long
 * after the JVM that ran the flow is gone.
 *
 * <p>It shows the run's facts and parameters (as recorded: a secret is {@code Secret[NAME]}); a
 * timeline with a row per task run and subflow run, coloured by state, with every attempt, the
 * failed ones, cache hits, and the time each task run was queued, from its creation to its start; the
 * dependency graph, laid out in layers from upstream to downstream; a table of the task runs with
 * their attempts, durations, results and errors; the details of a run clicked in any of them (its
 * attempts with their failures and stack traces, its result's location, whether it was a cache
 * hit, its times, its upstream and downstream runs); the task runs counted by task and state, which
 * also counts those a big run's record does not detail ({@link
 * dev.rivulet.history.RunHistoryOptions#taskRunsInDetail()}); and the log tail. Every text from the
 * record is escaped: a task name or an error holding markup shows as that text.
 *
 * <p>Reports of big runs stay small and quick: the page holds the runs as one inline JSON object,
 * and its script draws only the rows and graph nodes in view. A run of 10,000 task runs makes a
 * report of about 1.5 MB, written in tens of milliseconds, that a browser opens in a fraction of a second.
 *
 * {@snippet file="dev/rivulet/report/snippets/RunReportSnippetsTest.java" region="write"}
 */
public final class RunReports {

    private RunReports() {}

    /**
     * Writes the report of {@code run} to {@code file}, atomically (a reader sees the previous file
     * or the new one, never part of one), in UTF-8; missing directories are made.
     *
     * @param run the flow run's record, as {@link dev.rivulet.history.RunHistory#find} reads it
     * @param file the HTML file to write, such as {@code reports/nightly.html}
     * @return {@code file}
     * @throws IOException if the file cannot be written; a file there before is left as it was
     */
    public static Path write(FlowRunRecord run, Path file) throws IOException {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(file, "file");
        try (AtomicFile atomic = AtomicFile.create(file, AtomicFile.Durability.NOT_FORCED)) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(atomic.outputStream(), StandardCharsets.UTF_8), 1 << 16);
            ReportPage.write(run, writer);
            writer.flush();
            atomic.commit();
        }
        return file;
    }

    /**
     * Writes the report of {@code run}, the whole HTML page, to {@code out}: for a report served
     * by an application of its own, or kept somewhere other than a file.
     *
     * @param run the flow run's record
     * @param out where the page goes, such as a {@link java.io.Writer} or a {@link StringBuilder}
     * @throws IOException if {@code out} throws one
     */
    public static void render(FlowRunRecord run, Appendable out) throws IOException {
        ReportPage.write(run, out);
    }
}
