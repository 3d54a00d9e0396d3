package dev.rivulet.internal.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles one Java source file at test time into a directory of its own and loads it with a class
 * loader of its own, so that two versions of the same class can live side by side.
 */
final class CompiledSource {

    private static final AtomicInteger COMPILATIONS = new AtomicInteger();

    private CompiledSource() {}

    /**
     * Compiles {@code source}, which declares top-level type {@code className} in package {@code
     * fixtures}, with these javac options, and loads the class named {@code loadName} (the same, or
     * one nested in it).
     */
    static Class<?> compile(Path workDirectory, String className, String source, String loadName, String... options) {
        Path root = workDirectory.resolve("compilation-" + COMPILATIONS.incrementAndGet());
        Path sourceFile = root.resolve("src/fixtures/" + className + ".java");
        Path classes = root.resolve("classes");
        try {
            Files.createDirectories(sourceFile.getParent());
            Files.createDirectories(classes);
            Files.writeString(sourceFile, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of(options));
        arguments.addAll(List.of("-d", classes.toString(), sourceFile.toString()));
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalArgumentException("fixture does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            return Class.forName("fixtures." + loadName, false, loader);
        } catch (MalformedURLException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static Class<?> compile(Path workDirectory, String className, String source) {
        return compile(workDirectory, className, source, className);
    }
}
