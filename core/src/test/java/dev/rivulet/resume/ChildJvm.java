package dev.rivulet.resume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a class's {@code main} in a new JVM with this JVM's class path, its output going to a file. */
public final class ChildJvm {

    private ChildJvm() {}

    public static Process start(Class<?> main, Path output, String... args) throws IOException {
        return start(main, output, List.of(), args);
    }

    /** Starts {@code main} with {@code jvmOptions} (such as {@code -Dname=value}) before the class path. */
    public static Process start(Class<?> main, Path output, List<String> jvmOptions, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Waits up to a minute for {@code file} to exist, failing if the child ends first. */
    public static void awaitFile(Path file, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertThat(process.isAlive()).as("the child JVM is still running").isTrue();
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Waits up to a minute for the child to print {@code line}, failing if it ends first. */
    public static void awaitLine(Path output, String line, Process process) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(output) || !Files.readAllLines(output).contains(line)) {
            assertThat(process.isAlive()).as("the child JVM is still running: " + (Files.exists(output) ? Files.readString(output) : "")).isTrue();
            assertThat(System.nanoTime()).as("waiting for '" + line + "' in " + output).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Waits up to {@code seconds} for the child to end, and returns what it printed; fails if it did not end or failed. */
    public static String awaitSuccess(Process process, Path output, int seconds) throws InterruptedException, IOException {
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        String printed = Files.exists(output) ? Files.readString(output) : "";
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the child JVM ended within " + seconds + " s: " + printed).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        return printed;
    }
}
