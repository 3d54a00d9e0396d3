package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunQuery;
import dev.rivulet.history.TaskRunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a materialisation: the artifact that was there
 * before is whole and still served, the catalog still names it, the run's record says the asset's
 * task run CRASHED, and the next materialisation removes the dead process's fragments.
 */
class KilledMaterializationTest {

    /** Batches of 1,000 orders; in the child, the fourth batch never comes. */
    public interface Ledger {
        @Asset(path = "ledger/orders.json", name = "ledger")
        default Artifact orders(int batches, boolean hang) {
            Iterator<List<Map<String, Object>>> pages = new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    return next < batches;
                }

                @Override
                public List<Map<String, Object>> next() {
                    if (hang && next == 3) {
                        System.out.println("three batches written");
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    List<Map<String, Object>> page = new ArrayList<>();
                    for (int i = 0; i < 1_000; i++) {
                        page.add(Map.of("id", next * 1_000L + i, "batch", next));
                    }
                    next++;
                    return page;
                }
            };
            return Artifact.ofBatches(pages);
        }

        @Flow(name = "ledger-load")
        default long load(int batches, boolean hang) {
            return orders(batches, hang).rows();
        }
    }

    /** The child: materialises the ledger again, hanging after three batches until it is killed. */
    public static void main(String[] args) {
        try (ArtifactRoot root = ArtifactRoot.local(Path.of(args[0]));
             Rivulet rivulet = Rivulet.builder().component(root)
                     .runHistory(RunHistoryOptions.newBuilder().directory(Path.of(args[1])).build()).build()) {
            rivulet.stub(Ledger.class).load(10, true);
        }
    }

    @TempDir
    Path directory;

    @Test
    void theOldArtifactSurvivesWholeAndTheRecordSaysTheRunCrashed() throws Exception {
        Path root = directory.resolve("artifacts");
        Path runs = directory.resolve("runs");
        Path output = directory.resolve("child.out");
        Artifact before;
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = Rivulet.builder().component(artifacts).build()) {
            before = rivulet.stub(Ledger.class).orders(2, false);
            assertThat(before.rows()).isEqualTo(2_000);
        }

        Process child = child(root, runs, output);
        try (RunHistory history = RunHistory.open(runs)) {
            awaitLine(output, "three batches written", child);
            FlowRunRecord running = awaitRunningAsset(history, child, output);
            child.destroyForcibly();  // SIGKILL: no shutdown hook, no finally
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            TaskRunRecord asset = history.find(running.id()).orElseThrow().taskRuns().get(0);
            assertThat(asset.name()).isEqualTo("ledger-0");
            assertThat(asset.state()).as("what the record says of the asset's run").isEqualTo(State.CRASHED);
            assertThat(asset.artifact()).isNull();
        } finally {
            child.destroyForcibly();
        }

        try (Stream<Path> staged = Files.list(root.resolve("_artifacts/runs"))) {
            assertThat(staged).as("the dead process's fragments are still there").hasSize(1);
        }
        try (ArtifactRoot artifacts = ArtifactRoot.local(root); Rivulet rivulet = Rivulet.builder().component(artifacts).build()) {
            Artifact survivor = artifacts.latest("ledger").orElseThrow();
            assertThat(survivor.record()).as("the catalog still names the old artifact").isEqualTo(before.record());
            assertThat(survivor.query("SELECT count(*) AS n, max(batch) AS last FROM {asset}").rows().get(0))
                    .as("the old artifact is whole").containsEntry("n", 2_000L).containsEntry("last", 1L);

            Artifact after = rivulet.stub(Ledger.class).orders(5, false);
            assertThat(after.rows()).isEqualTo(5_000);
            try (Stream<Path> staged = Files.list(root.resolve("_artifacts/runs"))) {
                assertThat(staged).as("the next materialisation removed them").isEmpty();
            }
        }
    }

    private static Process child(Path root, Path runs, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                KilledMaterializationTest.class.getName(), root.toString(), runs.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static void awaitLine(Path output, String line, Process child) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(output) || !Files.readAllLines(output).contains(line)) {
            assertThat(child.isAlive()).as("the child JVM is running: " + (Files.exists(output) ? Files.readString(output) : "")).isTrue();
            assertThat(System.nanoTime()).as("waiting for '" + line + "'").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The child's flow record once it shows the asset's task run running. */
    private static FlowRunRecord awaitRunningAsset(RunHistory history, Process child, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<FlowRunRecord> recorded = history.list(RunQuery.all()).runs();
            if (!recorded.isEmpty() && !recorded.get(0).taskRuns().isEmpty()
                    && recorded.get(0).taskRuns().get(0).state() == State.RUNNING) {
                return recorded.get(0);
            }
            assertThat(child.isAlive()).as("the child JVM is running: " + Files.readString(output)).isTrue();
            assertThat(System.nanoTime()).as("waiting for the child's record").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
