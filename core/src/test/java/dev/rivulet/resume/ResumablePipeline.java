package dev.rivulet.resume;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * A flow of ten cached parts run one after another, for the resume test: each part logs that it
 * ran, part {@code blockAt} hangs (so the test can kill the JVM mid-run), and the flow prints a
 * digest of every part's bytes.
 *
 * <p>Arguments: results directory, work directory, part to hang at (-1 for none).
 */
public final class ResumablePipeline {

    static final int PARTS = 10;
    static final int PART_BYTES = 256 * 1024;

    public interface Parts {
        @Task(cachePolicy = CachePolicy.INPUTS, cacheKeyExclude = "blockAt", serializer = "java")
        byte[] part(int index, Path work, int blockAt);

        @Task
        default long digest(List<byte[]> parts) {
            return ResumablePipeline.digest(parts);
        }

        @Flow
        default long build(Path work, int blockAt) {
            List<byte[]> parts = new ArrayList<>();
            for (int i = 0; i < PARTS; i++) {
                parts.add(part(i, work, blockAt));
            }
            return digest(parts);
        }
    }

    static final class Body implements Parts {
        @Override
        public byte[] part(int index, Path work, int blockAt) {
            append(work.resolve("ran.log"), index + "\n");
            if (index == blockAt) {
                append(work.resolve("blocked"), "");
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while hanging", e);
                    }
                }
            }
            return bytes(index);
        }
    }

    /** The bytes of part {@code index}: the same in every JVM. */
    static byte[] bytes(int index) {
        byte[] bytes = new byte[PART_BYTES];
        new SplittableRandom(index).nextBytes(bytes);
        return bytes;
    }

    static long digest(List<byte[]> parts) {
        CRC32C crc = new CRC32C();
        parts.forEach(crc::update);
        return crc.getValue();
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        Path results = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int blockAt = Integer.parseInt(args[2]);
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).localResultsDirectory(results).build()) {
            long digest = rivulet.stub(Parts.class, new Body()).build(work, blockAt);
            System.out.println("digest=" + digest);
        }
    }

    private ResumablePipeline() {}
}
