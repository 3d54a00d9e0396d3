package dev.rivulet.storage.s3;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.runner.TaskRunners;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The store as the runtime uses it: registered by name, chosen by a task. */
class S3ResultStoreInRivuletTest {

    static final AtomicInteger RUNS = new AtomicInteger();

    public interface Reports {
        @Task(cachePolicy = CachePolicy.INPUTS, resultStore = "s3")
        default String summary(String day) {
            RUNS.incrementAndGet();
            return "rows for " + day;
        }
    }

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    private static Rivulet rivulet() {
        S3ResultStore store = S3ResultStore.builder().bucket(s3.bucket()).prefix("rivulet").clientOptions(TestServerOptions.forEndpoint(s3.server().endpoint())).build();
        return Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).resultStore("s3", store).build();
    }

    @Test
    void aCachedTaskKeepsItsResultInS3AndTheSecondCallIsCached() {
        RUNS.set(0);
        try (Rivulet rivulet = rivulet()) {
            Reports reports = rivulet.stub(Reports.class);
            TaskFuture<String> first = submit(reports::summary, "2026-11-23");
            assertThat(first.get()).isEqualTo("rows for 2026-11-23");
            TaskFuture<String> second = submit(reports::summary, "2026-11-23");

            assertThat(second.get()).isEqualTo("rows for 2026-11-23");
            assertThat(first.state()).isEqualTo(State.COMPLETED);
            assertThat(second.state()).isEqualTo(State.CACHED);
        }
        assertThat(s3.server().client().listObjectsV2(b -> b.bucket(s3.bucket()).prefix("rivulet/")).contents())
                .extracting(S3Object::key)
                .anyMatch(key -> key.endsWith(".record.json"))
                .anyMatch(key -> key.endsWith(".data"));

        try (Rivulet again = rivulet()) {
            TaskFuture<String> fromS3 = submit(again.stub(Reports.class)::summary, "2026-11-23");
            assertThat(fromS3.get()).isEqualTo("rows for 2026-11-23");
            assertThat(fromS3.state()).isEqualTo(State.CACHED);
        }
        assertThat(RUNS.get()).isEqualTo(1);
    }
}
