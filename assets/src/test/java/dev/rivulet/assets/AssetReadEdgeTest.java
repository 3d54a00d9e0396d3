package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.RunGraph;
import dev.rivulet.history.RunEdge;
import dev.rivulet.history.RunHistoryOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An asset that queries another by {@code {asset:name}} depends on the run that wrote it: an edge of kind READ. */
class AssetReadEdgeTest {

    public interface Sales {
        @Asset(path = "regions.json", name = "regions")
        default Artifact regions() {
            return Artifact.ofRecords(List.of(Map.of("region", "eu", "label", "Europe"), Map.of("region", "us", "label", "Americas")));
        }

        @Asset(path = "orders.parquet", name = "orders")
        default Artifact orders() {
            return Artifact.ofRecords(List.of(Map.of("region", "eu", "amount", 3.0), Map.of("region", "us", "amount", 4.0)));
        }

        @Asset(path = "by-label.json")
        default Artifact byLabel(Artifact orders) {
            return Artifact.ofRecords(orders.query("SELECT label, sum(amount) AS amount FROM {asset} JOIN {asset:regions} USING (region) "
                    + "GROUP BY 1 ORDER BY 1").rows());
        }

        @Flow
        default List<Map<String, Object>> report() {
            regions();
            return byLabel(orders()).query().rows();
        }
    }

    @Test
    void theQueryOfAnAssetByNameIsAnEdgeFromTheRunThatWroteIt(@TempDir Path directory) {
        try (ArtifactRoot root = ArtifactRoot.local(directory.resolve("artifacts"));
             Rivulet rivulet = Rivulet.builder().component(root)
                     .runHistory(RunHistoryOptions.newBuilder().directory(directory.resolve("runs")).build()).build()) {
            List<Map<String, Object>> rows = rivulet.stub(Sales.class).report();

            assertThat(rows).extracting(row -> row.get("label")).containsExactly("Americas", "Europe");
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertThat(run.graph().edges()).extracting(edge -> edge.upstream().name() + " -> " + edge.downstream().name() + " " + edge.kind())
                    .containsExactlyInAnyOrder("orders-0 -> by-label.json-0 RESULT", "regions-0 -> by-label.json-0 READ");
            assertThat(rivulet.runHistory().find(run.id()).orElseThrow().edges()).extracting(RunEdge::kind)
                    .containsExactlyInAnyOrder(RunGraph.EdgeKind.RESULT, RunGraph.EdgeKind.READ);
        }
    }
}
