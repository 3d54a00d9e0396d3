package dev.rivulet.codec;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.CachePolicy;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.ResultStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks that name {@code compressed/json} and {@code compressed:lz4/json}, with nothing but core and
 * this module on the class path and nothing configured: the results are stored compressed and a new
 * {@code Rivulet}, as the next JVM would, reads them back from the cache.
 */
class CompressedResultsTest {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path results;

    static List<String> lines(int count) {
        RUNS.incrementAndGet();
        return IntStream.range(0, count).mapToObj(i -> "trip " + i + ": pickup SoHo, dropoff JFK, fare 52.50").toList();
    }

    interface Logs {
        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "compressed/json")
        default List<String> zstd(int count) {
            return lines(count);
        }

        @Task(cachePolicy = CachePolicy.INPUTS, serializer = "compressed:lz4/json")
        default List<String> lz4(int count) {
            return lines(count);
        }
    }

    @Test
    void resultsAreStoredCompressedAndReadBackByTheNextRuntime() throws Exception {
        RUNS.set(0);
        List<String> zstd;
        List<String> lz4;
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).build()) {
            Logs logs = rivulet.stub(Logs.class);
            zstd = logs.zstd(20_000);
            lz4 = logs.lz4(20_000);
        }
        assertEquals(2, RUNS.get());

        Map<String, ResultRecord> records = records();
        assertEquals("compressed:zstd/json", records.get("zstd").serializer());
        assertEquals("compressed:lz4/json", records.get("lz4").serializer());
        long json = 20_000 * "\"trip 12345: pickup SoHo, dropoff JFK, fare 52.50\",".length();
        records.values().forEach(r -> assertTrue(r.size() < json / 4, r.taskName() + " stored " + r.size() + " bytes"));

        try (Rivulet next = Rivulet.builder().localResultsDirectory(results).build()) {
            Logs logs = next.stub(Logs.class);
            TaskFuture<List<String>> zstdAgain = submit(logs::zstd, 20_000);
            TaskFuture<List<String>> lz4Again = submit(logs::lz4, 20_000);
            assertEquals(zstd, zstdAgain.get());
            assertEquals(lz4, lz4Again.get());
            assertEquals(State.CACHED, zstdAgain.state());
            assertEquals(State.CACHED, lz4Again.state());
        }
        assertEquals(2, RUNS.get(), "the second runtime ran no task");
    }

    /** The stored records by task name. */
    private Map<String, ResultRecord> records() throws Exception {
        Map<String, ResultRecord> records = new TreeMap<>();
        try (ResultStore store = ResultStores.local(results); Stream<Path> files = Files.walk(results)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".result")).toList()) {
                String key = results.relativize(file).toString().replace('\\', '/').replace(".result", "");
                ResultRecord record = store.record(key).orElseThrow();
                records.put(record.taskName(), record);
            }
        }
        return records;
    }
}
