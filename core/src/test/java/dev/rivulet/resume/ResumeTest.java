package dev.rivulet.resume;

import static dev.rivulet.resume.ChildJvm.awaitFile;
import static dev.rivulet.resume.ChildJvm.awaitLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Results persisted by a JVM that was killed are reused by the next run; JVMs sharing a directory compute a key once. */
class ResumeTest {

    @TempDir
    Path dir;

    @Test
    void aFlowKilledMidRunResumesFromThePersistedResultsOfTheTasksThatCompleted() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path work = Files.createDirectories(dir.resolve("work"));

        Process first = ChildJvm.start(ResumablePipeline.class, dir.resolve("first.out"), results.toString(), work.toString(), "6");
        awaitFile(work.resolve("blocked"), first);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(ranParts(work)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        Files.delete(work.resolve("ran.log"));

        Process second = ChildJvm.start(ResumablePipeline.class, dir.resolve("second.out"), results.toString(), work.toString(), "-1");
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dir.resolve("second.out"));
        assertThat(second.exitValue()).as(output).isZero();

        assertThat(ranParts(work)).as("only the part that was running and those after it ran again").containsExactly(6, 7, 8, 9);
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < ResumablePipeline.PARTS; i++) {
            expected.add(ResumablePipeline.bytes(i));
        }
        assertThat(output).contains("digest=" + ResumablePipeline.digest(expected));
    }

    @Test
    void jvmsSharingAResultsDirectoryComputeAKeyOnce() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path work = Files.createDirectories(dir.resolve("work"));
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(ChildJvm.start(SingleFlightChild.class, dir.resolve("child" + i + ".out"), results.toString(), work.toString()));
        }
        for (int i = 0; i < children.size(); i++) {
            awaitLine(dir.resolve("child" + i + ".out"), "ready", children.get(i));
        }
        Files.createFile(work.resolve("go"));
        for (int i = 0; i < children.size(); i++) {
            Process child = children.get(i);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(dir.resolve("child" + i + ".out"));
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("result=SHARED");
        }
        assertThat(Files.readAllLines(work.resolve("ran.log"))).hasSize(1);
    }

    private static List<Integer> ranParts(Path work) throws IOException {
        return Files.readAllLines(work.resolve("ran.log")).stream().map(Integer::parseInt).toList();
    }

    /**
     * One bad byte in an array's length asks the decoder for about 2 GB. The {@code java}
     * serializer refuses a length the bytes left cannot hold; for another serializer, entries of up
     * to 32 MiB are checked in memory before they are decoded, larger ones by a read of their own.
     * The child takes the value at once (a direct call), so its hit is read at the lookup; a
     * submitted run's hit of more than 64 KiB is read when something needs it, and damage found
     * then fails the reader (LineageTest).
     */
    @ParameterizedTest
    @CsvSource({"java, 1000, 23", "java, 41943040, 23", "length-prefixed, 1000, 0", "length-prefixed, 41943040, 0"})
    void anEntryWhoseArrayLengthIsDamagedIsRemovedAndComputedAgainNotDecodedIntoACrash(String serializer, int length, int lengthAt)
            throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        assertThat(runDamagedEntryChild(results, serializer, length, "first.out")).contains("length=" + length, "state=COMPLETED");

        // java writes a byte[] as a stream header, a class descriptor, then the length at offset
        // 23; length-prefixed writes the length first. Its high byte becomes 0x7f.
        Path entry = results.resolve("blob.result");
        try (RandomAccessFile file = new RandomAccessFile(entry.toFile(), "rw")) {
            file.seek(lengthAt);
            assertThat(file.readInt()).as("the array's length").isEqualTo(length);
            file.seek(lengthAt);
            file.write(0x7f);
        }

        String second = runDamagedEntryChild(results, serializer, length, "second.out");
        assertThat(second).contains("length=" + length, "state=COMPLETED").contains("WARN").contains("is corrupt");
        assertThat(runDamagedEntryChild(results, serializer, length, "third.out")).contains("length=" + length, "state=CACHED");
    }

    private String runDamagedEntryChild(Path results, String serializer, int length, String output) throws Exception {
        Process child = ChildJvm.start(DamagedEntryChild.class, dir.resolve(output), results.toString(), serializer, Integer.toString(length));
        return ChildJvm.awaitSuccess(child, dir.resolve(output), 60);
    }
}
