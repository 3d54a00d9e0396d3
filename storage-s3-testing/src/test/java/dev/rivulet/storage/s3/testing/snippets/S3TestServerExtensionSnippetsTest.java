package dev.rivulet.storage.s3.testing.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** The example in {@link S3TestServerExtension}'s javadoc, itself a test class. */
class S3TestServerExtensionSnippetsTest {

    // @start region=test
    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    @Test
    void writes() {
        s3.server().client().putObject(b -> b.bucket(s3.bucket()).key("a"), RequestBody.fromString("x"));
        assertEquals("x", s3.server().client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key("a")).asUtf8String());
    }
    // @end
}
