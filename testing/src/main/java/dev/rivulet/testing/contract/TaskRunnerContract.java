package dev.rivulet.testing.contract;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskRun;
import dev.rivulet.runner.ReadyTaskRun;
import dev.rivulet.runner.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskRunner} must have: it runs what it is given on threads other than
 * the caller's, concurrently if it says so, and once closed refuses new work and lets running work
 * finish; the runtime's own behaviour
 * on top (graph, retries, failures) is checked through flows run on the runner under test. The
 * built-in runners pass it. To test a runner of your own, add {@code dev.rivulet:rivulet-testing}
 * with test scope and extend this class, as the test of the built-in thread pool does:
 *
 * {@snippet file="dev/rivulet/testing/contract/ThreadPoolRunnerTest.java" region="contract"}
 */
public abstract class TaskRunnerContract {

    /** For subclasses; JUnit makes one instance per test method. */
    protected TaskRunnerContract() {}

    /**
     * A new runner under test; tests close it.
     *
     * @return a runner that has run nothing yet
     */
    protected abstract TaskRunner newRunner();

    /**
     * Whether the runner runs more than one task run at a time.
     *
     * @return true if two task runs ready together must run at the same time (the suite checks that
     *     they overlap), false if they may run one after the other
     */
    protected abstract boolean runsInParallel();

    private static ReadyTaskRun ready(String name, Runnable body) {
        TaskRun run = (TaskRun) java.lang.reflect.Proxy.newProxyInstance(TaskRun.class.getClassLoader(), new Class<?>[] {TaskRun.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name", "taskName" -> name;
                    case "toString" -> "TaskRun[" + name + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new ReadyTaskRun() {
            @Override
            public TaskRun taskRun() {
                return run;
            }

            @Override
            public void run() {
                body.run();
            }
        };
    }

    @Test
    void runsWhatItIsGivenOnAnotherThread() throws Exception {
        try (TaskRunner runner = newRunner()) {
            Thread caller = Thread.currentThread();
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch done = new CountDownLatch(100);
            for (int i = 0; i < 100; i++) {
                runner.submit(ready("r" + i, () -> {
                    threads.add(Thread.currentThread());
                    done.countDown();
                }));
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertFalse(threads.contains(caller));
            assertFalse(runner.name().isBlank());
        }
    }

    @Test
    void runsConcurrentlyIfItSaysSo() throws Exception {
        try (TaskRunner runner = newRunner()) {
            CountDownLatch bothStarted = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 2; i++) {
                runner.submit(ready("p" + i, () -> {
                    bothStarted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            boolean overlapped = bothStarted.await(runsInParallel() ? 10 : 1, TimeUnit.SECONDS);
            release.countDown();
            assertEquals(runsInParallel(), overlapped);
        }
    }

    @Test
    void refusesWorkOnceClosedAndLetsRunningWorkFinish() throws Exception {
        TaskRunner runner = newRunner();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        runner.submit(ready("long", () -> {
            started.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        runner.close();
        assertEquals(1, finished.get(), "close waits for running work");
        assertTrue(runner.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.submit(ready("late", () -> { })));
        assertTrue(e.getMessage().contains("late") && e.getMessage().contains("closed"), e.getMessage());
        runner.close();
    }

    /**
     * The tasks and the flow the suite runs on the runner through a {@link Rivulet}; public because
     * Rivulet makes a proxy of it.
     */
    public interface Work {
        /**
         * A task with a result.
         *
         * @param x a number
         * @return {@code x * x}
         */
        @Task
        default int square(int x) {
            return x * x;
        }

        /**
         * A task whose argument is the results of other task runs.
         *
         * @param xs numbers
         * @return their sum
         */
        @Task
        default int sum(List<Integer> xs) {
            return xs.stream().mapToInt(Integer::intValue).sum();
        }

        /**
         * A task that fails its first two attempts and succeeds on its third, the last its retries
         * allow. It counts its attempts in a file, which the JVMs of a remote runner on this machine
         * share.
         *
         * @param counter the path of a file that counts the attempts
         * @return the number of attempts made, 3
         */
        @Task(retries = 2)
        default int flaky(String counter) {
            int calls = Attempts.next(Path.of(counter));
            if (calls < 3) {
                throw new IllegalStateException("flaky");
            }
            return calls;
        }

        /**
         * A task that always fails.
         *
         * @return nothing: it throws an {@link IllegalArgumentException}
         */
        @Task
        default int fail() {
            throw new IllegalArgumentException("nope");
        }

        /**
         * A task for chains of dependents.
         *
         * @param x a number
         * @return {@code x + 1}
         */
        @Task
        default int plusOne(int x) {
            return x + 1;
        }

        /**
         * A flow that submits {@code n} squares and sums them once all are done.
         *
         * @param n how many squares, from 1
         * @return the sum of the squares of 1 to {@code n}
         */
        @Flow
        default int flow(int n) {
            List<TaskFuture<Integer>> squares = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                squares.add(submit(this::square, i));
            }
            return submit(this::sum, dev.rivulet.Tasks.results(squares)).get();
        }
    }

    @Test
    void flowsOnTheRunnerGetResultsRetriesAndFailures() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(newRunner()).build()) {
            Work work = rivulet.stub(Work.class);
            assertEquals(1 + 4 + 9 + 16, work.flow(4));
            assertEquals(State.COMPLETED, rivulet.lastFlowRun().orElseThrow().state());
            assertEquals(4, rivulet.lastFlowRun().orElseThrow().graph().edges().size());

            TaskFuture<Integer> flaky = submit(work::flaky, Attempts.newCounter().toString());
            assertEquals(3, flaky.get(Duration.ofSeconds(10)));
            assertEquals(3, flaky.taskRun().attempts());

            TaskFuture<Integer> failed = submit(work::fail);
            TaskFuture<Integer> dependent = submit(work::plusOne, failed);
            dependent.await();
            assertEquals(State.FAILED, failed.state());
            assertEquals(State.FAILED, dependent.state());
            assertNotSame(failed.taskRun(), dependent.taskRun());
        }
    }
}
