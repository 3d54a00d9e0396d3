package dev.rivulet.examples.assets;

import static dev.rivulet.examples.support.PrintedOutput.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.State;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.examples.assets.OrdersApi.Order;
import dev.rivulet.examples.assets.OrdersPipeline.Outcome;
import dev.rivulet.history.TaskRunRecord;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** The pipeline against its API on loopback, with DuckDB, run twice: the second run within the hour. */
class OrdersPipelineTest {

    private static final int PAGES = 60;
    /** Fewer in S3, where the server's start is most of the time. */
    private static final int S3_PAGES = 20;

    @TempDir
    Path work;

    private final Outcome[] outcome = new Outcome[1];

    private String run(String... more) throws Exception {
        return run(PAGES, more);
    }

    private String run(int pages, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--pages", String.valueOf(pages), "--work", work.toString()));
        args.addAll(List.of(more));
        return printed(() -> outcome[0] = OrdersPipeline.run(Map.of(), args.toArray(String[]::new)));
    }

    @Test
    void bronzeSilverAndGoldFromTheApiThenASecondRunWithinTheHourCallsItNoMore() throws Exception {
        OrdersApi.Pages pages = OrdersApi.generate(OrdersPipeline.SEED, PAGES);
        assertFalse(pages.unavailableOnce().isEmpty(), "the seed makes some pages fail");

        String printed = run();
        Outcome first = outcome[0];
        assertEquals(State.COMPLETED, first.flowRun().state());

        // Bronze: every page as served, repeats and all; the column that appeared part way through.
        List<Order> served = pages.pages().stream().flatMap(List::stream).toList();
        Map<Long, Order> unique = new LinkedHashMap<>();
        served.forEach(order -> unique.putIfAbsent(order.id(), order));
        assertTrue(unique.size() < served.size(), "the API repeats orders across pages");
        TaskRunRecord bronze = assetRun(first, "bronze-orders");
        assertEquals(State.COMPLETED, bronze.state());
        assertEquals(served.size(), bronze.artifact().rows());
        assertEquals(PAGES, bronze.artifact().batches(), "one batch per page");
        Path root = work.resolve("artifacts");
        assertEquals(root.resolve("bronze/orders.json").toUri(), bronze.artifact().location());
        try (ArtifactRoot artifacts = ArtifactRoot.local(root)) {
            Artifact bronzeArtifact = artifacts.latest("bronze-orders").orElseThrow();
            assertTrue(columns(bronzeArtifact).contains("coupon"), "coupon is a column of bronze");
            long beforeCoupons = pages.pages().subList(0, pages.couponsFrom() - 1).stream().mapToLong(List::size).sum();
            List<String> lines = Files.readAllLines(root.resolve("bronze/orders.json"));
            assertTrue(lines.subList(0, (int) beforeCoupons).stream().noneMatch(line -> line.contains("\"coupon\"")), "pages before coupons");
            assertTrue(lines.subList((int) beforeCoupons, lines.size()).stream().allMatch(line -> line.contains("\"coupon\"")), "pages since");
            assertEquals(served.stream().filter(order -> order.coupon() != null).count(),
                    bronzeArtifact.query("SELECT count(coupon) AS n FROM {asset}").rows().get(0).get("n"));
            assertEquals("TIMESTAMP", bronzeArtifact.query("SELECT typeof(ordered_at) AS t FROM {asset} LIMIT 1").rows().get(0).get("t"));

            // Silver: one row per order, typed, snapshotted.
            TaskRunRecord silver = assetRun(first, "silver-orders");
            assertEquals(unique.size(), silver.artifact().rows());
            Artifact silverArtifact = artifacts.latest("silver-orders").orElseThrow();
            assertEquals(List.of(Map.of("ids", (long) unique.size())), silverArtifact.query("SELECT count(DISTINCT id) AS ids FROM {asset}").rows());
            assertEquals(Map.of("amount", "DECIMAL(10,2)", "ordered_at", "TIMESTAMP", "order_day", "DATE"),
                    silverArtifact.query("SELECT typeof(amount) AS amount, typeof(ordered_at) AS ordered_at, typeof(order_day) AS order_day "
                            + "FROM {asset} LIMIT 1").rows().get(0));
            assertNotNull(silver.artifact().snapshot(), "silver keeps a snapshot");
            List<Artifact> snapshots = artifacts.snapshots("silver-orders");
            assertEquals(1, snapshots.size());
            assertEquals(silver.artifact().snapshot(), snapshots.get(0).location());
            assertTrue(Files.isRegularFile(Path.of(snapshots.get(0).location())));
            assertEquals(unique.size(), snapshots.get(0).rows());
            assertNull(bronze.artifact().snapshot(), "bronze keeps none");

            // Gold: the numbers computed here from the same seed, without SQL.
            assertEquals(expectedGold(unique.values()), first.gold());
        }

        // The failing pages were tried again, and only they.
        assertEquals(pages.unavailableOnce(), first.unavailablePages());
        assertEquals(PAGES, first.pageRuns().size());
        Set<String> retried = first.pageRuns().stream().filter(run -> run.attempts() == 2).map(TaskRunRecord::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> failing = pages.unavailableOnce().stream().map(page -> "page-" + (page - 1)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(failing, retried);
        assertTrue(first.pageRuns().stream().allMatch(run -> run.state() == State.COMPLETED && run.attempts() <= 2));
        first.pageRuns().stream().filter(run -> run.attempts() == 2)
                .forEach(run -> assertTrue(run.attemptFailures().get(0).message().contains("answered HTTP 503"), run.attemptFailures().toString()));
        assertEquals(PAGES + pages.unavailableOnce().size(), first.apiRequests());

        assertTrue(printed.contains("Flow run orders-pipeline"), printed);
        assertTrue(printed.contains("Pages: " + PAGES + " fetched, " + retried.size() + " of them on a second attempt ["), printed);
        assertTrue(printed.contains("; the API answered " + first.apiRequests() + " requests, " + retried.size() + " with 503"), printed);
        assertTrue(printed.lines().anyMatch(line -> line.contains("silver-orders") && line.contains("COMPLETED")
                && line.contains(String.format("%,d rows", unique.size()))), printed);

        // Within the hour: nothing runs, the API is not called, the artifacts are the same.
        String second = run();
        Outcome again = outcome[0];
        assertEquals(0, again.apiRequests(), "the API is not called");
        assertEquals(List.of(), again.pageRuns());
        assertEquals(List.of("bronze-orders", "regions", "silver-orders", "gold-revenue-by-market"),
                again.assetRuns().stream().map(run -> run.artifact().name()).toList());
        for (TaskRunRecord run : again.assetRuns()) {
            assertEquals(State.CACHED, run.state(), run.name());
            assertEquals(assetRun(first, run.artifact().name()).artifact(), run.artifact(), "the first run's artifact, as recorded then");
        }
        assertEquals(first.gold(), again.gold());
        assertTrue(second.lines().anyMatch(line -> line.contains("bronze-orders") && line.contains("CACHED")), second);
        assertTrue(second.contains("Pages: none fetched; the API answered 0 requests"), second);
        try (ArtifactRoot artifacts = ArtifactRoot.local(root)) {
            assertEquals(1, artifacts.snapshots("silver-orders").size(), "no new snapshot without a new materialisation");
        }
    }

    @Test
    void withS3TheArtifactsGoToTheBucketAndASecondRunReusesThemThere() throws Exception {
        String printed = run(S3_PAGES, "--s3");
        Outcome first = outcome[0];
        assertTrue(printed.contains("started an in-process S3-compatible server"), printed);
        assertEquals(State.COMPLETED, first.flowRun().state());
        assertEquals(URI.create("s3://rivulet-examples/data-assets/silver/orders.parquet"), assetRun(first, "silver-orders").artifact().location());
        assertTrue(assetRun(first, "silver-orders").artifact().snapshot().toString()
                .startsWith("s3://rivulet-examples/data-assets/_snapshots/silver/orders.parquet/"));
        Map<Long, Order> unique = new LinkedHashMap<>();
        OrdersApi.generate(OrdersPipeline.SEED, S3_PAGES).pages().stream().flatMap(List::stream).forEach(o -> unique.putIfAbsent(o.id(), o));
        assertEquals(expectedGold(unique.values()), first.gold());
        assertFalse(Files.exists(work.resolve("artifacts")), "nothing in the local root");

        run(S3_PAGES, "--s3");
        Outcome again = outcome[0];
        assertEquals(0, again.apiRequests());
        assertTrue(again.assetRuns().stream().allMatch(run -> run.state() == State.CACHED), again.assetRuns().toString());
        assertEquals(first.gold(), again.gold());
    }

    @Test
    void aLocalAndAnS3RootAtOnceAreAUsageError() throws Exception {
        ParameterException error = assertThrows(ParameterException.class, () -> run("--s3", "--artifacts", work.resolve("a").toString()));
        assertTrue(error.getMessage().contains("give --artifacts for a local root, or --s3 for one in S3, not both"), error.getMessage());
        assertFalse(Files.exists(work.resolve("s3")), "no S3 server started");
    }

    @Test
    void aBadPageCountIsAUsageErrorNamingTheOption() throws Exception {
        ParameterException error = assertThrows(ParameterException.class,
                () -> OrdersPipeline.run("--pages", "0", "--work", work.toString()));
        assertTrue(error.getMessage().contains("--pages"), error.getMessage());
        assertFalse(Files.exists(work.resolve("artifacts")), "nothing ran");
    }

    private static TaskRunRecord assetRun(Outcome outcome, String asset) {
        return outcome.assetRuns().stream().filter(run -> run.artifact().name().equals(asset)).findFirst().orElseThrow();
    }

    private static List<String> columns(Artifact artifact) {
        return artifact.query("DESCRIBE SELECT * FROM {asset}").rows().stream().map(row -> (String) row.get("column_name")).toList();
    }

    /** Revenue by market from the orders themselves: refunds left out, coupons counted. */
    private static List<Map<String, Object>> expectedGold(Collection<Order> orders) {
        record Totals(long orders, BigDecimal revenue, long withCoupon) {}
        Map<String, Totals> byMarket = new TreeMap<>();
        for (Order order : orders) {
            if (order.status().equals("refunded")) {
                continue;
            }
            String market = OrdersPipeline.REGIONS.get(order.region()).market();
            Totals totals = byMarket.getOrDefault(market, new Totals(0, BigDecimal.ZERO, 0));
            byMarket.put(market, new Totals(totals.orders() + 1, totals.revenue().add(order.amount()),
                    totals.withCoupon() + (order.coupon() == null ? 0 : 1)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byMarket.forEach((market, totals) -> rows.add(Map.of("market", market, "orders", totals.orders(), "revenue", totals.revenue(),
                "orders_with_coupon", totals.withCoupon())));
        return rows;
    }
}
