package dev.rivulet.cli.command;

import dev.rivulet.cli.RivuletConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --config CLASS} and {@code --class-path PATH}: the application's configuration, and where its classes are. */
final class ConfigurationOptions {

    @Option(names = "--config", paramLabel = "CLASS",
            description = "a RivuletConfiguration: stores, runners, serializers and the implementations a flow interface needs; "
                    + "else the one ServiceLoader finds, else the defaults")
    String configuration;

    @Option(names = {"-cp", "--class-path"}, paramLabel = "PATH",
            description = "jars and class directories to load classes from, separated by the system's path separator, "
                    + "beside the JVM's own class path")
    String classPath;

    /** {@return the loader of {@code --class-path}'s classes beside the JVM's} */
    ClassLoader loader(CommandLine line) {
        return ClassPaths.loader(classPath, line);
    }

    /** {@return the configuration named, or found by ServiceLoader, or the defaults} */
    RivuletConfiguration load(ClassLoader loader, CommandLine line) {
        return Configurations.load(configuration, loader, line);
    }
}
