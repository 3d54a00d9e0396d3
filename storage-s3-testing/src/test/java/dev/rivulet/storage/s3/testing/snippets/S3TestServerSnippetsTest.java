package dev.rivulet.storage.s3.testing.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.storage.s3.testing.FaultInjectingProxy;
import dev.rivulet.storage.s3.testing.FaultInjectingProxy.Fault;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The examples in the javadoc of {@link S3TestServer} and {@link FaultInjectingProxy}. */
class S3TestServerSnippetsTest {

    // @start region=server
    static String writeAndReadBack() throws IOException {
        try (S3TestServer server = S3TestServer.start(); S3Client s3 = server.clientBuilder().build()) {
            String bucket = server.createBucket();
            s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("hello"));
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key("a")).asUtf8String();
        }
    }
    // @end

    // @start region=faults
    static FaultInjectingProxy throttling(S3TestServer server) throws IOException {
        FaultInjectingProxy proxy = FaultInjectingProxy.start(server.endpoint());
        proxy.failNext(2, Fault.slowDown());                                  // the next two requests
        proxy.failRandomly(0.1, 42, Fault.slowDown(), Fault.resetMidBody());  // then one in ten
        return proxy;   // clients send to proxy.endpoint()
    }
    // @end

    @Test
    void theServerKeepsWhatItIsSent() throws IOException {
        assertEquals("hello", writeAndReadBack());
    }

    @Test
    void theProxyThrottlesTheNextTwoRequestsThenOneInTen() throws IOException {
        try (S3TestServer server = S3TestServer.start();
                FaultInjectingProxy proxy = throttling(server);
                S3Client s3 = S3TestServer.clientBuilder(proxy.endpoint())
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            String bucket = server.createBucket();
            for (int i = 0; i < 2; i++) {
                S3Exception throttled = assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket(bucket)));
                assertEquals(503, throttled.statusCode());
                assertEquals("SlowDown", throttled.awsErrorDetails().errorCode());
            }
            int failed = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    s3.headBucket(b -> b.bucket(bucket));
                } catch (SdkException e) {
                    failed++;
                }
            }
            assertTrue(failed > 0 && failed < 30, failed + " of 100 requests failed");
            assertEquals(2 + failed, proxy.faultsInjected());
        }
    }
}
