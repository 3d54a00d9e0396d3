package dev.rivulet.storage.s3.snippets;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.result.ResultStore;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.S3ResultStore;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The example in {@link S3ResultStore}'s javadoc: a Rivulet whose cached results live in S3. */
class S3ResultStoreSnippetsTest {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    // @start region=store
    public interface Reports {
        @Task(cachePolicy = CachePolicy.INPUTS, resultStore = "s3")   // keeps its results in S3
        default String summary(String day) {
            RUNS.incrementAndGet(); // @replace regex="RUNS.*" replacement="// ..."
            return "rows for " + day;
        }
    }

    static Rivulet withResultsInS3(String bucket, S3ClientOptions clientOptions) {
        ResultStore s3 = S3ResultStore.builder()
                .bucket(bucket)
                .prefix("rivulet/results")
                .clientOptions(clientOptions)
                .build();
        return Rivulet.builder().resultStore("s3", s3).build();
    }
    // @end

    private static S3ClientOptions testServer() {
        return S3ClientOptions.newBuilder()
                .endpoint(s3.server().endpoint())
                .pathStyleAccess(true)
                .region(S3TestServer.REGION)
                .credentials(S3TestServer.credentials())
                .build();
    }

    @Test
    void aNewRivuletFindsTheResultThatAnEarlierOneKeptInS3() {
        RUNS.set(0);
        try (Rivulet rivulet = withResultsInS3(s3.bucket(), testServer())) {
            TaskFuture<String> first = submit(rivulet.stub(Reports.class)::summary, "2023-09-01");
            assertThat(first.get()).isEqualTo("rows for 2023-09-01");
            assertThat(first.state()).isEqualTo(State.COMPLETED);
        }
        assertThat(s3.server().client().listObjectsV2(b -> b.bucket(s3.bucket()).prefix("rivulet/results/")).contents())
                .extracting(S3Object::key)
                .anyMatch(key -> key.endsWith(".record.json"))
                .anyMatch(key -> key.endsWith(".data"));

        try (Rivulet again = withResultsInS3(s3.bucket(), testServer())) {
            TaskFuture<String> second = submit(again.stub(Reports.class)::summary, "2023-09-01");
            assertThat(second.get()).isEqualTo("rows for 2023-09-01");
            assertThat(second.state()).isEqualTo(State.CACHED);
        }
        assertThat(RUNS.get()).isEqualTo(1);
    }
}
