package dev.rivulet.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.State;
import dev.rivulet.resume.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL while its flow runs: its record, read from this JVM, shows the run as
 * running while the child lives and as crashed once it is dead, and is whole JSON either way.
 */
class KilledWriterTest {

    @TempDir
    Path work;

    @Test
    void aRunWhoseJvmWasKilledReadsAsCrashed() throws Exception {
        Path runs = work.resolve("runs");
        Path output = work.resolve("child.out");
        Process child = ChildJvm.start(KilledWriterChild.class, output, runs.toString(), work.resolve("results").toString());
        try (RunHistory history = RunHistory.open(runs)) {
            ChildJvm.awaitLine(output, "blocked", child);
            FlowRunRecord running = awaitHangingTask(history, child);
            assertThat(running.state()).isEqualTo(State.RUNNING);
            assertThat(running.processDied()).as("the child is alive and holds its writer's lock").isFalse();
            assertThat(running.pid()).isEqualTo(child.pid());

            child.destroyForcibly();  // SIGKILL on Linux: no shutdown hook, no finally
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            RunListing listing = history.list(RunQuery.all());
            assertThat(listing.unreadable()).isEmpty();
            FlowRunRecord crashed = listing.runs().get(0);
            assertThat(crashed.id()).isEqualTo(running.id());
            assertThat(crashed.state()).isEqualTo(State.CRASHED);
            assertThat(crashed.processDied()).isTrue();
            assertThat(crashed.endTime()).isNull();
            assertThat(crashed.taskRuns()).singleElement().satisfies(prepare -> {
                assertThat(prepare.taskName()).isEqualTo("prepare");
                assertThat(prepare.state()).isEqualTo(State.COMPLETED);
            });
            FlowRunRecord inner = crashed.subflows().get(0);
            assertThat(inner.state()).isEqualTo(State.CRASHED);
            assertThat(inner.processDied()).isTrue();
            assertThat(inner.taskRuns()).singleElement().satisfies(hang -> {
                assertThat(hang.state()).isEqualTo(State.CRASHED);
                assertThat(hang.endTime()).isNull();
                assertThat(hang.startTime()).isNotNull();
            });
            assertThat(inner.taskRunCounts()).singleElement().satisfies(c -> assertThat(c.byState()).containsOnlyKeys(State.CRASHED));
            assertThat(history.list(RunQuery.all().states(State.CRASHED)).runs()).hasSize(1);
            assertThat(history.list(RunQuery.all().states(State.RUNNING)).runs()).isEmpty();
        } finally {
            child.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(runs)) {
            List<Path> records = files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
            assertThat(records).hasSize(1);
        }
        try (Stream<Path> writers = Files.list(runs.resolve("writers"))) {
            assertThat(writers).as("the dead writer's lock file, removed once it was found dead").isEmpty();
        }
    }

    /** The record once it shows the subflow's task running: at most a second behind the child's line, with slack for a loaded machine. */
    private static FlowRunRecord awaitHangingTask(RunHistory history, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<FlowRunRecord> runs = history.list(RunQuery.all()).runs();
            if (!runs.isEmpty() && !runs.get(0).subflows().isEmpty() && !runs.get(0).subflows().get(0).taskRuns().isEmpty()
                    && runs.get(0).subflows().get(0).taskRuns().get(0).state() == State.RUNNING) {
                return runs.get(0);
            }
            assertThat(child.isAlive()).as("the child JVM is running").isTrue();
            assertThat(System.nanoTime()).as("waiting for the record of the hanging task").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
