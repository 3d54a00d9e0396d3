package dev.rivulet.hazelcast;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.runner.RemoteTaskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Losing every member fails the flow with a clear error, within 15 seconds when the client gives up after 5. */
class ClusterLossTest {

    @TempDir
    Path directory;

    public interface Waits {
        /** Notes that it started, then waits far longer than the test. */
        @Task
        default int waitLong(int i, String marks) throws InterruptedException {
            try {
                Files.createFile(Path.of(marks, Integer.toString(i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.sleep(120_000);
            return i;
        }

        @Flow
        default int waitAll(int n, String marks) {
            List<TaskFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(submit(this::waitLong, i, marks));
            }
            return futures.stream().mapToInt(TaskFuture::get).sum();
        }
    }

    @Test
    void losingEveryMemberFailsTheFlowWithinFifteenSecondsSayingTheClusterIsGone() throws Exception {
        Path marks = Files.createDirectories(directory.resolve("marks"));
        try (LocalMembers members = LocalMembers.builder().count(2).heartbeatTimeout(Duration.ofSeconds(5)).start();
             Rivulet rivulet = Rivulet.builder().taskRunner(HazelcastTaskRunner.builder()
                     .clusterName(members.clusterName())
                     .addresses(members.addresses())
                     .clusterConnectTimeout(Duration.ofSeconds(5))
                     .heartbeatTimeout(Duration.ofSeconds(5))
                     .build()).build()) {
            Waits waits = rivulet.stub(Waits.class);
            CompletableFuture<Integer> flow = CompletableFuture.supplyAsync(() -> waits.waitAll(6, marks.toString()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (count(marks) < 6) {
                assertThat(System.nanoTime()).as("the runs started on the members").isLessThan(deadline);
                Thread.sleep(20);
            }

            long lost = System.nanoTime();
            members.members().forEach(LocalMembers.Member::kill);
            Throwable failure;
            try {
                flow.get(30, TimeUnit.SECONDS);
                throw new AssertionError("the flow completed without its cluster");
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lost);
            assertThat(seconds).as("the flow failed within 15 s of losing the cluster").isLessThan(15);
            assertThat(failure).isInstanceOf(TaskFailedException.class);
            assertThat(rootOfKind(failure)).isNotNull()
                    .satisfies(e -> assertThat(e.getMessage()).contains(members.clusterName()).contains("is gone"));

            // A flow started afterwards fails at once the same way.
            long again = System.nanoTime();
            assertThatThrownBy(() -> waits.waitAll(1, marks.toString())).isInstanceOf(TaskFailedException.class)
                    .rootCause().isInstanceOf(RemoteTaskException.class).hasMessageContaining("is gone");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - again)).isLessThan(15);
        }
    }

    private static RemoteTaskException rootOfKind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RemoteTaskException remote) {
                return remote;
            }
        }
        return null;
    }

    private static long count(Path marks) throws IOException {
        try (Stream<Path> files = Files.list(marks)) {
            return files.count();
        }
    }
}
