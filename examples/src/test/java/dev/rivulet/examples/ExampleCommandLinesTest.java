package dev.rivulet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.examples.fasts3.FastS3Load;
import dev.rivulet.examples.lake.DataLake;
import dev.rivulet.examples.taxi.TaxiEtl;
import dev.rivulet.examples.trips.DailyTripsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples' mains as a user starts them, in a JVM of their own: a bad option stops them before they do anything. */
class ExampleCommandLinesTest {

    @TempDir
    Path work;

    /** How a main ended and what it printed. */
    record Ended(int exitCode, String out, String err) {}

    @Test
    void aBadValueNamesTheOptionAndTheValueAndExitsWith2BeforeAnythingRuns() throws Exception {
        Ended ended = runMain(TaxiEtl.class, "--work", work.toString(), "--rows", "3 million");
        assertEquals(2, ended.exitCode(), ended.err());
        List<String> err = ended.err().lines().toList();
        assertEquals("Invalid value for option '--rows': '3 million' is not a positive count: use a whole number of 1 or more,"
                + " such as 3000000 or 3_000_000", err.getFirst());
        assertTrue(err.get(1).startsWith("Usage: TaxiEtl [-hV] [--hazelcast] [--refresh] [--bucket=NAME]"), ended.err());
        assertEquals("See 'TaxiEtl --help' for the options.", err.getLast());
        assertEquals("", ended.out(), "no trips generated, no S3 server started");
        try (var files = Files.list(work)) {
            assertEquals(0, files.count(), "nothing written to the work directory");
        }
    }

    @Test
    void anUnknownOptionIsNamedWithTheOneMeant() throws Exception {
        Ended ended = runMain(FastS3Load.class, "--seed");
        assertEquals(2, ended.exitCode(), ended.err());
        assertTrue(ended.err().startsWith("Unknown option: '--seed'"), ended.err());
        assertTrue(ended.err().contains("Possible solutions: --seed-data"), ended.err());
    }

    @Test
    void aDateInAnotherFormSaysWhichFormToUse() throws Exception {
        Ended ended = runMain(DailyTripsReport.class, "--from", "9/1/2023");
        assertEquals(2, ended.exitCode(), ended.err());
        assertTrue(ended.err().startsWith("Invalid value for option '--from': '9/1/2023' is not a date: use YYYY-MM-DD, such as 2023-09-01"),
                ended.err());
    }

    @Test
    void aFlowParameterThatDoesNotParseIsAUsageErrorNamingIt() throws Exception {
        Ended ended = runMain(DataLake.class, "--work", work.toString(), "--end-date", "2023-02-30");
        assertEquals(2, ended.exitCode(), ended.err());
        assertTrue(ended.err().contains("end_date"), ended.err());
        assertTrue(ended.err().contains("2023-02-30"), ended.err());
        assertEquals("", ended.out(), "no database opened, no S3 server started");
    }

    private static Ended runMain(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("example", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), main.getSimpleName() + " did not end");
            return new Ended(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.delete(err);
        }
    }
}
