package dev.rivulet.cli.command;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The class loader of {@code --class-path}: its entries beside the JVM's own class path. */
final class ClassPaths {

    private ClassPaths() {}

    /**
     * The JVM's class loader if {@code classPath} is null, else a loader of its entries whose parent
     * is the JVM's, so Rivulet's classes are the command's own.
     *
     * @throws CommandLine.ParameterException naming an entry that does not exist
     */
    static ClassLoader loader(String classPath, CommandLine line) {
        ClassLoader parent = RunCommand.class.getClassLoader();
        if (classPath == null || classPath.isBlank()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(line, "--class-path entry '" + entry + "' does not exist");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new CommandLine.ParameterException(line, "--class-path entry '" + entry + "' is not a path: " + e.getMessage());
            }
        }
        return new URLClassLoader("rivulet-run", urls.toArray(URL[]::new), parent);
    }
}
