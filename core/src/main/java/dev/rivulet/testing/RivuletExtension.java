package dev.rivulet.testing;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.io.FileTrees;
import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh, in-memory {@link Rivulet}, closed after the
 * test. Test methods (not constructors: the Rivulet is made for each test) can take a {@code
 * Rivulet} parameter.
 *
 * <p>Persisted and cached results go to the {@code memory} store by default, so no test sees
 * another's cache; tasks that name the {@code local} store get a temporary directory, deleted
 * after the test.
 *
 * <p>In a test class:
 *
 * {@snippet file="dev/rivulet/snippets/RivuletExtensionSnippetsTest.java" region="test"}
 *
 * <p>Or, with the default runner (a thread pool), {@code @ExtendWith(RivuletExtension.class)} and a
 * {@code Rivulet} test method parameter.
 */
public final class RivuletExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RivuletExtension.class);

    private final Supplier<TaskRunner> runner;
    private volatile Rivulet current;

    /** The extension with a thread pool of one thread per processor (at least two) per test. */
    public RivuletExtension() {
        this(() -> TaskRunners.threadPool(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    private RivuletExtension(Supplier<TaskRunner> runner) {
        this.runner = runner;
    }

    /**
     * {@return the extension whose per-test Rivulet runs tasks on a runner made by {@code runner}}
     *
     * @param runner makes a new runner for each test, such as {@code TaskRunners::sequential}
     */
    public static RivuletExtension withRunner(Supplier<TaskRunner> runner) {
        return new RivuletExtension(Objects.requireNonNull(runner, "runner"));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path results = Files.createTempDirectory("rivulet-test-results");
        context.getStore(NAMESPACE).put("results", results);
        Rivulet rivulet = Rivulet.builder()
                .taskRunner(runner.get())
                .defaultResultStore(Rivulet.Builder.MEMORY_STORE)
                .localResultsDirectory(results)
                .build();
        context.getStore(NAMESPACE).put("rivulet", rivulet);
        current = rivulet;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        current = null;
        Rivulet rivulet = context.getStore(NAMESPACE).remove("rivulet", Rivulet.class);
        if (rivulet != null) {
            rivulet.close();
        }
        Path results = context.getStore(NAMESPACE).remove("results", Path.class);
        if (results != null) {
            FileTrees.deleteRecursively(results);
        }
    }


    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Rivulet.class
                && parameter.getDeclaringExecutable() instanceof java.lang.reflect.Method method
                && !java.lang.reflect.Modifier.isStatic(method.getModifiers());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get("rivulet", Rivulet.class);
    }

    /** {@return the current test's Rivulet} */
    public Rivulet rivulet() {
        Rivulet rivulet = current;
        if (rivulet == null) {
            throw new IllegalStateException("no test is running; use the RivuletExtension inside a test method");
        }
        return rivulet;
    }

    /**
     * {@return a stub on the current test's Rivulet}
     *
     * @param <T> the interface
     * @param type the interface of tasks and flows
     */
    public <T> T stub(Class<T> type) {
        return rivulet().stub(type);
    }

    /**
     * {@return a stub with an implementation on the current test's Rivulet}
     *
     * @param <T> the interface
     * @param type the interface of tasks and flows
     * @param implementation carries out its abstract methods
     */
    public <T> T stub(Class<T> type, T implementation) {
        return rivulet().stub(type, implementation);
    }

    /**
     * The last top-level flow run of the current test.
     *
     * @return the flow run, to check its state, task runs and graph
     * @throws IllegalStateException if the test has run no flow
     */
    public FlowRun lastFlowRun() {
        return rivulet().lastFlowRun().orElseThrow(() -> new IllegalStateException("the test has run no flow yet"));
    }
}
