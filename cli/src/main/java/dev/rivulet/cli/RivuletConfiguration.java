package dev.rivulet.cli;

import dev.rivulet.Rivulet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What the {@code rivulet} command needs from an application to run its flows: the Rivulet's task
 * runners, result stores and serializers, and the objects that carry out a flow interface's
 * abstract methods (a client, a connection, the place a task holds its tables).
 *
 * <p>The command takes the class named by {@code rivulet run --config CLASS}, or else the one
 * implementation on the class path that {@link java.util.ServiceLoader} finds (a
 * {@code META-INF/services/dev.rivulet.cli.RivuletConfiguration} file, or {@code provides} in a
 * module); with none, the Rivulet's defaults and no implementations. The class needs a public
 * constructor without parameters. The command closes it after the run.
 *
 * {@snippet file="dev/rivulet/cli/snippets/PipelineConfiguration.java" region="configuration"}
 */
public interface RivuletConfiguration extends AutoCloseable {

    /**
     * Sets up the Rivulet the command runs the flow on, after the command's own settings and before
     * it is built; the builder's defaults unless overridden.
     *
     * @param builder the builder
     */
    default void configure(Rivulet.Builder builder) {}

    /**
     * The object that carries out the abstract methods of {@code flowType}, for
     * {@link Rivulet#stub(Class, Object)}; empty if the interface has none.
     *
     * @param <T> the flow interface
     * @param flowType the interface that declares the flow being run
     * @return the implementation, or empty
     */
    default <T> Optional<T> implementation(Class<T> flowType) {
        return Optional.empty();
    }

    /**
     * The configuration the class path provides: the one implementation {@link
     * java.util.ServiceLoader} finds with {@code loader}. Programs other than the {@code rivulet} command that run an application's
     * tasks (a cluster member, for instance) take theirs this way.
     *
     * @param loader where to look
     * @return the configuration found, made with its public constructor; empty if there is none, for
     *     the defaults (nothing configured, no implementations)
     * @throws IllegalStateException if the class path has more than one: the message names them
     */
    static Optional<RivuletConfiguration> fromClassPath(ClassLoader loader) {
        List<ServiceLoader.Provider<RivuletConfiguration>> found = ServiceLoader.load(RivuletConfiguration.class, loader).stream().toList();
        if (found.size() > 1) {
            throw new IllegalStateException("the class path has " + found.size() + " RivuletConfigurations ("
                    + String.join(", ", found.stream().map(p -> p.type().getName()).toList()) + "): name the one to use");
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst().get());
    }

    /**
     * Releases what the configuration opened (clients, connections) once the flow has run; nothing
     * by default.
     *
     * @throws Exception if releasing fails; the command reports it after the flow's outcome
     */
    @Override
    default void close() throws Exception {}
}
