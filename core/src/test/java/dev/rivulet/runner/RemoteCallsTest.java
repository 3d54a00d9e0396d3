package dev.rivulet.runner;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskTimeoutException;
import dev.rivulet.result.SerializationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task bodies sent through a runner's {@link TaskCallSender} to a {@link TaskCallReceiver} made by
 * another Rivulet, which carries them out on its own threads: what travels (values, references to
 * stored results, failures), and that retries, timeouts and caching stay with the sending runtime.
 */
class RemoteCallsTest {

    /** What the receiving side saw: calls by task run name, and the threads bodies ran on. */
    static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FLAKY_CALLS = new ConcurrentHashMap<>();
    static volatile CountDownLatch interruptedOnReceiver = new CountDownLatch(1);

    private final List<AutoCloseable> opened = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        RECEIVED.clear();
        FLAKY_CALLS.clear();
    }

    /** A body that only the receiving side can carry out: it fails unless it runs on a receiver thread. */
    static void onReceiver() {
        if (!Thread.currentThread().getName().startsWith("receiver-")) {
            throw new IllegalStateException("ran on " + Thread.currentThread().getName() + ", not on the receiver");
        }
    }

    public interface Remote {
        @Task
        default int square(int x) {
            onReceiver();
            return x * x;
        }

        @Task
        default int sum(List<Integer> xs) {
            onReceiver();
            return xs.stream().mapToInt(Integer::intValue).sum();
        }

        @Task(retries = 2)
        default int flaky(String name) {
            onReceiver();
            int calls = FLAKY_CALLS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            if (calls < 3) {
                throw new IllegalStateException("flaky " + calls);
            }
            return calls;
        }

        @Task(timeout = "200ms")
        default int slow() {
            onReceiver();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interruptedOnReceiver.countDown();
                Thread.currentThread().interrupt();
            }
            return 1;
        }

        @Task(retries = 3, retryOn = IllegalStateException.class)
        default int fails(String message) {
            onReceiver();
            throw new IllegalArgumentException(message);
        }

        @Task
        default int failsUnserializably() {
            onReceiver();
            throw new Unserializable(new Object());
        }

        @Task(serializer = "java", retries = 2)
        default int identity(Object value) {
            onReceiver();
            return value.hashCode();
        }

        @Task(cachePolicy = dev.rivulet.CachePolicy.INPUTS)
        default String cached(String text) {
            onReceiver();
            return text.toUpperCase();
        }

        @Task(cacheResultInMemory = false, resultStore = "shared")
        default List<String> big(int n) {
            onReceiver();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                lines.add("line " + i);
            }
            return lines;
        }

        @Task
        default int count(List<String> lines) {
            onReceiver();
            return lines.size();
        }

        @Task
        String greet(String name);

        @Task(timeout = "400ms")
        default int quick(int i) throws InterruptedException {
            onReceiver();
            Thread.sleep(150);
            return i;
        }

        @Task
        default String describe(Object value) {
            onReceiver();
            return value.getClass().getSimpleName() + ":" + value;
        }

        @Task(name = "named-{label}")
        default int length(String label) {
            onReceiver();
            return label.length();
        }

        @Flow
        default int squares(int n) {
            List<TaskFuture<Integer>> futures = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                futures.add(submit(this::square, i));
            }
            int direct = square(n + 1);
            return submit(this::sum, dev.rivulet.Tasks.results(futures)).get() + direct;
        }

        @Flow
        default int bigThenCount(int n) {
            return submit(this::count, submit(this::big, n)).get();
        }
    }

    public record Point(int x, int y) {}

    /** A generic interface whose task the stub's interface inherits with a type argument. */
    public interface Echo<T> {
        @Task
        default T echo(T value) {
            onReceiver();
            return value;
        }

        @Task
        T made(int x);
    }

    public interface Points extends Echo<Point> {}

    /** A directory store that says other JVMs read it, as one on a shared disk would. */
    static final class SharedDirectoryStore implements dev.rivulet.result.ResultStore {
        private final dev.rivulet.result.ResultStore directory;

        SharedDirectoryStore(Path path) {
            this.directory = dev.rivulet.result.ResultStores.local(path);
        }

        @Override
        public boolean readableElsewhere() {
            return true;
        }

        @Override
        public String describe() {
            return "shared(" + directory.describe() + ")";
        }

        @Override
        public dev.rivulet.result.ResultRecord write(dev.rivulet.result.ResultRecord record, DataWriter data) throws java.io.IOException {
            return directory.write(record, data);
        }

        @Override
        public Optional<dev.rivulet.result.ResultRecord> record(String key) throws java.io.IOException {
            return directory.record(key);
        }

        @Override
        public Optional<dev.rivulet.result.StoredResult> read(String key) throws java.io.IOException {
            return directory.read(key);
        }

        @Override
        public boolean delete(String key) throws java.io.IOException {
            return directory.delete(key);
        }
    }

    static final class Unserializable extends RuntimeException {
        private final Object notSerializable;

        Unserializable(Object notSerializable) {
            super("cannot travel as it is");
            this.notSerializable = notSerializable;
        }
    }

    /**
     * A runner that runs its runs on virtual threads here and sends their bodies to a receiver
     * running on a thread pool of its own, as a remote runner sends them to another JVM.
     */
    private TaskRunner loopbackRunner(TaskCallReceiver receiver) {
        ExecutorService receiverThreads = Executors.newFixedThreadPool(4, r -> new Thread(r, "receiver-" + System.nanoTime()));
        TaskCallSender sender = call -> {
            RECEIVED.computeIfAbsent(call.taskRunName(), n -> new AtomicInteger()).incrementAndGet();
            Future<byte[]> outcome = receiverThreads.submit(() -> receiver.receive(call.encoded()));
            try {
                return outcome.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        };
        opened.add(receiverThreads::shutdownNow);
        return TaskRunners.sending("loopback", sender);
    }

    private Rivulet sending(Path sendingResults, Path receivingResults, Function<Class<?>, Optional<?>> implementations) {
        Rivulet receiving = Rivulet.builder().localResultsDirectory(receivingResults)
                .resultStore("shared", new SharedDirectoryStore(receivingResults.resolve("shared"))).build();
        opened.add(receiving);
        Rivulet sending = Rivulet.builder().localResultsDirectory(sendingResults)
                .resultStore("shared", new SharedDirectoryStore(sendingResults.resolve("shared")))
                .taskRunner(loopbackRunner(receiving.taskCallReceiver(implementations))).build();
        opened.add(sending);
        return sending;
    }

    private Remote remote(Path sendingResults, Path receivingResults, Function<Class<?>, Optional<?>> implementations) {
        Rivulet sending = sending(sendingResults, receivingResults, implementations);
        // The sender's own implementation must never be called: the receiver's carries the method out.
        return sending.stub(Remote.class, name -> {
            throw new IllegalStateException("the sender's implementation ran");
        });
    }

    private Remote remote() {
        Path results = directory.resolve("results");
        return remote(results, results, type -> Optional.empty());
    }

    @Test
    void submittedRunsAndDirectCallsAreCarriedOutByTheReceiver() throws Exception {
        Remote remote = remote();
        assertEquals(1 + 4 + 9 + 16 + 25, remote.squares(4));
        assertEquals(6, RECEIVED.size(), "four submitted squares, the direct call and the sum: " + RECEIVED);
        TaskFuture<Integer> alone = submit(remote::square, 3);
        assertEquals(9, alone.get(Duration.ofSeconds(10)));
        assertEquals(State.COMPLETED, alone.state());
    }

    @Test
    void retriesStayWithTheSenderAndEachAttemptIsSentAgain() throws Exception {
        Remote remote = remote();
        TaskFuture<Integer> flaky = submit(remote::flaky, "f");
        assertEquals(3, flaky.get(Duration.ofSeconds(10)));
        assertEquals(3, flaky.taskRun().attempts());
        assertEquals(3, RECEIVED.get(flaky.taskRun().name()).get());
    }

    @Test
    void aTimeoutEndsTheAttemptHereAndInterruptsTheBodyThere() throws Exception {
        interruptedOnReceiver = new CountDownLatch(1);
        Remote remote = remote();
        TaskFuture<Integer> slow = submit(remote::slow);
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> slow.get(Duration.ofSeconds(10)));
        assertInstanceOf(TaskTimeoutException.class, e.getCause());
        assertTrue(interruptedOnReceiver.await(5, TimeUnit.SECONDS), "the body on the receiver was interrupted at its timeout");
    }

    @Test
    void theBodysFailureComesBackAsItsOwnTypeSoRetryConditionsHold() throws Exception {
        Remote remote = remote();
        TaskFuture<Integer> failed = submit(remote::fails, "nope");
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> failed.get(Duration.ofSeconds(10)));
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("nope", cause.getMessage());
        assertEquals(1, failed.taskRun().attempts(), "retryOn = IllegalStateException: an IllegalArgumentException is not retried");
    }

    @Test
    void aFailureThatCannotTravelComesBackAsAStandInWithItsTypeMessageAndTrace() throws Exception {
        Remote remote = remote();
        TaskFuture<Integer> failed = submit(remote::failsUnserializably);
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> failed.get(Duration.ofSeconds(10)));
        RemoteTaskException standIn = assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertEquals(Optional.of(Unserializable.class.getName()), standIn.remoteType());
        assertTrue(standIn.getMessage().contains("cannot travel as it is"), standIn.getMessage());
        assertTrue(standIn.getStackTrace().length > 0
                && standIn.getStackTrace()[0].getMethodName().equals("failsUnserializably"), "the body's own stack trace");
    }

    @Test
    void anArgumentThatCannotBeSentFailsTheRunNamingTaskParameterAndTypeWithoutRetries() throws Exception {
        Remote remote = remote();
        TaskFuture<Integer> run = submit(remote::identity, new Object());
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> run.get(Duration.ofSeconds(10)));
        SerializationException cause = assertInstanceOf(SerializationException.class, e.getCause());
        assertTrue(cause.getMessage().contains("'" + run.taskRun().name() + "'") && cause.getMessage().contains("argument 'value'")
                && cause.getMessage().contains("java.lang.Object") && cause.getMessage().contains("serializer 'java'"), cause.getMessage());
        assertEquals(1, run.taskRun().attempts());
        assertEquals(null, RECEIVED.get(run.taskRun().name()), "nothing was sent");
    }

    @Test
    void aCachedRunIsAnsweredByTheSenderWithoutSendingIt() throws Exception {
        Remote remote = remote();
        assertEquals("A", remote.cached("a"));
        TaskFuture<String> again = submit(remote::cached, "a");
        assertEquals("A", again.get(Duration.ofSeconds(10)));
        assertEquals(State.CACHED, again.state());
        assertEquals(1, RECEIVED.values().stream().mapToInt(AtomicInteger::get).sum());
    }

    @Test
    void aValueLeftInAStoreTheReceiverReadsIsSentAsAReference() throws Exception {
        Remote remote = remote();
        assertEquals(1000, remote.bigThenCount(1000));
    }

    @Test
    void aValueLeftInAStoreOfThisMachineOnlyTravelsAsItself() throws Exception {
        // The receiver's "local" store is another directory: a reference to the sender's would not be found there.
        Remote remote = remote(directory.resolve("sender"), directory.resolve("receiver"), type -> Optional.empty());
        TaskFuture<List<String>> big = dev.rivulet.Tasks.with(dev.rivulet.TaskOptions.newBuilder().resultStore("local").build())
                .submit(remote::big, 5);
        assertEquals(5, submit(remote::count, big).get(Duration.ofSeconds(10)));
    }

    @Test
    void theTimeoutCountsFromWhenTheBodyStartsThereNotFromWhenItWasSent() throws Exception {
        Remote remote = remote();
        // Four receiver threads, twelve runs of 150 ms with a 400 ms limit: the last wait some 300 ms
        // before they start, which a limit counted from the send would spend.
        List<TaskFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(submit(remote::quick, i));
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(i, runs.get(i).get(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aValueTravelsAsItsOwnClassWhenItsDeclaredTypeSaysLess() throws Exception {
        Remote remote = remote();
        assertEquals("Point:Point[x=1, y=2]", submit(remote::describe, new Point(1, 2)).get(Duration.ofSeconds(10)));
        Rivulet sending = sending(directory.resolve("g"), directory.resolve("g"),
                type -> type == Points.class ? Optional.of((Points) x -> {
                    onReceiver();
                    return new Point(x, -x);
                }) : Optional.empty());
        Points points = sending.stub(Points.class, x -> {
            throw new IllegalStateException("the sender's implementation ran");
        });
        Point echoed = submit(points::echo, new Point(3, 4)).get(Duration.ofSeconds(10));
        assertEquals(new Point(3, 4), echoed);
        assertEquals(new Point(5, -5), submit(points::made, 5).get(Duration.ofSeconds(10)),
                "an inherited abstract task is carried out by the implementation of the stub's interface");
    }

    /** What a receiver answers to {@code call}, read back as the sender reads it. */
    private static Object answer(TaskCallReceiver receiver, byte[] call) throws Throwable {
        byte[] outcome = receiver.receive(call);
        return dev.rivulet.internal.remote.Outcomes.read(outcome, new dev.rivulet.internal.result.JavaSerializer(List.of()), int.class,
                RemoteCallsTest.class.getClassLoader(), "square-0");
    }

    @Test
    void aReceiverGivenDamagedBytesAnswersWithAFailureSayingSo() throws Exception {
        Rivulet receiving = Rivulet.builder().localResultsDirectory(directory.resolve("r")).build();
        opened.add(receiving);
        TaskCallReceiver receiver = receiving.taskCallReceiver(type -> Optional.empty());
        RemoteTaskException e = assertThrows(RemoteTaskException.class, () -> answer(receiver, new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("cannot read a task call"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(callOfSquare(), 30);
        assertThrows(RemoteTaskException.class, () -> answer(receiver, truncated));
    }

    @Test
    void aReceiverWithoutTheTasksInterfaceAnswersSayingWhatToPutOnItsClassPath() throws Exception {
        Rivulet receiving = Rivulet.builder().localResultsDirectory(directory.resolve("r")).build();
        opened.add(receiving);
        TaskCallReceiver receiver = receiving.taskCallReceiver(type -> Optional.empty());
        byte[] call = callOfSquare();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            RemoteTaskException e = assertThrows(RemoteTaskException.class, () -> answer(receiver, call));
            assertTrue(e.getMessage().contains(Remote.class.getName()) && e.getMessage().contains("class path"), e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The call of {@link Remote#square} with 3, as a sender encodes it. */
    private static byte[] callOfSquare() throws Exception {
        java.lang.reflect.Method square = Remote.class.getMethod("square", int.class);
        return dev.rivulet.internal.remote.EncodedCall.encode("square", "square-0", "run-1", null, 1, null, Remote.class, square, false,
                new String[] {"x"}, new dev.rivulet.internal.result.JavaSerializer(List.of()), new Object[] {3}).encoded();
    }

    @Test
    void aRunNameLongerThanSixtyFourKilobytesTravels() throws Exception {
        Remote remote = remote();
        String label = "x".repeat(70_000);
        assertEquals(70_000, submit(remote::length, label).get(Duration.ofSeconds(10)));
    }

    @Test
    void aReferenceTheReceiverCannotReadFailsNamingTheArgumentAndTheStore() throws Exception {
        // Two directories that both say other JVMs read them: the reference goes, and is not found.
        Remote remote = remote(directory.resolve("sender"), directory.resolve("receiver"), type -> Optional.empty());
        TaskFuture<Integer> count = submit(remote::count, submit(remote::big, 10));
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> count.get(Duration.ofSeconds(10)));
        RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertTrue(cause.getMessage().contains("argument 'lines'") && cause.getMessage().contains("result store 'shared'"), cause.getMessage());
    }

    @Test
    void anAbstractMethodIsCarriedOutByTheReceiversImplementation() throws Exception {
        Remote remote = remote(directory.resolve("r"), directory.resolve("r"),
                type -> type == Remote.class ? Optional.of((Remote) name -> {
                    onReceiver();
                    return "hello " + name;
                }) : Optional.empty());
        assertEquals("hello you", submit(remote::greet, "you").get(Duration.ofSeconds(10)));
    }

    @Test
    void anAbstractMethodWithoutAnImplementationThereFailsSayingWhatToGive() throws Exception {
        Remote remote = remote();
        TaskFuture<String> greet = submit(remote::greet, "you");
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> greet.get(Duration.ofSeconds(10)));
        RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, e.getCause());
        assertTrue(cause.getMessage().contains(Remote.class.getName()) && cause.getMessage().contains("implementation"), cause.getMessage());
        assertNotEquals(State.COMPLETED, greet.state());
    }
}
