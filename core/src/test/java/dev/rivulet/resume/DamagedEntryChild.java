package dev.rivulet.resume;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.Tasks;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Calls a cached task whose {@code byte[]} result is stored under {@code blob}, in a JVM with a
 * small heap; prints the run's state and the value's length. Arguments: the results directory,
 * the serializer ({@code java} or {@code length-prefixed}), the length.
 */
public final class DamagedEntryChild {

    public interface Blobs {
        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "java", resultStorageKey = "blob")
        default byte[] java(int length) {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 7);
            return bytes;
        }

        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "length-prefixed", resultStorageKey = "blob")
        default byte[] lengthPrefixed(int length) {
            return java(length);
        }
    }

    public static void main(String[] args) {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(Path.of(args[0])).serializer(new LengthPrefixedSerializer()).build()) {
            Blobs blobs = rivulet.stub(Blobs.class);
            int length = Integer.parseInt(args[2]);
            TaskFuture<byte[]> blob = args[1].equals("java") ? Tasks.submit(blobs::java, length) : Tasks.submit(blobs::lengthPrefixed, length);
            System.out.println("length=" + blob.get().length);
            System.out.println("state=" + blob.state());
        }
    }

    private DamagedEntryChild() {}
}
