package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The conventions every program gets: help, version, usage errors with exit code 2, failures reported once with exit code 1. */
class CommandLinesTest {

    /** What a run printed and how it ended. */
    record Outcome(int exitCode, String out, String err) {}

    /** {@link CommandLines#execute} of a {@link Greeting} with standard output and error captured. */
    private static Outcome execute(String... args) {
        return execute(new Greeting(), args);
    }

    private static Outcome execute(Object command, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exitCode = CommandLines.execute(command, args);
            return new Outcome(exitCode, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void runsTheCommandWithItsOptions() {
        Outcome outcome = execute("--from", "2023-09-30", "--days", "2");
        assertThat(outcome).isEqualTo(new Outcome(0, "hello 2023-09-30\nhello 2023-10-01\n".replace("\n", System.lineSeparator()), ""));
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndDoesNotRunTheCommand() {
        Outcome outcome = execute("--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out())
                .startsWith("Usage: greeting [-hV] [--fail] [--buffer=BYTES] [--days=N] [--from=DATE]")
                .contains("Says hello to the days from --from on.")
                .doesNotContain("hello 2023")
                .containsPattern("--from=DATE\\s+the first day\\R\\s+Default: 2023-09-01")
                .containsPattern("--days=N\\s+how many days\\R\\s+Default: 7")
                .containsPattern("--pause=DURATION\\s+between greetings\\R\\s+Default: PT0S")
                .containsPattern("--buffer=BYTES\\s+the buffer's size\\R\\s+Default: 8388608")
                .contains("--out=DIR", "-h, --help", "-V, --version");
        assertThat(outcome.out()).doesNotContainPattern("--out=DIR.*\\R.*Default");
    }

    @Test
    void versionNamesRivuletAndJava() {
        Outcome outcome = execute("--version");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).matches("Rivulet \\d+\\.\\d+\\.\\d+\\S*\\RJava " + System.getProperty("java.version").replace(".", "\\.") + " \\(.+\\)\\R");
    }

    @Command(name = "own", mixinStandardHelpOptions = true, version = "own 2.1")
    static final class OwnVersion implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void aCommandKeepsItsOwnVersionAndHelpOptions() {
        assertThat(execute(new OwnVersion(), "--version")).isEqualTo(new Outcome(0, "own 2.1" + System.lineSeparator(), ""));
        Outcome help = execute(new OwnVersion(), "-h");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().lines()).containsExactly(
                "Usage: own [-hV]", "  -h, --help      Show this help message and exit.", "  -V, --version   Print version information and exit.");
    }

    @Test
    void aBadValueIsOneLineNamingTheOptionAndTheValueThenTheUsageAndExitCode2() {
        Outcome outcome = execute("--days", "many");
        assertThat(outcome.exitCode()).isEqualTo(2).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(outcome.out()).isEmpty();
        List<String> lines = outcome.err().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Invalid value for option '--days': "
                + "'many' is not a positive count: use a whole number of 1 or more, such as 3000000 or 3_000_000");
        assertThat(lines.get(1)).startsWith("Usage: greeting [-hV]");
        assertThat(lines.getLast()).isEqualTo("See 'greeting --help' for the options.");
        assertThat(outcome.err()).doesNotContain("Default:", "Exception");
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestKnownOne() {
        Outcome outcome = execute("--dayz", "3");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith("Unknown options: '--dayz', '3'")
                .contains("Possible solutions: --days")
                .contains("Usage: greeting [-hV]");
    }

    @Test
    void aMissingValueIsNamed() {
        Outcome outcome = execute("--from");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("Missing required parameter for option '--from' (DATE)");
    }

    @Test
    void anExceptionFromTheCommandIsReportedOnceWithExitCode1() {
        Outcome outcome = execute("--fail");
        assertThat(outcome.exitCode()).isEqualTo(1).isEqualTo(CommandLines.FAILED);
        assertThat(outcome.err()).startsWith("java.lang.IllegalStateException: no greeting today")
                .contains("at dev.rivulet.cli.Greeting.call");
        assertThat(outcome.err().split("no greeting today", -1)).hasSize(2);
        assertThat(outcome.err()).doesNotContain("ExecutionException", "Usage:");
    }

    @Test
    void runEndsTheJvmWithTheExitCodeOnlyWhenItIsNotZero() throws Exception {
        Outcome bad = runInOwnJvm("--pause", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("Invalid value for option '--pause': 'soon' is not a duration");
        assertThat(bad.out()).isEmpty();

        Outcome failed = runInOwnJvm("--fail");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();

        Outcome good = runInOwnJvm("--days", "1");
        assertThat(good.exitCode()).isZero();
        assertThat(good.out().lines()).containsExactly("hello 2023-09-01", "main returned");
    }

    /** {@link Greeting#main} in a JVM of its own, which {@link CommandLines#run} may end. */
    private static Outcome runInOwnJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Greeting.class.getName()));
        command.addAll(List.of(args));
        Path err = java.nio.file.Files.createTempFile("greeting", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Outcome(process.exitValue(), out, java.nio.file.Files.readString(err));
        } finally {
            java.nio.file.Files.delete(err);
        }
    }
}
