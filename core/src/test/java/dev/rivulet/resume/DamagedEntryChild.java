package dev.rivulet.resume;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.Tasks;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Calls a cached task whose {@code byte[]} result is stored with the {@code java} serializer under
 * {@code blob} in a JVM with a small heap; prints the run's state and the value's length.
 * Arguments: the results directory, the length.
 */
public final class DamagedEntryChild {

    public interface Blobs {
        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "java", resultStorageKey = "blob")
        default byte[] blob(int length) {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 7);
            return bytes;
        }
    }

    public static void main(String[] args) {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(Path.of(args[0])).build()) {
            TaskFuture<byte[]> blob = Tasks.submit(rivulet.stub(Blobs.class)::blob, Integer.parseInt(args[1]));
            System.out.println("length=" + blob.get().length);
            System.out.println("state=" + blob.state());
        }
    }

    private DamagedEntryChild() {}
}
