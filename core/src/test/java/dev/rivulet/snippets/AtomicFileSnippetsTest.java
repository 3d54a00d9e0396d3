package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivulet.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in {@link AtomicFile}'s javadoc: a file written in full or not at all. */
class AtomicFileSnippetsTest {

    @TempDir
    Path dir;

    // @start region=create
    static void save(Path report, byte[] bytes) throws IOException {
        try (AtomicFile file = AtomicFile.create(report)) {
            file.outputStream().write(bytes);
            file.commit();
        }
    }
    // @end

    // @start region=write
    static void saveInOneStep(Path report, byte[] bytes) throws IOException {
        AtomicFile.write(report, out -> out.write(bytes));
    }
    // @end

    @Test
    void bothWaysWriteTheWholeFileAndMakeItsDirectories() throws IOException {
        byte[] bytes = "day,total\n2023-09-01,42\n".getBytes(StandardCharsets.UTF_8);

        save(dir.resolve("reports/a.csv"), bytes);
        saveInOneStep(dir.resolve("reports/b.csv"), bytes);

        assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("reports/a.csv")));
        assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("reports/b.csv")));
        assertEquals(List.of("a.csv", "b.csv"), namesIn(dir.resolve("reports")));
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path report = Files.writeString(dir.resolve("report.csv"), "old");

        assertThrows(IOException.class, () -> AtomicFile.write(report, out -> {
            out.write("new, half written".getBytes(StandardCharsets.UTF_8));
            throw new IOException("the source went away");
        }));

        assertEquals("old", Files.readString(report));
        assertEquals(List.of("report.csv"), namesIn(dir));
    }

    private static List<String> namesIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
