package dev.rivulet.cli.command;

import static dev.rivulet.cli.command.RivuletInProcess.rivulet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rivulet resume on runs that real flows recorded: one killed with SIGKILL in a JVM of its own, and bad input. */
class ResumeCommandTest {

    private static final String CONFIG = ResumableConfiguration.class.getName();
    private static final LocalDate DAY = LocalDate.of(2023, 9, 1);

    @TempDir
    Path work;

    Path runs;
    Path log;

    @BeforeEach
    void directories() throws IOException {
        runs = Files.createDirectories(work.resolve("runs"));
        log = work.resolve("bodies.log");
        System.setProperty(ResumableConfiguration.RESULTS_PROPERTY, work.resolve("results").toString());
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(ResumableConfiguration.RESULTS_PROPERTY);
    }

    @Test
    void aRunKilledMidFlowIsResumedReusingWhatItPersisted() throws Exception {
        Path output = work.resolve("child.out");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-D" + Resumable.HANG_PROPERTY + "=2", "-D" + ResumableConfiguration.RESULTS_PROPERTY + "=" + work.resolve("results"),
                "-Drivulet.runs.dir=" + runs, "-cp", System.getProperty("java.class.path"), RivuletCommand.class.getName(),
                "run", "--config", CONFIG, Resumable.class.getName() + "#parts", "--log", log.toString(), "--day", DAY.toString(),
                "--parts", "0,1,2,3"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        String crashedId;
        try (RunHistory history = RunHistory.open(runs)) {
            FlowRunRecord running = awaitPersisted(history, 2, child, output);
            child.destroyForcibly();  // SIGKILL: no shutdown hook, no finally
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            FlowRunRecord crashed = history.find(running.id()).orElseThrow();
            assertThat(crashed.state()).isEqualTo(State.CRASHED);
            crashedId = crashed.id();
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readAllLines(log)).containsExactly("extract 0", "extract 1", "extract 2");

        RivuletInProcess.Ended resumed = rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, crashedId.substring(0, 8));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Files.readAllLines(log)).as("the bodies that ran again").containsExactly(
                "extract 0", "extract 1", "extract 2", "extract 2", "extract 3", "load");
        List<String> out = resumed.out().lines().toList();
        assertThat(out.get(0)).as("what the flow returned").isEqualTo(String.valueOf(4 * 100 + 0 + 1 + 2 + 3));
        assertThat(out.get(1)).matches("Flow run resumable-\\d+ \\(([-0-9a-f]+)\\) resumed " + crashedId
                + ": COMPLETED; 2 task runs reused, 3 run again");
        try (RunHistory history = RunHistory.open(runs)) {
            FlowRunRecord newRun = history.list(RunQuery.all()).runs().get(0);
            assertThat(newRun.id()).isNotEqualTo(crashedId);
            assertThat(newRun.resumedFrom()).isEqualTo(crashedId);
            assertThat(newRun.state()).isEqualTo(State.COMPLETED);
            assertThat(rivulet("show", "--runs", runs.toString(), newRun.id()).out()).contains("resumes     " + crashedId);
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() throws Exception {
        FlowRunRecord failed;
        FlowRunRecord completed;
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(work.resolve("results"))
                .runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
            Resumable flow = rivulet.stub(Resumable.class);
            assertThatThrownBy(() -> flow.parts(log, DAY, List.of(0, -1))).hasMessageContaining("part -1 is broken");
            assertThat(flow.parts(work.resolve("other.log"), DAY, List.of(5))).isEqualTo(105);
            List<FlowRunRecord> recorded = rivulet.runHistory().list(RunQuery.all()).runs();
            completed = recorded.get(0);
            failed = recorded.get(1);
        }
        Path failedFile = recordFile(failed.id());
        String json = Files.readString(failedFile);
        String goneId = UUID.randomUUID().toString();
        Files.writeString(failedFile.resolveSibling(failedFile.getFileName().toString().replace(failed.id(), goneId)),
                json.replace(failed.id(), goneId).replace(Resumable.class.getName() + "#parts", "com.example.Gone#parts"));
        String unparsableId = UUID.randomUUID().toString();
        Files.writeString(failedFile.resolveSibling(failedFile.getFileName().toString().replace(failed.id(), unparsableId)),
                json.replace(failed.id(), unparsableId).replace("\"day\":\"2023-09-01\"", "\"day\":\"the first of September\""));
        long records = records();
        List<String> bodies = Files.readAllLines(log);

        assertRefused(rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, "nope"), "no run 'nope' in ");
        assertRefused(rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, ""), "4 runs have an id starting with '' (");
        assertRefused(rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, completed.id()),
                "flow run " + completed.id() + " ('resumable-1') is COMPLETED; only a FAILED, CRASHED or CANCELLED run can be resumed");
        assertRefused(rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, goneId),
                "flow class com.example.Gone is not on the class path");
        assertRefused(rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, unparsableId),
                "flow run " + unparsableId + " ('resumable-0') cannot be resumed: parameter day (as recorded): ");
        assertRefused(rivulet("resume", "--runs", work.resolve("missing").toString(), failed.id()), "no run store at ");

        assertThat(records()).as("no run was recorded").isEqualTo(records);
        assertThat(Files.readAllLines(log)).as("no task ran").isEqualTo(bodies);

        RivuletInProcess.Ended resumed = rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, failed.id());
        assertThat(resumed.exitCode()).as("the failed run itself resumes, and fails again where it failed").isEqualTo(1);
        assertThat(resumed.err()).contains("part -1 is broken");
        assertThat(resumed.out()).contains("resumed " + failed.id() + ": FAILED; 1 task run reused, 1 run again");
        assertThat(Files.readAllLines(log)).as("extract 0 was reused").isEqualTo(
                Stream.concat(bodies.stream(), Stream.of("extract -1")).toList());
    }

    @Test
    void aSecretIsFoundAgainNotReadFromTheRecord() throws Exception {
        System.setProperty("RESUMABLE_TOKEN", "open sesame");
        System.setProperty(Resumable.FAIL_LOAD_PROPERTY, "true");
        try {
            FlowRunRecord failed;
            try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(work.resolve("results"))
                    .runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
                assertThatThrownBy(() -> rivulet.stub(Resumable.class).guarded(log, dev.rivulet.secret.Secrets.defaults()
                        .get("RESUMABLE_TOKEN"), List.of(1, 2))).hasMessageContaining("the load is broken");
                failed = rivulet.runHistory().list(RunQuery.all()).runs().get(0);
            }
            assertThat(failed.parameters()).containsEntry("RESUMABLE_TOKEN", "Secret[RESUMABLE_TOKEN]").containsEntry("parts", "[1, 2]");
            System.clearProperty(Resumable.FAIL_LOAD_PROPERTY);

            RivuletInProcess.Ended resumed = rivulet("resume", "--runs", runs.toString(), "--config", CONFIG, failed.id());

            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).startsWith("203" + System.lineSeparator()).contains("COMPLETED; 2 task runs reused, 1 run again");
            assertThat(Files.readAllLines(log)).containsExactly("extract 1", "extract 2", "load", "load");
            try (Stream<Path> files = Files.list(runs)) {
                for (Path record : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    assertThat(Files.readString(record)).doesNotContain("open sesame");
                }
            }
        } finally {
            System.clearProperty("RESUMABLE_TOKEN");
            System.clearProperty(Resumable.FAIL_LOAD_PROPERTY);
        }
    }

    private static void assertRefused(RivuletInProcess.Ended ended, String message) {
        assertThat(ended.exitCode()).as(ended.err()).isEqualTo(2);
        assertThat(ended.err()).startsWith(message);
        assertThat(ended.out()).isEmpty();
    }

    private Path recordFile(String id) throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(f -> f.getFileName().toString().endsWith("_" + id + ".json")).findFirst().orElseThrow();
        }
    }

    private long records() throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    /** The record of the child's run once it lists {@code count} persisted results. */
    private static FlowRunRecord awaitPersisted(RunHistory history, int count, Process child, Path output)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<FlowRunRecord> recorded = history.list(RunQuery.all()).runs();
            if (!recorded.isEmpty() && recorded.get(0).persistedResults().size() >= count) {
                return recorded.get(0);
            }
            assertThat(child.isAlive()).as("the child JVM is running: " + (Files.exists(output) ? Files.readString(output) : "")).isTrue();
            assertThat(System.nanoTime()).as("waiting for the child's record to list " + count + " results").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
