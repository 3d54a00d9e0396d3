package dev.rivulet.examples.assets;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.ArtifactRoot;
import dev.rivulet.assets.Asset;
import dev.rivulet.assets.S3ArtifactRoot;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.examples.support.RunReport;
import dev.rivulet.history.ArtifactRecord;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.TaskRunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A bronze, silver and gold pipeline of data assets, as mad_prefect users write theirs: a shop's
 * paginated orders API ({@link OrdersApi}, served by this process on loopback) landed page by page
 * as raw JSON (bronze), typed and deduplicated into Parquet with a dated snapshot of every version
 * (silver), and joined with a small {@code regions} asset into revenue by market (gold).
 *
 * <p>Every asset is good for an hour ({@code cacheExpiration = "1h"}): run it twice, and the second
 * run finds all four artifacts fresh, runs none of their bodies and does not call the API at all;
 * its asset task runs are {@code CACHED}.
 *
 * <pre>
 * OrdersPipeline [--pages 300] [--work DIR] [--artifacts DIR | --s3 [--s3-endpoint URL] [--bucket NAME]]
 * </pre>
 *
 * <p>The artifacts go to a local directory, or with {@code --s3} to S3 under {@value #S3_PREFIX}/,
 * chosen as in the other examples ({@link ExampleS3}): an S3-compatible server started in this
 * process unless one is configured.
 *
 * @see <a href="../../../../../../../../docs/examples/data-assets.md">docs/examples/data-assets.md</a>
 */
@Command(name = "OrdersPipeline", description = "A paginated orders API to bronze JSON, silver Parquet and a gold aggregate, as data assets.")
public final class OrdersPipeline implements Callable<Integer> {

    /** The seed of the API's orders: the same pages on every machine. */
    public static final long SEED = 2026;
    /** The markets of the {@code regions} asset, by region code. */
    public static final Map<String, Region> REGIONS = Map.of(
            "eu-west", new Region("eu-west", "Western Europe", "EMEA"),
            "eu-north", new Region("eu-north", "Northern Europe", "EMEA"),
            "us-east", new Region("us-east", "US East", "Americas"),
            "us-west", new Region("us-west", "US West", "Americas"),
            "ap-south", new Region("ap-south", "South Asia", "APAC"),
            "ap-east", new Region("ap-east", "East Asia", "APAC"));

    /** Where in the bucket the artifacts go with {@code --s3}. */
    public static final String S3_PREFIX = "data-assets";

    /** The name of the task that fetches one page; its runs are named {@code page-0}, {@code page-1}, ... */
    public static final String PAGE_TASK = "page";

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    @Spec
    CommandSpec spec;

    @Option(names = "--pages", paramLabel = "N", converter = PositiveCountConverter.class, description = "pages of orders the API serves")
    int pages = 300;

    @Option(names = "--work", paramLabel = "DIR", description = "the run history and the run's report, and the artifacts unless --artifacts says")
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "rivulet-examples", "data-assets");

    @Option(names = "--artifacts", paramLabel = "DIR", description = "the artifacts root; by default the directory artifacts in the --work directory")
    Path artifacts;

    @Option(names = "--s3", description = "keep the artifacts in S3: an in-process S3 server unless --s3-endpoint, AWS_ENDPOINT_URL_S3, "
            + "AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID or AWS_PROFILE name another; implied by --s3-endpoint and --bucket")
    boolean s3;

    @Mixin
    final ExampleS3.Options s3Options;

    private OrdersPipeline(Map<String, String> environment) {
        this.s3Options = new ExampleS3.Options(environment);
    }

    /** A region orders ship to, and the market it belongs to. */
    public record Region(String code, String name, String market) {}

    /** One page of the API: its orders as the JSON text it answered, and the next page's address, null on the last. */
    public record Page(URI uri, String orders, URI next) {}

    /**
     * The assets and the flow. The implementation given to {@code stub} provides the HTTP client
     * and where the API starts ({@link Source}); Rivulet runs the {@code default} methods, so that
     * each call of an asset, or of {@link #page}, is a task run.
     */
    public interface Pipeline {

        /** The client the pages are fetched with. Not a task. */
        HttpClient http();

        /** The address of the API's first page. Not a task. */
        URI firstPage();

        /**
         * One page of the API. A failure to get it (a 503, a connection reset) fails this run, and
         * Rivulet tries it again after a moment, twice at most; a page that does not exist (4xx)
         * fails at once. Each attempt is in the run's record.
         */
        @Task(name = PAGE_TASK, retries = 2, retryDelay = "200ms", retryOn = IOException.class)
        default Page page(URI uri) throws IOException, InterruptedException {
            HttpResponse<String> response = http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered HTTP " + response.statusCode() + ": " + response.body()
                        + "; the API refuses the request, and asking again would not change that");
            }
            URI next = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
                    .map(link -> uri.resolve(link.group(1))).orElse(null);
            return new Page(uri, response.body(), next);
        }

        /**
         * Bronze: the orders as the API gave them, one batch per page, fetched as the batches are
         * written (memory holds one page) by following each page's {@code next} link. The columns
         * are those the JSON has, {@code coupon} included from the page it appears on;
         * {@code ordered_at} reads back as a timestamp.
         */
        @Asset(path = "bronze/orders.json", name = "bronze-orders", cacheExpiration = "1h", jsonColumns = "ordered_at TIMESTAMP")
        default Artifact bronzeOrders() throws IOException, InterruptedException {
            Page first = page(firstPage());
            return Artifact.ofBatches(Stream.iterate(first, page -> page != null, this::nextPage).map(Page::orders));
        }

        /** The page after {@code page}, or null after the last one. Not a task: {@link #page} is. */
        private Page nextPage(Page page) {
            if (page.next() == null) {
                return null;
            }
            try {
                return page(page.next());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching " + page.next(), e);
            }
        }

        /**
         * Silver: one row per order (the API repeats orders across pages), typed: the amount, sent
         * as text, becomes a {@code DECIMAL(10, 2)}, the day of the order a {@code DATE}. Every
         * version is also kept as a dated snapshot.
         */
        @Asset(path = "silver/orders.parquet", name = "silver-orders", cacheExpiration = "1h", snapshotArtifacts = true)
        default Artifact silverOrders(Artifact bronze) {
            return Artifact.ofQuery(bronze.query("""
                    SELECT DISTINCT ON (id)
                           id, customer, region,
                           CAST(amount AS DECIMAL(10, 2)) AS amount,
                           ordered_at, CAST(ordered_at AS DATE) AS order_day,
                           status, coupon
                    FROM {asset}
                    ORDER BY id"""));
        }

        /** The regions orders ship to, and their markets: a small reference asset. */
        @Asset(path = "reference/regions.json", name = "regions", cacheExpiration = "1h")
        default Artifact regions() {
            return Artifact.ofRecords(REGIONS.values().stream().sorted(Comparator.comparing(Region::code)).toList());
        }

        /**
         * Gold: revenue by market, refunds left out. The query joins silver with the {@code
         * regions} asset, named {@code {asset:regions}}: the last artifact of that asset.
         */
        @Asset(path = "gold/revenue_by_market.parquet", name = "gold-revenue-by-market", cacheExpiration = "1h")
        default Artifact revenueByMarket(Artifact silver, Artifact regions) {
            return Artifact.ofQuery(silver.query("""
                    SELECT r.market,
                           count(*) AS orders,
                           sum(o.amount) AS revenue,
                           count(o.coupon) AS orders_with_coupon
                    FROM {asset} o JOIN {asset:regions} r ON r.code = o.region
                    WHERE o.status <> 'refunded'
                    GROUP BY r.market
                    ORDER BY r.market"""));
        }

        /** The whole pipeline: bronze and regions, then silver, then gold. */
        @Flow(name = "orders-pipeline")
        default Artifact orders() throws IOException, InterruptedException {
            Artifact bronze = bronzeOrders();
            Artifact regions = regions();
            Artifact silver = silverOrders(bronze);
            return revenueByMarket(silver, regions);
        }
    }

    /** What the stub's implementation provides. */
    record Source(HttpClient http, URI firstPage) implements Pipeline {}

    /**
     * What a run did.
     *
     * @param flowRun the flow run's record, with every task run's, the assets' artifacts among them
     * @param gold the gold asset's rows
     * @param apiRequests how many requests the API answered
     * @param unavailablePages the pages the API answered with 503
     */
    public record Outcome(FlowRunRecord flowRun, List<Map<String, Object>> gold, int apiRequests, Set<Integer> unavailablePages) {

        /** {@return the records of the task runs that materialised or reused an artifact} */
        public List<TaskRunRecord> assetRuns() {
            return flowRun.taskRuns().stream().filter(run -> run.artifact() != null).toList();
        }

        /** {@return the records of the page fetches} */
        public List<TaskRunRecord> pageRuns() {
            return flowRun.taskRuns().stream().filter(run -> run.taskName().equals(PAGE_TASK)).toList();
        }
    }

    public static void main(String[] args) {
        CommandLines.run(new OrdersPipeline(System.getenv()), args);
    }

    /**
     * Does what {@link #main} does with {@code args}, and says what happened.
     *
     * @throws picocli.CommandLine.ParameterException for an unknown option or a bad value, naming it
     */
    public static Outcome run(String... args) throws IOException, InterruptedException {
        return run(System.getenv(), args);
    }

    /** {@link #run(String...)} with {@code environment} in place of the process's environment variables. */
    static Outcome run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return CommandLines.parse(new OrdersPipeline(environment), args).run();
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        run();
        return 0;
    }

    private Outcome run() throws IOException, InterruptedException {
        boolean inS3 = s3 || s3Options.given();
        if (inS3 && artifacts != null) {
            throw new ParameterException(spec.commandLine(), "give --artifacts for a local root, or --s3 for one in S3, not both");
        }
        Path localRoot = artifacts != null ? artifacts : work.resolve("artifacts");
        try (OrdersApi api = OrdersApi.start(OrdersApi.generate(SEED, pages));
                HttpClient http = HttpClient.newHttpClient();
                ExampleS3 bucket = inS3 ? ExampleS3.open(s3Options, work) : null;
                ArtifactRoot artifactRoot = bucket == null ? ArtifactRoot.local(localRoot)
                        : S3ArtifactRoot.builder().bucket(bucket.bucket()).prefix(S3_PREFIX).clientOptions(bucket.clientOptions())
                                .cacheDirectory(work.resolve("artifact-cache")).build();
                Rivulet rivulet = Rivulet.builder()
                        .component(artifactRoot)
                        .runHistory(RunHistoryOptions.newBuilder().directory(work.resolve("runs")).build())
                        .build()) {
            String where = bucket == null ? localRoot.toString() : "s3://" + bucket.bucket() + "/" + S3_PREFIX + "/";
            System.out.printf(Locale.ROOT, "Serving %d pages of orders at %s; artifacts under %s%n", pages, api.firstPage(), where);
            Pipeline pipeline = rivulet.stub(Pipeline.class, new Source(http, api.firstPage()));
            Artifact gold = pipeline.orders();

            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            FlowRunRecord record = rivulet.runHistory().find(run.id()).orElseThrow();
            Outcome outcome = new Outcome(record, gold.query().rows(), api.requests(), api.answeredUnavailable());
            print(outcome);
            RunReport.write(rivulet, run, work.resolve("reports"));
            return outcome;
        }
    }

    private static void print(Outcome outcome) {
        System.out.printf(Locale.ROOT, "%nFlow run %s: %s%n", outcome.flowRun().name(), outcome.flowRun().state());
        for (TaskRunRecord run : outcome.assetRuns()) {
            ArtifactRecord artifact = run.artifact();
            System.out.printf(Locale.ROOT, "  %-28s %-9s %,7d rows %,10d bytes %4d batches  %s%n", run.name(), run.state(), artifact.rows(),
                    artifact.bytes(), artifact.batches(), artifact.location());
            System.out.printf(Locale.ROOT, "  %-28s written %s by task run %s, checksum %s%s%n", "", artifact.materialized(),
                    artifact.taskRunId(), artifact.checksum().substring(0, Math.min(12, artifact.checksum().length())),
                    artifact.snapshot() == null ? "" : ", snapshot " + artifact.snapshot());
        }
        List<TaskRunRecord> pages = outcome.pageRuns();
        List<String> retried = pages.stream().filter(run -> run.attempts() > 1).map(TaskRunRecord::name).toList();
        if (pages.isEmpty()) {
            System.out.printf(Locale.ROOT, "Pages: none fetched; the API answered %d requests%n", outcome.apiRequests());
        } else {
            System.out.printf(Locale.ROOT, "Pages: %d fetched, %d of them on a second attempt %s; the API answered %d requests, %d with 503%n",
                    pages.size(), retried.size(), retried, outcome.apiRequests(), outcome.unavailablePages().size());
        }
        System.out.printf(Locale.ROOT, "%nRevenue by market (gold-revenue-by-market):%n");
        System.out.printf(Locale.ROOT, "  %-10s %8s %14s %12s%n", "market", "orders", "revenue", "with coupon");
        for (Map<String, Object> row : outcome.gold()) {
            System.out.printf(Locale.ROOT, "  %-10s %,8d %,14.2f %,12d%n", row.get("market"), row.get("orders"), row.get("revenue"),
                    row.get("orders_with_coupon"));
        }
    }
}
