package dev.rivulet.resume;

import static dev.rivulet.resume.ChildJvm.awaitLine;
import static dev.rivulet.resume.ChildJvm.awaitSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskRun;
import dev.rivulet.runner.TaskRunners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of one key compute once, whatever the number of Rivulets in a JVM or of JVMs on one results directory. */
class SharedResultsTest {

    @TempDir
    Path dir;

    static final AtomicInteger COMPUTED = new AtomicInteger();

    public interface Shared {
        @Task(cachePolicy = CachePolicy.INPUTS)
        default String compute(String key) {
            COMPUTED.incrementAndGet();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return key.toUpperCase();
        }

        @Flow
        default String flow(String key) {
            return compute(key);
        }
    }

    @Test
    void eightRivuletsInOneJvmOnOneDirectoryComputeAKeyOnce() throws Exception {
        Path results = dir.resolve("results");
        List<Rivulet> rivulets = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                rivulets.add(Rivulet.builder().localResultsDirectory(results).taskRunner(TaskRunners.threadPool(2)).build());
            }
            COMPUTED.set(0);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> flows = new ArrayList<>();
            for (Rivulet rivulet : rivulets) {
                Shared shared = rivulet.stub(Shared.class);
                flows.add(callers.submit(() -> {
                    start.await();
                    return shared.flow("one key");
                }));
            }
            start.countDown();
            for (Future<String> flow : flows) {
                assertThat(flow.get()).isEqualTo("ONE KEY");
            }
            assertThat(COMPUTED).hasValue(1);
            List<State> states = rivulets.stream()
                    .map(r -> r.lastFlowRun().orElseThrow().taskRuns().stream().map(TaskRun::state).findFirst().orElseThrow()).toList();
            assertThat(states).containsExactlyInAnyOrder(State.COMPLETED, State.CACHED, State.CACHED, State.CACHED,
                    State.CACHED, State.CACHED, State.CACHED, State.CACHED);
        } finally {
            callers.shutdownNow();
            rivulets.forEach(Rivulet::close);
        }
    }

    @Test
    void jvmsTakingKeysInOppositeOrdersWaitForEachOtherAndComputeEachKeyOnce() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Process a = child("a", "orders", work, "x", "y");
        Process b = child("b", "orders", work, "y", "x");
        Files.createFile(work.resolve("go"));

        String outputA = awaitSuccess(a, dir.resolve("a.out"), 60);
        String outputB = awaitSuccess(b, dir.resolve("b.out"), 60);

        assertThat(outputA).contains("result=XY");
        assertThat(outputB).contains("result=YX");
        // Usually each JVM computes the key it takes first; on a slow machine one may take both
        // before the other starts. Either way each key is computed once, and nothing fails.
        assertThat(List.of(states(outputA), states(outputB))).isIn(
                List.of("{value-x=COMPLETED, value-y=CACHED}", "{value-x=CACHED, value-y=COMPLETED}"),
                List.of("{value-x=COMPLETED, value-y=COMPLETED}", "{value-x=CACHED, value-y=CACHED}"),
                List.of("{value-x=CACHED, value-y=CACHED}", "{value-x=COMPLETED, value-y=COMPLETED}"));
        assertThat(Files.readAllLines(work.resolve("ran.log"))).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void aRealCycleAcrossJvmsEndsWithinTheTimeoutNamingBothKeys() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Process a = child("a", "cycle", work, "x", "y");
        Process b = child("b", "cycle", work, "y", "x");
        Files.createFile(work.resolve("go"));

        String outputA = awaitSuccess(a, dir.resolve("a.out"), 30);
        String outputB = awaitSuccess(b, dir.resolve("b.out"), 30);

        // Both may time out: the one whose inner task gets the lock when the other gives up can
        // still reach its own timeout while it computes, without having waited for a lock then.
        assertThat(List.of(outputA, outputB))
                .as("one of them, at least, waited until the inner task's timeout")
                .anySatisfy(output -> assertThat(output)
                        .contains("timed out after 3s, interrupted while waiting for the lock on key values/")
                        .contains("held by another process; this JVM holds the lock on key values/")
                        .contains("values/x").contains("values/y"));
    }

    /** A JVM on the shared results directory, ready to start when the go file appears. */
    private Process child(String name, String mode, Path work, String first, String second) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Process process = ChildJvm.start(SharedKeysChild.class, dir.resolve(name + ".out"), mode, results.toString(), work.toString(), first, second);
        awaitLine(dir.resolve(name + ".out"), "ready", process);
        return process;
    }

    private static String states(String output) {
        return output.lines().filter(line -> line.startsWith("states=")).map(line -> line.substring("states=".length()))
                .findFirst().orElse("none in: " + output);
    }
}
