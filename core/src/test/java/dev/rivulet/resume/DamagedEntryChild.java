package dev.rivulet.resume;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Calls a cached task whose {@code byte[]} result is stored under {@code blob}, in a JVM with a
 * small heap, directly from a flow, so that its hit is read at the lookup whatever its size;
 * prints the run's state and the value's length. Arguments: the results directory, the serializer
 * ({@code java} or {@code length-prefixed}), the length.
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
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 7);
            return bytes;
        }

        @Flow
        default int blobLength(String serializer, int length) {
            return (serializer.equals("java") ? java(length) : lengthPrefixed(length)).length;
        }
    }

    public static void main(String[] args) {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(Path.of(args[0])).serializer(new LengthPrefixedSerializer()).build()) {
            Blobs blobs = rivulet.stub(Blobs.class);
            int length = Integer.parseInt(args[2]);
            System.out.println("length=" + blobs.blobLength(args[1], length));
            System.out.println("state=" + rivulet.lastFlowRun().orElseThrow().taskRuns().getFirst().state());
        }
    }

    private DamagedEntryChild() {}
}
