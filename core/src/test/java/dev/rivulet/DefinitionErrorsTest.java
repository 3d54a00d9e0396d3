package dev.rivulet;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.runner.TaskRunners;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DefinitionErrorsTest {

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    private static void assertRejected(Executable call, String... fragments) {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
    }

    public static class Concrete {
        @Task
        public String work() {
            return "work";
        }
    }

    @Test
    void aStubOfAClassIsRejected() {
        assertRejected(() -> rivulet.stub(Concrete.class), "Concrete", "is not one", "interface");
    }

    public interface Work {
        String work();
    }

    public static final class AnnotatedImplementation implements Work {
        @Task
        @Override
        public String work() {
            return "work";
        }
    }

    @Test
    void aTaskOnAClassMethodIsRejected() {
        assertRejected(() -> rivulet.stub(Work.class, new AnnotatedImplementation()), "AnnotatedImplementation.work", "no effect", "Work");
    }

    public interface WithStatic {
        @Task
        static String helper() {
            return "static";
        }
    }

    @Test
    void aTaskOnAStaticMethodIsRejected() {
        assertRejected(() -> rivulet.stub(WithStatic.class), "@Task on static method WithStatic.helper");
    }

    public interface NegativeRetries {
        @Task(retries = -1)
        default String work() {
            return "work";
        }
    }

    @Test
    void negativeRetriesAreRejected() {
        assertRejected(() -> rivulet.stub(NegativeRetries.class), "NegativeRetries.work", "retries", "-1");
    }

    public interface MalformedDuration {
        @Task(retries = 1, retryDelay = "one second")
        default String work() {
            return "work";
        }
    }

    public interface MalformedTimeout {
        @Flow(timeout = "5 parsecs")
        default void run() {}
    }

    @Test
    void aMalformedDurationIsRejectedWithTheAttributeAndValue() {
        assertRejected(() -> rivulet.stub(MalformedDuration.class), "@Task on MalformedDuration.work", "retryDelay", "'one second'");
        assertRejected(() -> rivulet.stub(MalformedTimeout.class), "@Flow on MalformedTimeout.run", "timeout", "'5 parsecs'");
    }

    public interface Abstract {
        @Task
        String work();
    }

    @Test
    void anAbstractTaskWithoutImplementationIsRejected() {
        assertRejected(() -> rivulet.stub(Abstract.class), "Abstract.work is abstract");
    }

    public interface UnknownRunner {
        @Flow(taskRunner = "gpu")
        default void run() {}
    }

    @Test
    void anUnknownRunnerNameIsRejected() {
        assertRejected(() -> rivulet.stub(UnknownRunner.class), "UnknownRunner.run", "'gpu'", "default");
    }

    public interface BadPlaceholder {
        @Task(name = "load-{table}")
        default void load(String tableName) {}
    }

    @Test
    void aPlaceholderThatIsNoParameterIsRejected() {
        assertRejected(() -> rivulet.stub(BadPlaceholder.class), "BadPlaceholder.load", "{table}", "tableName");
    }

    public interface SameName {
        @Task(name = "step")
        default void one() {}

        @Task(name = "step")
        default void two() {}
    }

    @Test
    void twoTasksWithOneNameAreRejected() {
        assertRejected(() -> rivulet.stub(SameName.class), "'step'");
    }

    public interface Both {
        @Task
        @Flow
        default void run() {}
    }

    @Test
    void taskAndFlowOnOneMethodAreRejected() {
        assertRejected(() -> rivulet.stub(Both.class), "both @Task and @Flow");
    }

    public interface FutureParameter {
        @Task
        default String bad(TaskFuture<String> f) {
            return f.get();
        }
    }

    @Test
    void aTaskTakingAFutureIsRejected() {
        assertRejected(() -> rivulet.stub(FutureParameter.class), "FutureParameter.bad takes a TaskFuture parameter");
    }

    public interface Slow {
        @Task
        default String gate(CountDownLatch started, CountDownLatch release) throws InterruptedException {
            started.countDown();
            release.await();
            return "released";
        }

        @Task
        default String next() {
            return "next";
        }

        @Flow
        default String run(CountDownLatch started, CountDownLatch release, AtomicReference<Throwable> submitError) {
            TaskFuture<String> first = submit(this::gate, started, release);
            try {
                started.await();
                release.await();
                submit(this::next);
            } catch (Throwable t) {
                submitError.set(t);
            }
            return first.get();
        }
    }

    @Test
    void closingTheRuntimeUnderARunningFlowFailsItsNextSubmitClearly() throws Exception {
        Rivulet closing = Rivulet.builder().taskRunner(TaskRunners.threadPool(1)).build();
        Slow slow = closing.stub(Slow.class);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> submitError = new AtomicReference<>();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread flow = Thread.ofPlatform().start(() -> {
            try {
                outcome.set(slow.run(started, release, submitError));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        started.await();
        Thread closer = Thread.ofPlatform().start(closing::close);
        while (closer.getState() != Thread.State.WAITING && closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            Thread.onSpinWait();
        }
        release.countDown();
        flow.join();
        closer.join();
        Throwable error = submitError.get();
        assertTrue(error instanceof IllegalStateException || error instanceof RivuletException, String.valueOf(error));
        assertTrue(error.getMessage().contains("closed"), error.getMessage());
        assertEquals("released", outcome.get());
    }

    @Test
    void aClosedRivuletNamesTheTaskItCannotRun() {
        Slow slow = rivulet.stub(Slow.class);
        rivulet.close();
        RivuletException e = assertThrows(RivuletException.class, slow::next);
        assertTrue(e.getMessage().contains("Slow.next") && e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void runnersRejectBadSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskRunners.threadPool(0));
        assertTrue(e.getMessage().contains("0"));
    }
}
