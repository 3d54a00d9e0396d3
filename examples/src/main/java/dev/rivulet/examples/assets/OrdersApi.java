package dev.rivulet.examples.assets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shop's paginated orders API, served on loopback by this process: {@code GET /orders?page=N}
 * answers a JSON array of orders, and a {@code Link: <...?page=N+1>; rel="next"} header on every
 * page but the last. It misbehaves as real APIs do:
 *
 * <ul>
 *   <li>some pages answer {@code 503 Service Unavailable} the first time they are asked for, and
 *       the orders the second time;
 *   <li>orders placed while a client pages through shift the pages: some pages start with the last
 *       two orders of the page before, again;
 *   <li>the {@code coupon} field appears part way through, from the day coupons launched on, on
 *       every order of those pages (null when the order used none), and on none before.
 * </ul>
 *
 * <p>The orders are generated from a seed ({@link #generate}): the same pages on every machine, so
 * a test can compute from them what the pipeline should find.
 */
public final class OrdersApi implements AutoCloseable {

    /** Orders on a page, repeats included. */
    public static final int PAGE_SIZE = 25;
    /** The regions orders are shipped to; {@code regions} in the pipeline names them. */
    public static final List<String> REGION_CODES = List.of("eu-west", "eu-north", "us-east", "us-west", "ap-south", "ap-east");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAGE_QUERY = Pattern.compile("page=(\\d+)");
    private static final Instant FIRST_ORDER = Instant.parse("2026-09-01T08:00:00Z");
    private static final List<String> STATUSES = List.of("paid", "paid", "paid", "shipped", "shipped", "refunded");
    private static final List<String> COUPONS = List.of("WELCOME10", "AUTUMN5", "FREESHIP");

    /**
     * One order as the API serves it.
     *
     * @param id the order's id, unique
     * @param customer who placed it
     * @param region where it ships, one of {@link #REGION_CODES}
     * @param amount what it cost, to the cent; the API sends it as a string, {@code "129.90"}
     * @param orderedAt when it was placed, sent as ISO-8601 UTC
     * @param status {@code paid}, {@code shipped} or {@code refunded}
     * @param coupon the coupon used, or null; orders placed before coupons launched have none
     */
    public record Order(long id, String customer, String region, BigDecimal amount, Instant orderedAt, String status, String coupon) {}

    /**
     * The pages the API serves.
     *
     * @param pages each page's orders, in the order served, page 1 first
     * @param couponsFrom the first page whose orders carry the {@code coupon} field
     * @param unavailableOnce the pages that answer 503 the first time they are asked for
     */
    public record Pages(List<List<Order>> pages, int couponsFrom, Set<Integer> unavailableOnce) {}

    private final Pages pages;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Integer> answeredUnavailable = ConcurrentHashMap.newKeySet();

    private OrdersApi(Pages pages, HttpServer server) {
        this.pages = pages;
        this.server = server;
    }

    /**
     * The pages of {@code seed}: {@code count} pages of {@value #PAGE_SIZE} orders, coupons from
     * the page after the first third on, about one page in twenty-five answering 503 once, and about one
     * in four starting with the last two orders of the page before.
     */
    public static Pages generate(long seed, int count) {
        Random random = new Random(seed);
        int couponsFrom = count / 3 + 1;
        List<List<Order>> pages = new ArrayList<>();
        Set<Integer> unavailable = new TreeSet<>();
        long id = 100_000;
        Instant at = FIRST_ORDER;
        for (int page = 1; page <= count; page++) {
            List<Order> orders = new ArrayList<>();
            if (page > 1 && random.nextInt(4) == 0) {
                List<Order> previous = pages.getLast();
                orders.addAll(previous.subList(previous.size() - 2, previous.size()));
            }
            while (orders.size() < PAGE_SIZE) {
                id += 1 + random.nextInt(3);
                at = at.plus(Duration.ofSeconds(30 + random.nextInt(600)));
                BigDecimal amount = BigDecimal.valueOf(500 + random.nextInt(40_000), 2);
                String coupon = page >= couponsFrom && random.nextInt(5) == 0 ? COUPONS.get(random.nextInt(COUPONS.size())) : null;
                orders.add(new Order(id, "customer-" + random.nextInt(2_000), REGION_CODES.get(random.nextInt(REGION_CODES.size())),
                        amount, at, STATUSES.get(random.nextInt(STATUSES.size())), coupon));
            }
            if (random.nextInt(25) == 0) {
                unavailable.add(page);
            }
            pages.add(List.copyOf(orders));
        }
        return new Pages(List.copyOf(pages), couponsFrom, Set.copyOf(unavailable));
    }

    /** Serves {@code pages} on a free port of the loopback address until closed. */
    public static OrdersApi start(Pages pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OrdersApi api = new OrdersApi(pages, server);
        server.createContext("/orders", api::answer);
        server.start();
        return api;
    }

    /** {@return the first page's address, where a client starts} */
    public URI firstPage() {
        return page(1);
    }

    /** {@return how many requests the API has answered, whatever the answer} */
    public int requests() {
        return requests.get();
    }

    /** {@return the pages it has answered with 503, in page order} */
    public Set<Integer> answeredUnavailable() {
        return Set.copyOf(new TreeSet<>(answeredUnavailable));
    }

    private URI page(int number) {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/orders?page=" + number);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String query = exchange.getRequestURI().getRawQuery();
            Matcher page = PAGE_QUERY.matcher(query == null ? "" : query);
            int number = page.matches() ? Integer.parseInt(page.group(1)) : 0;
            if (!"GET".equals(exchange.getRequestMethod()) || number < 1 || number > pages.pages().size()) {
                send(exchange, 404, "{\"error\":\"no such page: " + exchange.getRequestURI() + "; pages are 1 to " + pages.pages().size() + "\"}");
            } else if (pages.unavailableOnce().contains(number) && answeredUnavailable.add(number)) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                send(exchange, 503, "{\"error\":\"temporarily unavailable, try again\"}");
            } else {
                if (number < pages.pages().size()) {
                    exchange.getResponseHeaders().add("Link", "<" + page(number + 1) + ">; rel=\"next\"");
                }
                send(exchange, 200, json(pages.pages().get(number - 1), number >= pages.couponsFrom()));
            }
        }
    }

    private static String json(List<Order> orders, boolean withCoupons) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Order order : orders) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("id", order.id());
            object.put("customer", order.customer());
            object.put("region", order.region());
            object.put("amount", order.amount().toPlainString());
            object.put("ordered_at", order.orderedAt().toString());
            object.put("status", order.status());
            if (withCoupons) {
                object.put("coupon", order.coupon());
            }
            objects.add(object);
        }
        try {
            return JSON.writeValueAsString(objects);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
    }
}
