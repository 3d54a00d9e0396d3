package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Materialisations of one path at once take turns: one writes, the other waits and, within the expiration, reuses it. */
class ConcurrentMaterializationTest {

    static final AtomicInteger BODIES = new AtomicInteger();
    static final AtomicInteger INSIDE = new AtomicInteger();
    static final AtomicInteger MOST_INSIDE = new AtomicInteger();

    public interface Daily {
        @Asset(path = "daily/{day}.parquet", cacheExpiration = "1h")
        default Artifact day(String day) throws InterruptedException {
            BODIES.incrementAndGet();
            MOST_INSIDE.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);  // long enough for the other call to arrive while this one writes
                return Artifact.ofRecords(IntStream.range(0, 100).mapToObj(i -> Map.of("day", day, "n", i)).toList());
            } finally {
                INSIDE.decrementAndGet();
            }
        }

        @Asset(path = "always/{day}.json")
        default Artifact always(String day, int writer) {
            MOST_INSIDE.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
            try {
                return Artifact.ofRecords(IntStream.range(0, 20_000).mapToObj(i -> Map.of("writer", writer, "n", i)).toList());
            } finally {
                INSIDE.decrementAndGet();
            }
        }
    }

    @TempDir
    Path directory;

    @Test
    void theSecondCallWaitsForTheFirstAndReusesItsArtifact() throws Exception {
        BODIES.set(0);
        MOST_INSIDE.set(0);
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build();
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Daily daily = rivulet.stub(Daily.class);
            List<Future<Artifact>> calls = List.of(threads.submit(() -> daily.day("2026-12-01")), threads.submit(() -> daily.day("2026-12-01")));

            Artifact first = calls.get(0).get();
            Artifact second = calls.get(1).get();

            assertThat(BODIES).as("one computed, the other reused it").hasValue(1);
            assertThat(MOST_INSIDE).hasValue(1);
            assertThat(second.record()).isEqualTo(first.record());
        }
    }

    @Test
    void withoutExpirationEachCallWritesInTurnAndTheArtifactIsOneWritersWhole() throws Exception {
        MOST_INSIDE.set(0);
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build();
             ExecutorService threads = Executors.newFixedThreadPool(4)) {
            Daily daily = rivulet.stub(Daily.class);
            List<Future<Artifact>> calls = IntStream.range(0, 4).mapToObj(writer -> threads.submit(() -> daily.always("d", writer))).toList();
            for (Future<Artifact> call : calls) {
                assertThat(call.get().rows()).isEqualTo(20_000);
            }

            assertThat(MOST_INSIDE).as("bodies of one path never overlap").hasValue(1);
            List<Map<String, Object>> writers = root.latest("always/d.json").orElseThrow()
                    .query("SELECT count(DISTINCT writer) AS writers, count(*) AS n FROM {asset}").rows();
            assertThat(writers.get(0)).containsEntry("writers", 1L).containsEntry("n", 20_000L);
        }
    }
}
