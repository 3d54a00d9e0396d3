package dev.rivulet.storage.s3;

import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.StoredResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Random;

/** Records and values for tests that write through a store without the contract suite. */
final class TestValues {

    private TestValues() {}

    static ResultRecord record(String key) {
        return new ResultRecord(key, "task", "java", "byte[]", Instant.now(), null, 0, null);
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] readAll(StoredResult stored) throws IOException {
        try (stored; InputStream in = stored.data()) {
            return in.readAllBytes();
        }
    }
}
