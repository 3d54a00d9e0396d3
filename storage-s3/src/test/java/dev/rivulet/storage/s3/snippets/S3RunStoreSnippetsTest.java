package dev.rivulet.storage.s3.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.S3RunStore;
import dev.rivulet.storage.s3.testing.S3TestServer;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example in {@link S3RunStore}'s javadoc. */
class S3RunStoreSnippetsTest {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    @Test
    void store() {
        S3ClientOptions clientOptions = S3ClientOptions.newBuilder().endpoint(s3.server().endpoint()).pathStyleAccess(true)
                .region(S3TestServer.REGION).credentials(S3TestServer.credentials()).build();
        String bucket = s3.bucket();
        // @start region=store
        S3RunStore runs = S3RunStore.builder()
                .bucket(bucket)                    // s3://bucket/rivulet/runs/<created>_<run id>.json
                .clientOptions(clientOptions)
                .build();
        try (Rivulet rivulet = Rivulet.builder()
                .runHistory(RunHistoryOptions.newBuilder().store(runs).build())   // closed with the Rivulet
                .build()) {
            // ... flows run here are recorded in S3; rivulet.runHistory() lists them
            // @end
            assertThat(rivulet.runHistory().describe()).startsWith("s3(s3://");
        }
    }
}
