package dev.rivulet.storage.s3.internal.ranged;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSourceProvider;
import dev.rivulet.storage.s3.internal.transfer.Pacing;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Opens {@code s3://bucket/key} for {@link dev.rivulet.io.RangedSources}, found through {@link
 * java.util.ServiceLoader}. The key is the URI's path without its first slash, percent-decoded.
 */
public final class S3RangedSourceProvider implements RangedSourceProvider {

    /** The constructor {@link java.util.ServiceLoader} uses. */
    public S3RangedSourceProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public RangedSource open(URI uri) throws IOException {
        String bucket = uri.getRawAuthority();
        String path = uri.getPath();
        if (bucket == null || bucket.isEmpty() || path == null || path.length() <= 1 || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + uri + "' is not an S3 object URI: write s3://bucket/key, with '?', '#' and spaces in"
                    + " the key percent-encoded");
        }
        String key = path.substring(1);
        S3Transfers transfers = S3SourceClients.transfersFor(bucket);
        HeadObjectResponse head = transfers.head(Pacing.BLOCKING, bucket, key)
                .orElseThrow(() -> new NoSuchFileException(uri.toString(), null, "no object with key '" + key + "' in bucket '" + bucket
                        + "'"));
        return new S3RangedSource(uri.toString(), transfers, bucket, key, head.contentLength(), head.eTag());
    }
}
