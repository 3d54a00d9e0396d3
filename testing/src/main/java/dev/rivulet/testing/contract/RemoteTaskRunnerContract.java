package dev.rivulet.testing.contract;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskTimeoutException;
import dev.rivulet.result.SerializationException;
import dev.rivulet.runner.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of a {@link TaskRunner} that carries task bodies out in other JVMs ({@link
 * TaskRunner#callSender()}), on top of {@link TaskRunnerContract}'s: every body, of submitted runs and
 * of direct calls alike, runs in one of the runner's worker JVMs and never in the JVM that runs the
 * flow (a runner that quietly runs tasks here fails it); retries, timeouts and caching behave as on
 * a local runner, with the runtime here; an argument that cannot be sent fails its run before
 * anything is sent, naming the task run and the parameter.
 *
 * <p>The worker JVMs run on this machine, so that the suite can count attempts in files they share.
 */
public abstract class RemoteTaskRunnerContract extends TaskRunnerContract {

    /** For subclasses; JUnit makes one instance per test method. */
    protected RemoteTaskRunnerContract() {}

    /**
     * The JVMs that carry out the bodies of the runners {@link #newRunner()} makes.
     *
     * @return their process ids; never this JVM's
     */
    protected abstract Set<Long> workerProcessIds();

    /**
     * Tasks that tell where they ran; public because Rivulet makes a proxy of it, and its classes
     * must be on the workers' class path.
     */
    public interface Whereabouts {
        /**
         * Where this body runs.
         *
         * @param i which call this is
         * @return the process id of the JVM that ran it
         */
        @Task
        default long pid(int i) {
            return ProcessHandle.current().pid();
        }

        /**
         * A task that outlives its timeout.
         *
         * @param millis how long it sleeps
         * @return the process id of the JVM that ran it, if it ever returns
         * @throws InterruptedException when its timeout interrupts it
         */
        @Task(timeout = "300ms")
        default long sleeps(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return ProcessHandle.current().pid();
        }

        /**
         * A cached task that counts its calls.
         *
         * @param counter the path of a file that counts the calls
         * @param text what it upper-cases
         * @return {@code text} in upper case
         */
        @Task(cachePolicy = CachePolicy.INPUTS, cacheKeyExclude = "counter")
        default String cached(String counter, String text) {
            Attempts.next(Path.of(counter));
            return text.toUpperCase();
        }

        /**
         * A task whose argument its serializer cannot write: sending it must fail.
         *
         * @param value anything
         * @return its hash
         */
        @Task(serializer = "java", retries = 2)
        default int hash(Object value) {
            return value.hashCode();
        }

        /**
         * A flow that submits {@code n} runs and makes one direct call.
         *
         * @param n how many runs to submit
         * @return where each ran, the direct call last
         */
        @Flow
        default List<Long> everywhere(int n) {
            List<TaskFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(submit(this::pid, i));
            }
            List<Long> pids = new ArrayList<>();
            for (TaskFuture<Long> future : futures) {
                pids.add(future.get());
            }
            pids.add(pid(n));
            return pids;
        }
    }

    @Test
    void everyBodyRunsInAWorkerJvmAndNeverHere() throws Exception {
        Set<Long> workers = workerProcessIds();
        long here = ProcessHandle.current().pid();
        assertFalse(workers.contains(here), "the workers are other JVMs");
        try (Rivulet rivulet = Rivulet.builder().taskRunner(newRunner()).build()) {
            List<Long> pids = rivulet.stub(Whereabouts.class).everywhere(40);
            assertEquals(41, pids.size());
            for (long pid : pids) {
                assertTrue(workers.contains(pid), "a body ran in process " + pid + ", not in a worker " + workers + " (this JVM is " + here + ")");
            }
            if (workers.size() > 1) {
                assertTrue(new HashSet<>(pids).size() > 1, "40 runs spread over more than one of the workers " + workers + ": " + pids);
            }
        }
    }

    @Test
    void retriesSendEveryAttemptAndTimeoutsEndAttemptsAsOnALocalRunner() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(newRunner()).build()) {
            Path counter = Attempts.newCounter();
            TaskFuture<Integer> flaky = submit(rivulet.stub(Work.class)::flaky, counter.toString());
            assertEquals(3, flaky.get(Duration.ofSeconds(30)));
            assertEquals(3, flaky.taskRun().attempts());
            assertEquals(3, Attempts.count(counter), "each attempt ran once, in a worker");

            TaskFuture<Long> slow = submit(rivulet.stub(Whereabouts.class)::sleeps, 20_000L);
            TaskFailedException failed = assertThrows(TaskFailedException.class, () -> slow.get(Duration.ofSeconds(30)));
            assertInstanceOf(TaskTimeoutException.class, failed.getCause());
            assertEquals(State.FAILED, slow.state());
        }
    }

    @Test
    void aCachedRunIsAnsweredHereWithoutSendingIt() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(newRunner()).build()) {
            Whereabouts stub = rivulet.stub(Whereabouts.class);
            Path counter = Attempts.newCounter();
            String text = "a" + System.nanoTime();
            assertEquals(text.toUpperCase(), stub.cached(counter.toString(), text));
            TaskFuture<String> again = submit(stub::cached, counter.toString(), text);
            assertEquals(text.toUpperCase(), again.get(Duration.ofSeconds(30)));
            assertEquals(State.CACHED, again.state());
            assertEquals(1, Attempts.count(counter));
        }
    }

    @Test
    void anArgumentThatCannotBeSentFailsItsRunNamingTheTaskAndTheParameter() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(newRunner()).build()) {
            TaskFuture<Integer> run = submit(rivulet.stub(Whereabouts.class)::hash, new Object());
            TaskFailedException failed = assertThrows(TaskFailedException.class, () -> run.get(Duration.ofSeconds(30)));
            SerializationException cause = assertInstanceOf(SerializationException.class, failed.getCause());
            assertTrue(cause.getMessage().contains(run.taskRun().name()) && cause.getMessage().contains("'value'")
                    && cause.getMessage().contains(Object.class.getName()), cause.getMessage());
            assertEquals(1, run.taskRun().attempts(), "not retried: it would fail the same way");
            assertNull(run.taskRun().error().filter(e -> !(e instanceof SerializationException)).orElse(null));
        }
    }
}
