package dev.rivulet.moduletest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application of this module launched as a module, with Rivulet's jars as named modules on the
 * module path beside it: what a modular user application gets, and what it is told when it has not
 * opened a package Rivulet must look into.
 */
class ModulePathTest {

    private static final String MAIN = "dev.rivulet.moduletest/dev.rivulet.moduletest.Application";
    private static final String RIVULET = "dev.rivulet.cli/dev.rivulet.cli.command.RivuletCommand";

    @TempDir
    Path results;

    @Test
    void aFlowInAnOpenedPackageRunsAndItsResultsAreCachedAcrossRuns() throws Exception {
        Run first = run("readings", results.toString());
        assertThat(first.stdout()).contains("rivulet module: dev.rivulet.core", "summary: Summary[count=12, total=258.0]",
                "task states: COMPLETED,COMPLETED,COMPLETED,COMPLETED");

        // json and compressed/json (zstd, provided by module dev.rivulet.codec through ServiceLoader) read back.
        Run second = run("readings", results.toString());
        assertThat(second.stdout()).contains("summary: Summary[count=12, total=258.0]", "task states: CACHED,CACHED,CACHED,CACHED");
    }

    @Test
    void internalPackagesAreNeitherExportedNorOpen() throws Exception {
        Run run = run("internals");
        assertThat(run.stdout()).contains("exports dev.rivulet: true", "exports dev.rivulet.internal.run: false",
                "internal constructor: InaccessibleObjectException");
    }

    @Test
    void codeThatImportsAnInternalPackageDoesNotCompile(@TempDir Path sources) throws IOException {
        Path module = sources.resolve("module-info.java");
        Files.writeString(module, "module intruder { requires dev.rivulet.core; }");
        Path intruder = Files.createDirectories(sources.resolve("intruder")).resolve("Intruder.java");
        Files.writeString(intruder, "package intruder; public class Intruder { dev.rivulet.internal.run.Engine engine; }");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        // An empty class path: javac would otherwise take this test's, where Rivulet is unnamed.
        Path emptyClassPath = Files.createDirectories(sources.resolve("empty"));
        List<String> options = List.of("-d", sources.resolve("classes").toString(), "--module-path", modulePath(),
                "--class-path", emptyClassPath.toString());
        boolean compiled = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(module, intruder)).call();

        assertThat(compiled).isFalse();
        assertThat(diagnostics.toString()).contains("package dev.rivulet.internal.run is not visible",
                "module dev.rivulet.core, which does not export it");
    }

    @Test
    void tasksOfAPackageThatIsNotOpenedRunThroughTheSlowerPaths() throws Exception {
        // Default methods through InvocationHandler.invokeDefault, a public record of an exported
        // package through its public accessors and Jackson's public access.
        assertThat(run("unopened", "direct", results.toString()).stdout()).contains("result: 41");
        assertThat(run("unopened", "submitted", results.toString()).stdout()).contains("result: 41");
        assertThat(run("unopened", "persisted", results.toString()).stdout()).contains("result: Amount[currency=EUR, cents=500]",
                "task states: [COMPLETED]");
        assertThat(run("unopened", "persisted", results.toString()).stdout()).contains("task states: [CACHED]");
    }

    @Test
    void submittingWithFuturesFromAPackageThatIsNotOpenedSaysWhatToOpen() throws Exception {
        Run run = runExpectingFailure("unopened", "chained", results.toString());
        assertThat(run.stderr()).contains("module dev.rivulet.moduletest does not allow it: "
                + "add 'opens dev.rivulet.moduletest.closed to dev.rivulet.core;' to the module-info.java of module dev.rivulet.moduletest");
    }

    @Test
    void theCommandLineModuleParsesAndRefusesAsAModule() throws Exception {
        Run help = run("--help");
        assertThat(help.stdout()).contains("Usage: module-path-application", "readings", "unopened", "internals");

        Run bad = launch("unopened", "direct");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("Missing required parameter: 'DIR'");
    }

    @Test
    void theJdbcModuleReadsADatabaseIntoArrow() throws Exception {
        assertThat(run("jdbc").stdout()).contains("jdbc module: dev.rivulet.jdbc",
                "jdbc table: 5 rows, [n Int(64, true), amount Decimal(10, 2, 128)], amounts 7.50");
    }

    @Test
    void theRunHistoryAndTheReportModuleWorkAsModules() throws Exception {
        Run run = run("report", results.toString());
        assertThat(run.stdout()).contains("report module: dev.rivulet.report", "report: " + results.resolve("report.html"));
        assertThat(Files.readString(results.resolve("report.html"))).startsWith("<!DOCTYPE html>").contains("read-a");
    }

    @Test
    void theS3StoresKeepResultsAndRunRecordsAsModules() throws Exception {
        try (S3TestServer server = S3TestServer.start()) {
            String bucket = server.createBucket();
            String[] args = {"s3", server.endpoint().toString(), bucket, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY};
            Run first = run(args);
            assertThat(first.stdout()).contains("s3 module: dev.rivulet.storage.s3", "summary: Summary[count=12, total=258.0]",
                    "task states: COMPLETED,COMPLETED,COMPLETED,COMPLETED", "recorded: COMPLETED in ");
            Run second = run(args);
            assertThat(second.stdout()).contains("summary: Summary[count=12, total=258.0]", "task states: CACHED,CACHED,CACHED,CACHED");
            assertThat(server.client().listObjectsV2(request -> request.bucket(bucket).prefix("results/")).keyCount()).isPositive();
        }
    }

    @Test
    void theRivuletCommandRunsAFlowOfAnOpenedPackage() throws Exception {
        Run run = launchMain(RIVULET, List.of("--add-modules", "dev.rivulet.moduletest"),
                "run", "dev.rivulet.moduletest.opened.Readings#run", "--sensors", "a,bb", "--count", "2");
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        assertThat(run.stdout()).contains("Summary[count=4, total=62.0]");
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run run(String... args) throws Exception {
        Run run = launch(args);
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        return run;
    }

    private static Run runExpectingFailure(String... args) throws Exception {
        Run run = launch(args);
        assertThat(run.exitCode()).as("exit code; stdout:%n%s", run.stdout()).isNotZero();
        return run;
    }

    private static Run launch(String... args) throws Exception {
        return launchMain(MAIN, List.of(), args);
    }

    private static Run launchMain(String main, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // zstd-jni and lz4-java load native code; JDK 24+ warns without this.
                "--enable-native-access=com.github.luben.zstd_jni,org.lz4.java",
                // Arrow's memory reads java.nio.Buffer's address (docs/tables.md).
                "--add-opens=java.base/java.nio=org.apache.arrow.memory.core", "-Dsun.misc.unsafe.memory.access=allow",
                "--module-path", modulePath()));
        command.addAll(jvmOptions);
        command.addAll(List.of("--module", main));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("module-path-test", ".out");
        Path err = Files.createTempFile("module-path-test", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the application did not end within 2 minutes: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** This module's classes and its runtime dependencies, as maven-dependency-plugin listed them. */
    private static String modulePath() throws IOException {
        return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target", "module-path.txt")).strip();
    }
}
