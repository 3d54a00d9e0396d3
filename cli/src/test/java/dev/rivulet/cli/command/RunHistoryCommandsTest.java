package dev.rivulet.cli.command;

import static dev.rivulet.cli.command.RivuletInProcess.rivulet;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunQuery;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rivulet runs and rivulet show on a run store that real flows wrote. */
class RunHistoryCommandsTest {

    public interface Nightly {
        @Task(name = "extract-{part}")
        default int extract(int part) {
            return part * 10;
        }

        @Task(name = "load", retries = 1)
        default int load(List<Integer> parts) {
            if (parts.contains(-10)) {
                throw new IllegalStateException("part -1 is broken");
            }
            return parts.stream().mapToInt(Integer::intValue).sum();
        }

        @Flow(name = "nightly")
        default int run(List<Integer> parts) {
            List<TaskFuture<Integer>> extracted = parts.stream().map(part -> submit(this::extract, part)).toList();
            return submit(this::load, results(extracted)).get();   // the futures are the load's edges
        }
    }

    @TempDir
    static Path runs;

    static String completedId;
    static String failedId;

    @BeforeAll
    static void record() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2))
                .runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
            Nightly nightly = rivulet.stub(Nightly.class);
            nightly.run(List.of(1, 2, 3));
            try {
                nightly.run(List.of(4, -1));
            } catch (RuntimeException expected) {
                // recorded as FAILED
            }
            List<FlowRunRecord> recorded = rivulet.runHistory().list(RunQuery.all()).runs();
            failedId = recorded.get(0).id();
            completedId = recorded.get(1).id();
        }
    }



    @Test
    void runsListsNewestFirstAndFilters() {
        RivuletInProcess.Ended all = rivulet("runs", "--runs", runs.toString());
        assertThat(all.exitCode()).as(all.err()).isZero();
        List<String> lines = all.out().lines().toList();
        assertThat(lines.get(0)).startsWith("RUN").contains("FLOW", "NAME", "STATE", "STARTED (UTC)", "TOOK", "TASK RUNS");
        assertThat(lines.get(1)).startsWith(failedId).contains("nightly", "FAILED");
        assertThat(lines.get(2)).startsWith(completedId).contains("nightly", "COMPLETED").endsWith("4");

        RivuletInProcess.Ended failed = rivulet("runs", "--runs", runs.toString(), "--state", "FAILED", "--since", "1h");
        assertThat(failed.out().lines().skip(1).toList()).singleElement().asString().startsWith(failedId);
        assertThat(rivulet("runs", "--runs", runs.toString(), "--flow", "other").out()).contains("No runs in").contains("match");
        assertThat(rivulet("runs", "--runs", runs.toString(), "--since", "2999-01-01").out()).contains("No runs in");
    }

    @Test
    void showPrintsTheGraphTimelineAndWhyItFailed() {
        RivuletInProcess.Ended shown = rivulet("show", "--runs", runs.toString(), failedId.substring(0, 8));
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out())
                .contains("Flow run nightly", "FAILED", "id          " + failedId, "parameters  parts=[4, -1]")
                .contains("flow        " + Nightly.class.getName() + "#run")
                .contains("error       ").contains("part -1 is broken")
                .contains("Task runs (3 of 3 detailed):")
                .containsPattern("extract-4 +COMPLETED")
                .containsPattern("load-0 +FAILED .*2 attempts +<- extract-4 \\((future|result)\\), extract--1")
                .contains("Timeline (each row one task run; # while running, r at a retry):")
                .containsPattern("load-0 +\\|[ #r]*r[ #r]*\\|");
    }

    /** An application's configuration that records runs somewhere of its own, as one recording to S3 does. */
    public static final class RecordedElsewhere implements dev.rivulet.cli.RivuletConfiguration {
        static Path directory;

        @Override
        public void configure(Rivulet.Builder builder) {
            builder.runHistory(RunHistoryOptions.newBuilder().directory(directory).build());
        }
    }

    @Test
    void theHistoryOfAConfigurationIsReadWhenNoDirectoryIsGiven() {
        RecordedElsewhere.directory = runs;
        RivuletInProcess.Ended listed = rivulet("runs", "--config", RecordedElsewhere.class.getName());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(failedId).contains(completedId);
        assertThat(rivulet("show", "--config", RecordedElsewhere.class.getName(), completedId).out()).contains("COMPLETED");
    }

    @Test
    void reportWritesTheRunsHtmlFile(@TempDir Path reports) throws IOException {
        Path file = reports.resolve("failed.html");
        RivuletInProcess.Ended written = rivulet("report", "--runs", runs.toString(), failedId, "-o", file.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).isEqualTo("Report of flow run nightly-1 (FAILED): " + file.toAbsolutePath() + System.lineSeparator());
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("nightly-1").contains("part -1 is broken");

        RivuletInProcess.Ended unknown = rivulet("report", "--runs", runs.toString(), "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("no run 'nope' in ");
    }

    @Test
    void badRunIdsAndStoresAreUsageErrors(@TempDir Path empty) {
        RivuletInProcess.Ended unknown = rivulet("show", "--runs", runs.toString(), "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("no run 'nope' in ").contains("'rivulet runs' lists them");

        RivuletInProcess.Ended ambiguous = rivulet("show", "--runs", runs.toString(), "");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).startsWith("2 runs have an id starting with '' (").contains(failedId).contains("give more of it");

        RivuletInProcess.Ended noStore = rivulet("runs", "--runs", empty.resolve("missing").toString());
        assertThat(noStore.exitCode()).isEqualTo(2);
        assertThat(noStore.err()).startsWith("no run store at " + empty.resolve("missing"));

        RivuletInProcess.Ended badSince = rivulet("runs", "--runs", runs.toString(), "--since", "yesterday");
        assertThat(badSince.exitCode()).isEqualTo(2);
        assertThat(badSince.err()).contains("'yesterday' is neither a duration back from now (1d, 12h, 30m) nor a date");
    }

    @Test
    void aCorruptRecordIsNamedAndTheOthersStillList(@TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(runs)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(runs.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path damaged;
        try (Stream<Path> files = Files.walk(copy)) {
            damaged = files.filter(f -> f.getFileName().toString().contains(failedId)).filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.writeString(damaged, "{\"formatVersion\": 1, \"id\": ");
        RivuletInProcess.Ended listed = rivulet("runs", "--runs", copy.toString());
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains(completedId).doesNotContain(failedId + " ");
        assertThat(listed.err()).startsWith("cannot read the record of run " + failedId + ": ");

        RivuletInProcess.Ended shown = rivulet("show", "--runs", copy.toString(), failedId);
        assertThat(shown.exitCode()).isEqualTo(1);
        assertThat(shown.err()).contains(failedId);
    }
}
