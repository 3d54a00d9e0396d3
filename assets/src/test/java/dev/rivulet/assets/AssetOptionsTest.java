package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JSON back with given types and formats, retried asset runs, and the options' own rules. */
class AssetOptionsTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    static final String EVENTS = "{\"id\": 1, \"happened\": \"05/12/2026 09:30\", \"day\": \"05/12/2026\"}\n"
            + "{\"id\": 2, \"happened\": \"06/12/2026 18:05\", \"day\": \"06/12/2026\"}";

    public interface Events {
        @Asset(path = "events.json", jsonColumns = {"happened TIMESTAMP", "day DATE"}, jsonTimestampFormat = "%d/%m/%Y %H:%M",
                jsonDateFormat = "%d/%m/%Y")
        default Artifact events() {
            return Artifact.ofJson(EVENTS);
        }

        /** The same events written as Parquet: DuckDB reads the JSON pages with the asset's formats. */
        @Asset(path = "events.parquet", jsonColumns = {"happened TIMESTAMP", "day DATE"}, jsonTimestampFormat = "%d/%m/%Y %H:%M",
                jsonDateFormat = "%d/%m/%Y")
        default Artifact eventsAsParquet() {
            return Artifact.ofJson(EVENTS);
        }

        /** The first attempt fails after two batches; the second writes all three. */
        @Task(retries = 1)
        @Asset(path = "flaky.parquet")
        default Artifact flaky() {
            int attempt = ATTEMPTS.incrementAndGet();
            Iterator<List<Map<String, Object>>> batches = Stream.of(0, 1, 2).map(batch -> {
                if (attempt == 1 && batch == 2) {
                    throw new IllegalStateException("the source went away");
                }
                return List.<Map<String, Object>>of(Map.of("batch", batch));
            }).iterator();
            return Artifact.ofBatches(batches);
        }
    }

    @TempDir
    Path directory;

    @Test
    void jsonIsReadBackWithTheGivenTypesAndFormats() {
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Artifact events = rivulet.stub(Events.class).events();

            Map<String, Object> first = events.query("ORDER BY id LIMIT 1").rows().get(0);
            assertThat(first.get("happened")).isEqualTo(java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 12, 5, 9, 30)));
            assertThat(first.get("day")).hasToString("2026-12-05");
            assertThat(events.query("SELECT typeof(id) AS id, typeof(happened) AS happened FROM {asset} LIMIT 1").rows().get(0))
                    .containsEntry("id", "BIGINT").containsEntry("happened", "TIMESTAMP");
        }
    }

    @Test
    void theFormatsAlsoApplyWhenDuckDbWritesTheArtifact() {
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Artifact events = rivulet.stub(Events.class).eventsAsParquet();

            assertThat(events.query("SELECT typeof(happened) AS happened, typeof(day) AS day FROM {asset} LIMIT 1").rows().get(0))
                    .containsEntry("happened", "TIMESTAMP").containsEntry("day", "DATE");
            assertThat(events.query("ORDER BY id LIMIT 1").rows().get(0).get("day")).hasToString("2026-12-05");
        }
    }

    @Test
    void aRetriedAttemptStartsOverAndLeavesNoFragmentsOfTheFailedOne() throws Exception {
        ATTEMPTS.set(0);
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Artifact flaky = rivulet.stub(Events.class).flaky();

            assertThat(ATTEMPTS).hasValue(2);
            assertThat(flaky.rows()).isEqualTo(3);
            assertThat(flaky.record().batches()).isEqualTo(3);
            try (Stream<Path> staged = Files.list(directory.resolve("_artifacts/runs"))) {
                assertThat(staged).isEmpty();
            }
        }
    }

    @Test
    void optionsMergeOverDefaultsAndAreCheckedWhenSet() {
        AssetOptions annotation = AssetOptions.newBuilder().path("a/{x}.json").cacheExpiration("1h").build();
        AssetOptions call = AssetOptions.newBuilder().path("b/{x}.parquet").snapshotArtifacts(true).build();

        AssetOptions merged = call.withDefaults(annotation);

        assertThat(merged.path()).contains("b/{x}.parquet");
        assertThat(merged.cacheExpiration()).contains(Duration.ofHours(1));
        assertThat(merged.snapshotArtifacts()).contains(true);
        assertThat(merged).isEqualTo(call.withDefaults(annotation)).hasSameHashCodeAs(call.withDefaults(annotation));
        assertThat(merged).hasToString("AssetOptions{path=b/{x}.parquet, cacheExpiration=PT1H, snapshotArtifacts=true}");
        assertThatThrownBy(() -> AssetOptions.newBuilder().format("csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown artifact format 'csv'; the formats are json and parquet");
        assertThatThrownBy(() -> AssetOptions.newBuilder().jsonColumns("amount DOUBLE'); DROP TABLE x; --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a column name and a DuckDB type");
        assertThatThrownBy(() -> AssetOptions.newBuilder().cacheExpiration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArtifactRoot.local(directory.resolve("data[prod]"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data[prod] is refused: it holds one of * ? [ ] { }");
    }
}
