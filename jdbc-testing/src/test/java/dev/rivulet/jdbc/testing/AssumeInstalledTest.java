package dev.rivulet.jdbc.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without MariaDB, tests that need it are skipped loudly, or fail under CI=true. */
class AssumeInstalledTest {

    @Test
    void installedHereSoNothingIsSkipped() {
        MariaDbTestServer.assumeInstalled("this test");
        assertTrue(MariaDbTestServer.isInstalled());
        assertDoesNotThrow(() -> MariaDbTestServer.assumeInstalled("this test"));
    }

    @Test
    void missingBinariesSkipOutsideCiAndFailUnderIt(@TempDir Path empty) throws IOException, InterruptedException {
        // a JVM of its own, told to look for the binaries in an empty directory
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "-D" + MariaDbTestServer.BINARIES_PROPERTY + "=" + empty,
                Probe.class.getName());
        assertEquals("skipped", run(command, "false"));
        assertEquals("failed", run(command, "true"));
    }

    private static String run(List<String> command, String ci) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CI", ci);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        if (last.equals("skipped")) {
            assertTrue(output.contains("!!! SKIPPED: MariaDB is not installed"), output);
        }
        return last;
    }

    /** Calls assumeInstalled and prints what became of it, last. */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                MariaDbTestServer.assumeInstalled("the probe");
                System.out.println("ran");
            } catch (org.opentest4j.TestAbortedException e) {
                System.out.println("skipped");
            } catch (IllegalStateException e) {
                System.out.println("failed");
            }
        }
    }
}
