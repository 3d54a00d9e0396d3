package dev.rivulet.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project that depends on {@code rivulet-codecs} for {@code compressed/json} gets core, zstd-jni
 * and lz4-java, and no table library: this module exists so that compressing results does not
 * download Arrow, Parquet and Hadoop. The list is what Maven resolved for this module at run time
 * (the build's {@code list-runtime-dependencies} step), which is what a downstream project resolves
 * through it.
 */
class RuntimeDependenciesTest {

    /** {@code   group:artifact:type[:classifier]:version:scope:/path/to.jar -- module ...}, as maven-dependency-plugin lists it. */
    private static final Pattern ARTIFACT = Pattern.compile("^\\s+([\\w.-]+):([\\w.-]+):[\\w.-]+(?::[\\w.-]+)*:(compile|runtime):(\\S+).*$");

    private static final List<String> TABLE_GROUPS = List.of("org.apache.arrow", "org.apache.parquet", "org.apache.hadoop");

    record Artifact(String group, String name, Path file) {}

    static List<Artifact> runtimeArtifacts() throws IOException {
        String listed = System.getProperty("rivulet.runtimeDependencies");
        assertTrue(listed != null, "run by Maven, which lists the dependencies in the file named by rivulet.runtimeDependencies");
        return Files.readAllLines(Path.of(listed)).stream()
                .map(ARTIFACT::matcher)
                .filter(Matcher::matches)
                .map(m -> new Artifact(m.group(1), m.group(2), Path.of(m.group(4))))
                .toList();
    }

    @Test
    void coreAndTheTwoCompressionLibrariesAreThere() throws IOException {
        List<String> names = runtimeArtifacts().stream().map(a -> a.group() + ":" + a.name()).toList();
        assertTrue(names.containsAll(List.of("dev.rivulet:rivulet-core", "com.github.luben:zstd-jni", "at.yawk.lz4:lz4-java")),
                "the runtime dependencies as listed: " + names);
    }

    @Test
    void noTableLibraryIsResolved() throws IOException {
        List<Artifact> artifacts = runtimeArtifacts();
        List<String> tables = artifacts.stream()
                .filter(a -> TABLE_GROUPS.stream().anyMatch(g -> a.group().equals(g) || a.group().startsWith(g + ".")))
                .map(a -> a.group() + ":" + a.name())
                .toList();
        assertEquals(List.of(), tables, "rivulet-codecs must not bring table libraries");

        long bytes = 0;
        for (Artifact artifact : artifacts) {
            bytes += Files.isRegularFile(artifact.file()) ? Files.size(artifact.file()) : 0;
        }
        System.out.printf("rivulet-codecs resolves %d artifacts at run time, %.1f MB of jars%n", artifacts.size(), bytes / 1e6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.apache.arrow.vector.VectorSchemaRoot", "org.apache.parquet.hadoop.ParquetWriter",
            "org.apache.hadoop.conf.Configuration"})
    void noTableClassIsOnTheTestClassPath(String className) {
        // so the compressed round trips of this module's tests prove they need none
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }
}
