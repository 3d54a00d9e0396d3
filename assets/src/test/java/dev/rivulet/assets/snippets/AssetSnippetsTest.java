package dev.rivulet.assets.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.assets.Asset;
import dev.rivulet.assets.AssetCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in the javadoc of the assets API. */
class AssetSnippetsTest {

    public record Order(long id, String region, double amount) {}

    // @start region=asset
    public interface Orders {
        @Asset(path = "bronze/orders/{region}.parquet", name = "orders-{region}", cacheExpiration = "1h")
        default Artifact orders(String region) {
            List<Order> orders = List.of(new Order(1, region, 12.5), new Order(2, region, 7.0));
            return Artifact.ofRecords(orders);       // what to write
        }
    }
    // @end

    @TempDir
    Path directory;

    @Test
    void anAssetIsWrittenQueriedAndBoundAgain() {
        try (ArtifactRoot root = ArtifactRoot.local(directory);
             Rivulet rivulet = Rivulet.builder().component(root).build()) {
            Orders pipeline = rivulet.stub(Orders.class);
            // @start region=query
            Artifact eu = pipeline.orders("eu");     // the written artifact's handle
            List<Map<String, Object>> big = eu.query("WHERE amount > 10").rows();
            List<Map<String, Object>> totals = root.query("SELECT region, sum(amount) AS total FROM {asset:orders-eu} GROUP BY 1").rows();
            // @end
            assertThat(big).hasSize(1);
            assertThat(totals.get(0)).containsEntry("total", 19.5);

            // @start region=bind
            AssetCall euOrders = AssetCall.of(pipeline::orders, "eu");
            Artifact us = euOrders.withArguments("us").call();   // bronze/orders/us.parquet, orders-us
            // @end
            assertThat(us.name()).isEqualTo("orders-us");
        }
    }
}
