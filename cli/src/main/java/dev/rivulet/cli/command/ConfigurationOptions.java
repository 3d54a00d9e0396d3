package dev.rivulet.cli.command;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --config CLASS} and {@code --class-path PATH}: the application's configuration, and where
 * its classes are. The {@code rivulet} command's run and resume take them; so may other programs
 * that run an application's tasks, as a picocli {@code @Mixin}.
 */
public final class ConfigurationOptions {

    @Option(names = "--config", paramLabel = "CLASS",
            description = "a RivuletConfiguration: stores, runners, serializers and the implementations a flow interface needs; "
                    + "else the one ServiceLoader finds, else the defaults")
    String configuration;

    @Option(names = {"-cp", "--class-path"}, paramLabel = "PATH",
            description = "jars and class directories to load classes from, separated by the system's path separator, "
                    + "beside the JVM's own class path")
    String classPath;

    /** Made by picocli, for a command's {@code @Mixin} field. */
    public ConfigurationOptions() {}

    /**
     * The loader of {@code --class-path}'s classes beside the JVM's.
     *
     * @param line the command line, for usage errors
     * @return the JVM's class loader when no {@code --class-path} was given
     * @throws CommandLine.ParameterException naming an entry that does not exist
     */
    public ClassLoader loader(CommandLine line) {
        return ClassPaths.loader(classPath, line);
    }

    /**
     * The configuration named by {@code --config}, or found by ServiceLoader, or the defaults.
     *
     * @param loader where its class is found
     * @param line the command line, for usage errors
     * @return the configuration, for the caller to close
     * @throws CommandLine.ParameterException if the named class is missing or not a configuration,
     *     or the class path has several
     */
    public RivuletConfiguration load(ClassLoader loader, CommandLine line) {
        return Configurations.load(configuration, loader, line);
    }

    /** What a command does with the Rivulet its configuration set up. */
    @FunctionalInterface
    public interface RivuletAction {
        /**
         * Does the command's work.
         *
         * @param rivulet the Rivulet the configuration set up, open while this runs
         * @param config the configuration, for the implementations it gives
         * @return the command's exit code
         * @throws Exception if the work fails
         */
        int run(Rivulet rivulet, RivuletConfiguration config) throws Exception;
    }

    /**
     * Does {@code action} with a Rivulet that the configuration, then {@code adjust}, set up, with
     * {@code loader} as the thread's context class loader meanwhile; closes the Rivulet and the
     * configuration after.
     *
     * @param loader the class loader of the application's classes
     * @param line the command line, for usage errors
     * @param adjust the command's own settings, after the configuration's
     * @param action what to do with the Rivulet
     * @return what {@code action} returns: the command's exit code
     * @throws Exception if {@code action} or closing fails
     */
    public int withRivulet(ClassLoader loader, CommandLine line, Consumer<Rivulet.Builder> adjust, RivuletAction action) throws Exception {
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
