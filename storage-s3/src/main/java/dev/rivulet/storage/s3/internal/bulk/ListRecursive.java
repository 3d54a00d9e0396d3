package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.S3ObjectInfo;
import dev.rivulet.storage.s3.internal.transfer.Etags;
import dev.rivulet.storage.s3.internal.transfer.RequestLabel;
import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One {@code listRecursive} call: each prefix is listed page after page ({@code ListObjectsV2},
 * up to 1,000 keys a page) by a worker of its own, prefixes in parallel. A prefix that another
 * listed prefix contains is not listed twice.
 */
public final class ListRecursive {

    private ListRecursive() {}

    /** Every object under any of {@code prefixes} in {@code bucket}, each once, sorted by key. */
    public static List<S3ObjectInfo> run(BulkContext context, String bucket, Collection<String> prefixes) throws IOException {
        Batch batch = context.pool().newBatch();
        Queue<S3ObjectInfo> found = new ConcurrentLinkedQueue<>();
        for (String prefix : outermost(prefixes)) {
            batch.start(() -> listPrefix(context, batch, bucket, prefix, found));
        }
        batch.await();
        Map<String, S3ObjectInfo> byKey = new TreeMap<>();
        found.forEach(info -> byKey.put(info.key(), info));
        return List.copyOf(byKey.values());
    }

    /** The prefixes that no other prefix in {@code prefixes} starts. */
    static List<String> outermost(Collection<String> prefixes) {
        List<String> kept = new ArrayList<>();
        for (String prefix : new TreeSet<>(prefixes)) {
            if (kept.isEmpty() || !prefix.startsWith(kept.get(kept.size() - 1))) {
                kept.add(prefix);
            }
        }
        return kept;
    }

    private static void listPrefix(BulkContext context, Batch batch, String bucket, String prefix, Queue<S3ObjectInfo> found)
            throws IOException {
        RequestLabel label = RequestLabel.of("ListObjectsV2", bucket, prefix);
        String token = null;
        ListObjectsV2Response page;
        do {
            batch.checkNotCancelled();
            String continuation = token;
            page = context.transfers().call(batch, label, attempt -> context.s3().listObjectsV2(b -> b
                    .bucket(bucket)
                    .prefix(prefix.isEmpty() ? null : prefix)
                    .continuationToken(continuation)
                    .overrideConfiguration(S3Transfers.SINGLE_ATTEMPT)));
            for (S3Object object : page.contents()) {
                found.add(new S3ObjectInfo(object.key(), object.size() == null ? 0 : object.size(), Etags.unquote(object.eTag()),
                        object.lastModified()));
            }
            token = page.nextContinuationToken();
        } while (Boolean.TRUE.equals(page.isTruncated()) && token != null);
    }
}
