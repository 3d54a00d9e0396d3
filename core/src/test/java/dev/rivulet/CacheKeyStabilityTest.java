package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache keys that a task with {@code cachePolicy = INPUTS} stores its results under, pinned to
 * the exact keys of earlier versions: a results directory written before a change in how arguments
 * are read or hashed must still give hits after it. A change that fails here invalidates every
 * user's stored cache, and needs a new hash format version instead.
 */
class CacheKeyStabilityTest {

    @TempDir
    Path dir;

    public record Line(String sku, int quantity, Optional<Double> discount) {}

    public record Order(String id, LocalDate day, List<Line> lines, Map<String, Set<String>> tags, int[] codes) {}

    static final AtomicInteger BODY_RUNS = new AtomicInteger();

    public interface Orders {
        @Task(cachePolicy = CachePolicy.INPUTS)
        default int total(Order order, Object[] extras, Optional<Order> previous) {
            BODY_RUNS.incrementAndGet();
            return order.lines().stream().mapToInt(Line::quantity).sum() + extras.length;
        }
    }

    private static Order order() {
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        tags.put("channel", new TreeSet<>(List.of("web", "mobile")));
        tags.put("none", Set.of());
        return new Order("o-17", LocalDate.of(2024, 2, 29),
                List.of(new Line("apple", 3, Optional.of(0.1)), new Line("pear", 2, Optional.empty())),
                tags, new int[] {4, 5, 6});
    }

    private int totalOf(Order order, Object[] extras, Optional<Order> previous) {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).localResultsDirectory(dir).build()) {
            return rivulet.stub(Orders.class).total(order, extras, previous);
        }
    }

    private List<String> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void aTasksCacheKeyForRecordsCollectionsMapsArraysAndOptionalsIsPinned() throws IOException {
        Order order = order();
        Object[] extras = {List.of(1, 2), new String[] {"x"}, Optional.of(new Line("fig", 1, Optional.empty())), null};
        int before = BODY_RUNS.get();

        assertThat(totalOf(order, extras, Optional.of(order))).isEqualTo(9);

        assertThat(storedFiles()).containsExactly("total/e4b6f9770953656c61ecc4ff954669f89e8704951151f4e0a28de9b1eb038f7d.result");
        // A new JVM's worth of state (a new Rivulet) with equal, not identical, arguments hits the stored entry.
        assertThat(totalOf(order(), extras.clone(), Optional.of(order()))).isEqualTo(9);
        assertThat(BODY_RUNS.get() - before).isEqualTo(1);
    }
}
