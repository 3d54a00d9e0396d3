package dev.rivulet.cli.command;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import java.util.function.Consumer;
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

    /** What a command does with the Rivulet its configuration set up. */
    @FunctionalInterface
    interface RivuletAction {
        int run(Rivulet rivulet, RivuletConfiguration config) throws Exception;
    }

    /**
     * Does {@code action} with a Rivulet that the configuration, then {@code adjust}, set up, with
     * {@code loader} as the thread's context class loader meanwhile; closes the Rivulet and the
     * configuration after.
     *
     * @return what {@code action} returns: the command's exit code
     */
    int withRivulet(ClassLoader loader, CommandLine line, Consumer<Rivulet.Builder> adjust, RivuletAction action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try (RivuletConfiguration config = load(loader, line)) {
            Rivulet.Builder builder = Rivulet.builder();
            config.configure(builder);
            adjust.accept(builder);
            try (Rivulet rivulet = builder.build()) {
                return action.run(rivulet, config);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
