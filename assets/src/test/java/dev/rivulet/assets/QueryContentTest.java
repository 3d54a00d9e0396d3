package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An asset whose content is a query over another: DuckDB writes the rows into the file, types kept. */
class QueryContentTest {

    public interface Orders {
        @Asset(path = "raw/orders.json", name = "raw")
        default Artifact raw() {
            return Artifact.ofRecords(IntStream.range(0, 1_000)
                    .mapToObj(i -> Map.of("id", i % 800, "amount", String.valueOf(i / 4.0), "region", i % 2 == 0 ? "eu" : "us")).toList());
        }

        @Asset(path = "clean/orders.{format}", name = "clean-{format}")
        default Artifact clean(Artifact raw, String format) {
            return Artifact.ofQuery(raw.query("SELECT DISTINCT ON (id) id, CAST(amount AS DECIMAL(10, 2)) AS amount, region "
                    + "FROM {asset} ORDER BY id, CAST(amount AS DECIMAL(10, 2))"));
        }
    }

    @Test
    void theQuerysRowsAreWrittenCountedAndTyped(@TempDir Path directory) {
        try (ArtifactRoot root = ArtifactRoot.local(directory); Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Orders orders = rivulet.stub(Orders.class);
            Artifact raw = orders.raw();

            for (String format : List.of("parquet", "json")) {
                Artifact clean = orders.clean(raw, format);
                assertThat(clean.rows()).as(format).isEqualTo(800);
                assertThat(clean.record().batches()).isEqualTo(1);
                Map<String, Object> row = clean.query("SELECT any_value(typeof(amount)) AS type, sum(amount) AS total FROM {asset}").rows().get(0);
                assertThat(row.get("type")).as(format + " keeps the decimal").isEqualTo("DECIMAL(10,2)");
                assertThat((BigDecimal) row.get("total")).isEqualByComparingTo(new BigDecimal("79900.00"));
            }
        }
    }
}
