package dev.rivulet.hazelcast;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three member JVMs joined over TCP on 127.0.0.1, this JVM a client: a flow of 1,000 task runs
 * spreads over the members, one member is killed (SIGKILL) in the middle of the flow, and the flow
 * still completes with every result right.
 */
class MemberLossTest {

    @TempDir
    Path directory;

    /** A task's answer and the process that computed it. */
    public record Square(long value, long pid) {}

    public interface Squares {
        /**
         * Squares {@code i}, slowly enough that the flow is still going when a member is killed;
         * notes where it started and where it ended.
         */
        @Task
        default Square square(int i, String marks) throws InterruptedException {
            long pid = ProcessHandle.current().pid();
            mark(Path.of(marks, "started-" + i + "-" + pid));
            Thread.sleep(20);
            mark(Path.of(marks, "ended-" + i + "-" + pid));
            return new Square((long) i * i, pid);
        }

        private static void mark(Path file) {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // carried out again on the same member: noted once
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Flow
        default List<Square> squares(int n, String marks) {
            List<TaskFuture<Square>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(submit(this::square, i, marks));
            }
            return futures.stream().map(TaskFuture::get).toList();
        }
    }

    @Test
    void aFlowOutlivesAMemberKilledInItsMiddleWithEveryResultRight() throws Exception {
        Path marks = Files.createDirectories(directory.resolve("marks"));
        try (LocalMembers members = LocalMembers.builder().count(3).threads(4).heartbeatTimeout(Duration.ofSeconds(5)).start();
             Rivulet rivulet = Rivulet.builder().taskRunner(members.runner()).build()) {
            Squares squares = rivulet.stub(Squares.class);
            CompletableFuture<List<Square>> flow = CompletableFuture.supplyAsync(() -> squares.squares(1000, marks.toString()));

            awaitMarks(marks, 250, flow);
            Map<Long, Long> before = runsByPid(marks);
            LocalMembers.Member victim = members.members().stream()
                    .filter(member -> before.containsKey(member.pid()))
                    .max(Comparator.comparing(member -> before.get(member.pid())))
                    .orElseThrow();
            victim.kill();
            assertThat(flow.isDone()).as("the member was killed in the middle of the flow").isFalse();

            List<Square> results = flow.get(3, TimeUnit.MINUTES);
            assertThat(results).hasSize(1000);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).value()).as("square of " + i).isEqualTo((long) i * i);
            }
            Set<Long> pids = members.members().stream().map(LocalMembers.Member::pid).collect(Collectors.toSet());
            Set<Long> ranOn = new HashSet<>(results.stream().map(Square::pid).toList());
            assertThat(pids).containsAll(ranOn);
            assertThat(ranOn).as("the runs spread over the members").hasSizeGreaterThanOrEqualTo(2);
            Set<Long> survivors = new HashSet<>(pids);
            survivors.remove(victim.pid());
            assertThat(results.subList(900, 1000)).as("the end of the flow ran on the survivors")
                    .allSatisfy(square -> assertThat(survivors).contains(square.pid()));
            Set<Integer> startedOnVictim = marksIn(marks).stream().filter(name -> name.startsWith("started-") && name.endsWith("-" + victim.pid()))
                    .map(name -> Integer.parseInt(name.split("-")[1])).collect(Collectors.toSet());
            assertThat(startedOnVictim.stream().filter(i -> results.get(i).pid() != victim.pid()))
                    .as("runs the killed member had started were carried out again by the others").isNotEmpty();
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(run.state()).isEqualTo(State.COMPLETED);
        }
    }

    private static void awaitMarks(Path marks, int count, CompletableFuture<?> flow) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (marksIn(marks).stream().filter(name -> name.startsWith("ended-")).count() < count) {
            assertThat(flow.isDone()).as("the flow is still running: " + (flow.isDone() ? flow.handle((r, e) -> e).get() : "")).isFalse();
            assertThat(System.nanoTime()).as("waiting for " + count + " runs").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static List<String> marksIn(Path marks) throws IOException {
        try (Stream<Path> files = Files.list(marks)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static Map<Long, Long> runsByPid(Path marks) throws IOException {
        return marksIn(marks).stream().filter(name -> name.startsWith("ended-")).map(name -> Long.parseLong(name.split("-")[2]))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
