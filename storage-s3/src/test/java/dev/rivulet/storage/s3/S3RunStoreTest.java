package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunStore;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import dev.rivulet.testing.contract.RunStoreContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 run store: the run store contract against a real S3-compatible server, and what only S3 has. */
class S3RunStoreTest extends RunStoreContract {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    private String prefix;

    @Override
    protected RunStore openStore() {
        if (prefix == null) {
            prefix = "runs/" + UUID.randomUUID();
        }
        return store(prefix, Duration.ofSeconds(10));
    }

    private static S3RunStore store(String prefix, Duration heartbeat) {
        return S3RunStore.builder().bucket(s3.bucket()).prefix(prefix).heartbeat(heartbeat)
                .clientOptions(TestServerOptions.forEndpoint(s3.server().endpoint())).build();
    }

    @Test
    void aFlowRunIsRecordedInS3AndReadBackFromAnotherStore() {
        String runs = "runs/" + UUID.randomUUID();
        String id;
        try (Rivulet rivulet = Rivulet.builder().runHistory(RunHistoryOptions.newBuilder().store(store(runs, Duration.ofSeconds(10))).build())
                .build()) {
            assertThat(rivulet.stub(Greeter.class).greet("S3")).isEqualTo("hello S3");
            id = rivulet.lastFlowRun().orElseThrow().id();
        }
        try (RunHistory history = RunHistory.open(store(runs, Duration.ofSeconds(10)))) {
            FlowRunRecord run = history.find(id).orElseThrow();
            assertThat(run.state()).isEqualTo(State.COMPLETED);
            assertThat(run.taskRuns()).singleElement().satisfies(task -> assertThat(task.taskName()).isEqualTo("greeting"));
            assertThat(history.describe()).isEqualTo("s3(s3://" + s3.bucket() + "/" + runs + ")");
        }
        assertThat(s3.server().client().listObjectsV2(b -> b.bucket(s3.bucket()).prefix(runs + "/")).contents())
                .as("the record, and no heartbeat object left by the closed writer")
                .singleElement().satisfies(object -> assertThat(object.key()).endsWith("_" + id + ".json"));
    }

    /** A flow for the test above. */
    public interface Greeter {
        @Task(name = "greeting")
        default String greeting(String name) {
            return "hello " + name;
        }

        @Flow
        default String greet(String name) {
            return greeting(name);
        }
    }

    @Test
    void aWriterKilledWithSigkillIsDeadOnceItsHeartbeatsStop() throws Exception {
        String runs = "runs/" + UUID.randomUUID();
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                RegisteredWriter.class.getName(), s3.server().endpoint().toString(), s3.bucket(), runs)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (S3RunStore reader = store(runs, HEARTBEAT);
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String writerId = out.readLine();
            assertThat(writerId).as("the child's writer id").matches("[0-9a-f-]{36}");
            Thread.sleep(HEARTBEAT.multipliedBy(3).toMillis());   // several of its heartbeats: it is still alive
            assertThat(reader.isWriterAlive(writerId)).isTrue();

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no close, no goodbye
            long start = System.nanoTime();
            while (reader.isWriterAlive(writerId)) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("dead within three missed heartbeats and a margin")
                        .isLessThan(HEARTBEAT.multipliedBy(3).plusSeconds(10));
                Thread.sleep(100);
            }
            assertThat(reader.isWriterAlive("not-an-id")).isFalse();
        } finally {
            child.destroyForcibly();
        }
    }

    /** The heartbeat of the killed writer's test: short, but long enough for a busy machine to keep. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    /** A process that registers a writer with the test's heartbeat, prints its id and waits to be killed. */
    public static final class RegisteredWriter {
        public static void main(String[] args) throws Exception {
            S3RunStore store = S3RunStore.builder().bucket(args[1]).prefix(args[2]).heartbeat(HEARTBEAT)
                    .clientOptions(TestServerOptions.forEndpoint(java.net.URI.create(args[0]))).build();
            System.out.println(store.registerWriter());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void aMissingRecordAndAMissingBucketSaySo() throws IOException {
        try (S3RunStore store = store("runs/" + UUID.randomUUID(), Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> store.read(new RunKey("nope", Instant.parse("2026-12-05T00:00:00Z"))))
                    .isInstanceOf(NoSuchFileException.class);
        }
        try (S3RunStore noBucket = S3RunStore.builder().bucket("no-such-bucket").clientOptions(TestServerOptions.forEndpoint(s3.server().endpoint()))
                .build()) {
            assertThatThrownBy(noBucket::list).isInstanceOf(S3StorageException.class).hasMessageContaining("ListObjectsV2")
                    .hasMessageContaining("no-such-bucket");
        }
        assertThatThrownBy(() -> S3RunStore.builder().build()).isInstanceOf(IllegalStateException.class).hasMessage("bucket must be set");
        assertThatThrownBy(() -> S3RunStore.builder().heartbeat(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
    }
}
