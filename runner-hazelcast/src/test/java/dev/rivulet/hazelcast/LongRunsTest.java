package dev.rivulet.hazelcast;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that outlive the client's wait for one answer, and what the cluster keeps of answered runs. */
class LongRunsTest {

    @TempDir
    Path directory;

    public interface Slow {
        /** Notes where it started, then works for {@code millis}. */
        @Task
        default long work(String marks, int i, long millis) throws InterruptedException {
            long pid = ProcessHandle.current().pid();
            try {
                Files.writeString(Path.of(marks, i + "-" + pid), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.sleep(millis);
            return pid;
        }
    }

    @Test
    void aRunLongerThanTheClientsInvocationTimeoutOutlivesItsMembersDeath() throws Exception {
        Path marks = Files.createDirectories(directory.resolve("marks"));
        try (LocalMembers members = LocalMembers.builder().count(2).heartbeatTimeout(Duration.ofSeconds(5)).start();
             Rivulet rivulet = Rivulet.builder().taskRunner(HazelcastTaskRunner.builder()
                     .clusterName(members.clusterName())
                     .addresses(members.addresses())
                     // A wait for one answer gives up after 2 s: the kill comes later than that.
                     .client(config -> config.setProperty("hazelcast.client.invocation.timeout.seconds", "2"))
                     .build()).build()) {
            TaskFuture<Long> run = submit(rivulet.stub(Slow.class)::work, marks.toString(), 1, 6_000L);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> started;
            while ((started = names(marks)).isEmpty()) {
                assertThat(System.nanoTime()).as("the run started").isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(3_000);
            long first = Long.parseLong(started.get(0).split("-")[1]);
            LocalMembers.Member victim = members.members().stream().filter(m -> m.pid() == first).findFirst().orElseThrow();
            victim.kill();

            long ranOn = run.get(Duration.ofSeconds(60));
            assertThat(ranOn).as("carried out again by the survivor").isNotEqualTo(victim.pid())
                    .isIn(members.members().stream().map(LocalMembers.Member::pid).toList());
        }
    }

    public interface Blobs {
        /** Two megabytes of {@code i}. */
        @Task
        default byte[] blob(int i) {
            byte[] bytes = new byte[2_000_000];
            java.util.Arrays.fill(bytes, (byte) i);
            return bytes;
        }
    }

    @Test
    void answeredOutcomesDoNotAccumulateInTheMembers() throws Exception {
        // 300 outcomes of 2 MB, and their backups: 1.2 GB, which members of 256 MB hold only if each is let go once answered.
        try (LocalMembers members = LocalMembers.builder().count(2).jvmOptions(List.of("-Xmx256m")).start();
             Rivulet rivulet = Rivulet.builder().taskRunner(HazelcastTaskRunner.builder()
                     .clusterName(members.clusterName())
                     .addresses(members.addresses())
                     .maxRunsInFlight(4)
                     .build()).build()) {
            Blobs blobs = rivulet.stub(Blobs.class);
            List<TaskFuture<byte[]>> runs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                runs.add(submit(blobs::blob, i));
            }
            for (int i = 0; i < runs.size(); i++) {
                byte[] blob = runs.get(i).get(Duration.ofMinutes(2));
                assertThat(blob).hasSize(2_000_000);
                assertThat(blob[1_999_999]).isEqualTo((byte) i);
            }
            assertThat(members.members()).allSatisfy(member -> assertThat(member.isAlive()).isTrue());
        }
    }

    private static List<String> names(Path marks) throws IOException {
        try (var files = Files.list(marks)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
