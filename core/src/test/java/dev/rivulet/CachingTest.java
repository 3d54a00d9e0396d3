package dev.rivulet;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CachingTest {

    @TempDir
    Path dir;

    @AutoClose
    final OpenedRivulets opened = new OpenedRivulets();

    private Rivulet rivulet() {
        return rivulet(Rivulet.builder());
    }

    private Rivulet rivulet(Rivulet.Builder builder) {
        return opened.add(builder.taskRunner(TaskRunners.threadPool(4)).localResultsDirectory(dir).build());
    }

    public record Trip(int id, String zone, double fare) {}

    /** A plain class: no stable hash. */
    public static final class Connection {}

    public interface Cached {
        @Task(cachePolicy = CachePolicy.INPUTS)
        List<Trip> trips(String zone, int count);

        @Task(cachePolicy = CachePolicy.INPUTS, refreshCache = true)
        String refreshed(String key);

        @Task(cachePolicy = CachePolicy.INPUTS)
        int total(List<Integer> values);

        @Task(cachePolicy = CachePolicy.INPUTS)
        int byteSum(byte[] bytes);

        @Task(cachePolicy = CachePolicy.INPUTS, cacheExpiration = "150ms")
        String expiring(String key);

        @Task(cachePolicy = CachePolicy.INPUTS, retries = 2)
        String failingOnce(String key);

        @Task(cachePolicy = CachePolicy.INPUTS)
        String slow(String key);

        @Task(cachePolicy = CachePolicy.INPUTS)
        String withConnection(Connection connection, String key);

        @Task(cachePolicy = CachePolicy.INPUTS, cacheKeyExclude = "connection")
        String excludingConnection(Connection connection, String key);

        @Task(cachePolicy = {CachePolicy.INPUTS, CachePolicy.TASK_SOURCE}, version = "2")
        String sourced(String key);

        @Task(cachePolicy = CachePolicy.RUN_ID)
        String perRun(String key);

        @Task(cachePolicy = CachePolicy.FLOW_PARAMETERS)
        String perFlowInput(String key);

        @Task(cacheKeyFunction = PerDay.class)
        String perDay(LocalDate day, String note);

        @Task(cachePolicy = CachePolicy.INPUTS, resultStorageKey = "reports/{day}/summary.json")
        String report(String day);

        @Task(persistResult = true, retries = 2)
        Object unserializable();

        @Flow
        default String flowOf(String key) {
            return perRun(key) + perRun(key) + perFlowInput("a") + perFlowInput("b");
        }
    }

    public static final class PerDay implements CacheKeyFunction {
        @Override
        public String cacheKey(TaskRun run, Map<String, Object> arguments) {
            return arguments.get("day").toString();
        }
    }

    /** Counts body runs per method; fails the first call of {@code failingOnce} per key. */
    static final class Counting implements Cached {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        int runs(String method) {
            return runs.getOrDefault(method, new AtomicInteger()).get();
        }

        private int ran(String method) {
            return runs.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public List<Trip> trips(String zone, int count) {
            ran("trips");
            List<Trip> trips = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                trips.add(new Trip(i, zone, 10.5 + i));
            }
            return trips;
        }

        @Override
        public int total(List<Integer> values) {
            ran("total");
            return values.stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public int byteSum(byte[] bytes) {
            ran("byteSum");
            int sum = 0;
            for (byte b : bytes) {
                sum += b;
            }
            return sum;
        }

        @Override
        public String refreshed(String key) {
            return key + ran("refreshed");
        }

        @Override
        public String expiring(String key) {
            return key + ran("expiring");
        }

        @Override
        public String failingOnce(String key) {
            if (ran("failingOnce") == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            return key;
        }

        @Override
        public String slow(String key) {
            ran("slow");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return key.toUpperCase();
        }

        @Override
        public String withConnection(Connection connection, String key) {
            return key;
        }

        @Override
        public String excludingConnection(Connection connection, String key) {
            return key + ran("excludingConnection");
        }

        @Override
        public String sourced(String key) {
            return key + ran("sourced");
        }

        @Override
        public String perRun(String key) {
            return key + ran("perRun");
        }

        @Override
        public String perFlowInput(String key) {
            return key + ran("perFlowInput");
        }

        @Override
        public String perDay(LocalDate day, String note) {
            return day + note + ran("perDay");
        }

        @Override
        public String report(String day) {
            return "report " + day;
        }

        @Override
        public Object unserializable() {
            ran("unserializable");
            return new Connection();
        }
    }

    @Test
    void sameInputsComputeOnceAndTheSecondRunIsCached() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);

        TaskFuture<List<Trip>> first = submit(cached::trips, "SoHo", 3);
        List<Trip> firstTrips = first.get();
        TaskFuture<List<Trip>> second = submit(cached::trips, "SoHo", 3);

        assertThat(second.get()).isEqualTo(firstTrips).hasSize(3);
        assertThat(first.state()).isEqualTo(State.COMPLETED);
        assertThat(second.state()).isEqualTo(State.CACHED);
        assertThat(body.runs("trips")).isEqualTo(1);

        assertThat(cached.trips("Harlem", 3)).extracting(Trip::zone).containsOnly("Harlem");
        assertThat(body.runs("trips")).isEqualTo(2);
    }

    @Test
    void anArgumentChangedInPlaceBetweenCallsDoesNotHitTheOldEntry() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);
        List<Integer> values = new ArrayList<>(List.of(1, 2, 3));
        byte[] small = {1, 2, 3};
        byte[] large = new byte[4096];
        large[0] = 1;

        assertThat(cached.total(values)).isEqualTo(6);
        assertThat(cached.total(values)).isEqualTo(6);
        values.set(0, 10);
        assertThat(cached.total(values)).isEqualTo(15);
        values.add(5);
        assertThat(cached.total(values)).isEqualTo(20);
        values.subList(1, 4).clear();
        values.add(0, 1);
        assertThat(cached.total(values)).isEqualTo(11);
        assertThat(body.runs("total")).isEqualTo(4);
        assertThat(cached.total(new ArrayList<>(List.of(1, 2, 3)))).isEqualTo(6);
        assertThat(body.runs("total")).isEqualTo(4);

        assertThat(cached.byteSum(small)).isEqualTo(6);
        assertThat(cached.byteSum(small)).isEqualTo(6);
        small[1] = 7;
        assertThat(cached.byteSum(small)).isEqualTo(11);
        assertThat(cached.byteSum(large)).isEqualTo(1);
        assertThat(cached.byteSum(large)).isEqualTo(1);
        large[4095] = 7;
        assertThat(cached.byteSum(large)).isEqualTo(8);
        assertThat(body.runs("byteSum")).isEqualTo(4);
    }

    @Test
    void aNewRuntimeOnTheSameDirectoryReadsTheResultBackAsTheDeclaredType() {
        Counting body = new Counting();
        List<Trip> computed = rivulet().stub(Cached.class, body).trips("SoHo", 2);
        Counting later = new Counting();

        List<Trip> read = rivulet().stub(Cached.class, later).trips("SoHo", 2);

        assertThat(read).isEqualTo(computed).first().isInstanceOf(Trip.class);
        assertThat(later.runs("trips")).isZero();
    }

    @Test
    void theMemoryTierServesHitsWithoutDecodingAndCanBeTurnedOff() {
        Cached withTier = rivulet().stub(Cached.class, new Counting());
        List<Trip> first = withTier.trips("SoHo", 2);
        assertThat(withTier.trips("SoHo", 2)).isSameAs(first);

        Cached withoutTier = rivulet(Rivulet.builder().resultCacheSize(0)).stub(Cached.class, new Counting());
        List<Trip> again = withoutTier.trips("SoHo", 2);
        assertThat(again).isNotSameAs(first).isEqualTo(first);
        assertThat(withoutTier.trips("SoHo", 2)).isNotSameAs(again).isEqualTo(first);
    }

    @Test
    void refreshRecomputesPerTaskAndGlobally() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);
        assertThat(cached.refreshed("k")).isEqualTo("k1");
        assertThat(cached.refreshed("k")).isEqualTo("k2");

        cached.trips("SoHo", 1);
        Counting refreshing = new Counting();
        rivulet(Rivulet.builder().refreshCache(true)).stub(Cached.class, refreshing).trips("SoHo", 1);
        assertThat(refreshing.runs("trips")).isEqualTo(1);
    }

    @Test
    void anExpiredResultIsComputedAgain() throws InterruptedException {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);
        assertThat(cached.expiring("k")).isEqualTo("k1");
        assertThat(cached.expiring("k")).isEqualTo("k1");
        Thread.sleep(300);
        assertThat(cached.expiring("k")).isEqualTo("k2");
    }

    @Test
    void aFailedAttemptWritesNothingAndTheRetryWritesTheResult() throws IOException {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);

        TaskFuture<String> run = submit(cached::failingOnce, "k");
        assertThat(run.get()).isEqualTo("k");
        assertThat(run.taskRun().attempts()).isEqualTo(2);
        assertThat(resultFiles()).hasSize(1);
    }

    @Test
    void aFailedRunNeverWritesAResult() throws IOException {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);

        TaskFuture<Object> run = submit(cached::unserializable);
        run.await();

        assertThat(run.state()).isEqualTo(State.FAILED);
        assertThat(run.taskRun().error().orElseThrow())
                .isInstanceOf(dev.rivulet.result.SerializationException.class)
                .hasMessageContaining("unserializable")
                .hasMessageContaining(Connection.class.getName())
                .hasMessageContaining("serializer 'json'")
                .hasMessageContaining("serializer = \"java\"");
        assertThat(run.taskRun().attempts()).as("a value that cannot be written is not retried").isEqualTo(1);
        assertThat(resultFiles()).isEmpty();
        assertThat(tempFiles()).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isDirectory).filter(d -> !d.equals(dir) && !d.startsWith(dir.resolve(".locks"))))
                    .as("the directories made for the result are gone with it").isEmpty();
        }
    }

    @Test
    void concurrentRunsOfOneKeyComputeOnce() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);
        List<TaskFuture<String>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(submit(cached::slow, "same"));
        }

        assertThat(Tasks.getAll(runs)).containsOnly("SAME");
        assertThat(body.runs("slow")).isEqualTo(1);
        assertThat(runs).extracting(TaskFuture::state).containsOnlyOnce(State.COMPLETED).contains(State.CACHED);
    }

    @Test
    void aCorruptEntryIsReportedAsAMissAndRecomputed() throws IOException {
        Counting body = new Counting();
        rivulet(Rivulet.builder().resultCacheSize(0)).stub(Cached.class, body).trips("SoHo", 50);
        Path entry = resultFiles().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[10] ^= 0x55;
        Files.write(entry, bytes);

        Cached again = rivulet(Rivulet.builder().resultCacheSize(0)).stub(Cached.class, body);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger results = (Logger) LoggerFactory.getLogger("dev.rivulet.Results");
        log.start();
        results.addAppender(log);
        TaskFuture<List<Trip>> run;
        try {
            run = submit(again::trips, "SoHo", 50);
            run.await();
        } finally {
            results.detachAppender(log);
        }

        assertThat(run.get()).hasSize(50);
        assertThat(run.state()).isEqualTo(State.COMPLETED);
        assertThat(body.runs("trips")).isEqualTo(2);
        assertThat(log.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("trips").contains("cannot be used").contains("checksum");
        });
    }

    @Test
    void aTruncatedEntryIsRecomputed() throws IOException {
        Counting body = new Counting();
        rivulet(Rivulet.builder().resultCacheSize(0)).stub(Cached.class, body).trips("SoHo", 50);
        Path entry = resultFiles().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(rivulet(Rivulet.builder().resultCacheSize(0)).stub(Cached.class, body).trips("SoHo", 50)).hasSize(50);
        assertThat(body.runs("trips")).isEqualTo(2);
    }

    @Test
    void anArgumentWithoutAStableHashFailsTheRunWithTheFix() {
        Cached cached = rivulet().stub(Cached.class, new Counting());
        TaskFuture<String> run = submit(cached::withConnection, new Connection(), "k");
        run.await();

        assertThat(run.state()).isEqualTo(State.FAILED);
        assertThat(run.taskRun().error().orElseThrow())
                .isInstanceOf(ResultKeyException.class)
                .hasMessageContaining("connection")
                .hasMessageContaining(Connection.class.getName())
                .hasMessageContaining("cacheKeyExclude");
    }

    @Test
    void anExcludedArgumentIsLeftOutOfTheKey() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);
        assertThat(cached.excludingConnection(new Connection(), "k")).isEqualTo("k1");
        assertThat(cached.excludingConnection(new Connection(), "k")).isEqualTo("k1");
        assertThat(cached.excludingConnection(new Connection(), "other")).isEqualTo("other2");
    }

    @Test
    void aKeyFunctionDecidesTheKey() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);
        LocalDate day = LocalDate.of(2023, 9, 1);
        assertThat(cached.perDay(day, "a")).isEqualTo("2023-09-01a1");
        assertThat(cached.perDay(day, "b")).isEqualTo("2023-09-01a1");
        assertThat(cached.perDay(day.plusDays(1), "b")).isEqualTo("2023-09-02b2");
    }

    @Test
    void taskSourceAndVersionKeysHitForUnchangedCode() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);
        assertThat(cached.sourced("k")).isEqualTo("k1");
        assertThat(cached.sourced("k")).isEqualTo("k1");
    }

    @Test
    void runIdKeysHitWithinAFlowRunAndFlowParameterKeysAcrossRuns() {
        Counting body = new Counting();
        Cached cached = rivulet().stub(Cached.class, body);

        assertThat(cached.flowOf("x")).isEqualTo("x1x1a1a1");
        assertThat(cached.flowOf("x")).as("a new flow run: new RUN_ID keys, same flow parameters").isEqualTo("x2x2a1a1");
        assertThat(cached.flowOf("y")).isEqualTo("y3y3a2a2");
    }

    @Test
    void aStorageKeyTemplatePlacesTheResult() throws IOException {
        Cached cached = rivulet().stub(Cached.class, new Counting());
        assertThat(cached.report("2023-09-01")).isEqualTo("report 2023-09-01");
        assertThat(resultFiles()).extracting(p -> dir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("reports/2023-09-01/summary.json.result");
    }

    @Test
    void aStorageKeyLeavingTheStoreFailsTheRunAndWritesNothing() throws IOException {
        Cached cached = rivulet().stub(Cached.class, new Counting());
        TaskFuture<String> run = submit(cached::report, "../../outside");
        run.await();

        assertThat(run.state()).isEqualTo(State.FAILED);
        assertThat(run.taskRun().error().orElseThrow()).isInstanceOf(ResultKeyException.class)
                .hasMessageContaining("reports/../../outside/summary.json")
                .hasMessageContaining("escapes");
        assertThat(resultFiles()).isEmpty();
        assertThat(Files.exists(dir.resolve("../outside"))).isFalse();
    }

    public interface Escaping {
        @Task(persistResult = true, resultStorageKey = "../{key}")
        String escape(String key);
    }

    public interface UnknownNames {
        @Task(persistResult = true, serializer = "yaml")
        String unknownSerializer();
    }

    public interface UnknownStore {
        @Task(persistResult = true, resultStore = "s3")
        String unknownStore();
    }

    public interface ExcludingUnknown {
        @Task(cachePolicy = CachePolicy.INPUTS, cacheKeyExclude = "nope")
        String excludeUnknown(String key);
    }

    @Test
    void badResultDefinitionsFailWhenTheStubIsMade() {
        Rivulet r = rivulet();
        assertThatThrownBy(() -> r.stub(Escaping.class, key -> key))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("../{key}").hasMessageContaining("root");
        assertThatThrownBy(() -> r.stub(UnknownNames.class, () -> "x"))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("yaml").hasMessageContaining("json")
                .hasMessageContaining("java");
        assertThatThrownBy(() -> r.stub(UnknownStore.class, () -> "x"))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("s3").hasMessageContaining("local")
                .hasMessageContaining("memory");
        assertThatThrownBy(() -> r.stub(ExcludingUnknown.class, key -> key))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("nope").hasMessageContaining("key");
    }

    public interface OtherCached {
        @Task(cachePolicy = CachePolicy.INPUTS)
        default String trips(String zone, int count) {
            return "other " + zone;
        }
    }

    @Test
    void tasksOfTheSameNameInTwoInterfacesDoNotShareEntries() {
        Rivulet r = rivulet();
        r.stub(Cached.class, new Counting()).trips("SoHo", 1);
        assertThat(r.stub(OtherCached.class).trips("SoHo", 1)).isEqualTo("other SoHo");
    }

    public interface Templated {
        @Task(name = "report-{day}", cachePolicy = CachePolicy.INPUTS, resultStorageKey = "{task}/{day}.json")
        String report(String day, int version);
    }

    @Test
    void aTemplatedEntryIsAHitOnlyForTheCacheKeyItWasComputedFor() throws IOException {
        AtomicInteger runs = new AtomicInteger();
        Templated templated = rivulet().stub(Templated.class, (day, version) -> day + " v" + version + " #" + runs.incrementAndGet());

        assertThat(templated.report("2023-09-01", 1)).isEqualTo("2023-09-01 v1 #1");
        assertThat(templated.report("2023-09-01", 1)).isEqualTo("2023-09-01 v1 #1");
        assertThat(templated.report("2023-09-01", 2)).as("same storage key, other inputs").isEqualTo("2023-09-01 v2 #2");
        assertThat(resultFiles()).extracting(p -> dir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("report-_day_/2023-09-01.json.result");
    }

    public interface SourceKeyed {
        @Task(cachePolicy = CachePolicy.TASK_SOURCE)
        String sourced(String key);
    }

    @Test
    void taskSourceNeedsAClassFileAndSaysSoWhenTheStubIsMade() {
        Rivulet r = rivulet();
        assertThatThrownBy(() -> r.stub(SourceKeyed.class, key -> key))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("TASK_SOURCE")
                .hasMessageContaining("version");
    }

    private List<Path> resultFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".result")).toList();
        }
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".result"))
                    .filter(p -> !p.startsWith(dir.resolve(".locks"))).toList();
        }
    }
}
