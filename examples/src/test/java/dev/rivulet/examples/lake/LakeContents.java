package dev.rivulet.examples.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.examples.support.ExampleS3;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a test compares: the lake as DuckDB reads it back, and the source's rows as the lake should
 * hold them, each row as one line of text.
 */
final class LakeContents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LakeContents() {}

    /**
     * The keys of the lake in the example's in-process S3 server under {@code work}, each object
     * copied to {@code mirror/key}, for DuckDB to read as files.
     */
    static List<String> mirror(Path work, Path mirror) throws IOException {
        List<String> keys = new ArrayList<>();
        try (ExampleS3 s3 = ExampleS3.open(CommandLines.parse(new ExampleS3.Options(Map.of())), work)) {
            for (S3Object object : s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(DataLake.DEFAULT_PREFIX + "/")).contents()) {
                Path file = mirror.resolve(object.key());
                Files.createDirectories(file.getParent());
                s3.client().getObject(b -> b.bucket(s3.bucket()).key(object.key()), file);
                keys.add(object.key());
            }
        }
        return keys;
    }

    /** The lake's rows by day, as DuckDB reads the Hive-partitioned files under {@code mirror}. */
    static Map<String, List<String>> lakeRows(Path mirror) throws SQLException {
        Map<String, List<String>> days = new TreeMap<>();
        String files = mirror.resolve(DataLake.DEFAULT_PREFIX).toAbsolutePath() + "/*/*.parquet";
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT CAST(date AS VARCHAR), id, epoch_us(created_at), customer, status, amount, currency,
                               channel, items, device, referrer, epoch_us(shipped_at), coupon
                        FROM read_parquet('%s', hive_partitioning = true) ORDER BY id""".formatted(files))) {
            while (rows.next()) {
                days.computeIfAbsent(rows.getString(1), d -> new ArrayList<>()).add(line(rows.getLong(2), rows.getLong(3), rows.getString(4),
                        rows.getString(5), rows.getBigDecimal(6), rows.getString(7), rows.getString(8), rows.getInt(9), rows.getString(10),
                        rows.getString(11), (Long) rows.getObject(12), rows.getString(13)));
            }
        }
        return days;
    }

    /** The columns of the lake's files, as DuckDB sees them, the partition column last. */
    static List<String> lakeColumns(Path mirror) throws SQLException {
        List<String> columns = new ArrayList<>();
        String files = mirror.resolve(DataLake.DEFAULT_PREFIX).toAbsolutePath() + "/*/*.parquet";
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + files + "', hive_partitioning = true)")) {
            while (rows.next()) {
                columns.add(rows.getString("column_name") + " " + rows.getString("column_type"));
            }
        }
        return columns;
    }

    /** The source's orders of each day in {@code days} that has any, as the lake should hold them. */
    static Map<String, List<String>> sourceRows(DataSource source, List<LocalDate> days) throws SQLException, IOException {
        Map<String, List<String>> rowsByDay = new TreeMap<>();
        try (Connection connection = source.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT id, created_at, customer, status, amount, currency, payload, shipped_at, coupon
                        FROM reports WHERE created_at >= ? AND created_at < ? ORDER BY id""")) {
            for (LocalDate day : days) {
                query.setObject(1, day.atStartOfDay());
                query.setObject(2, day.plusDays(1).atStartOfDay());
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        JsonNode payload = JSON.readTree(Base64.getDecoder().decode(rows.getString(7)));
                        LocalDateTime shipped = rows.getObject(8, LocalDateTime.class);
                        lines.add(line(rows.getLong(1), micros(rows.getObject(2, LocalDateTime.class)), rows.getString(3), rows.getString(4),
                                rows.getBigDecimal(5), rows.getString(6), payload.get("channel").asText(), payload.get("items").asInt(),
                                text(payload.get("device")), text(payload.get("referrer")), shipped == null ? null : micros(shipped), rows.getString(9)));
                    }
                }
                if (!lines.isEmpty()) {
                    rowsByDay.put(day.format(DateTimeFormatter.BASIC_ISO_DATE), lines);
                }
            }
        }
        return rowsByDay;
    }

    private static String line(long id, long createdMicros, String customer, String status, BigDecimal amount, String currency, String channel,
            int items, String device, String referrer, Long shippedMicros, String coupon) {
        return String.join("|", Long.toString(id), Long.toString(createdMicros), customer, status, amount.toPlainString(), currency.strip(), channel,
                Integer.toString(items), String.valueOf(device), String.valueOf(referrer), String.valueOf(shippedMicros), String.valueOf(coupon));
    }

    private static long micros(LocalDateTime utc) {
        return Math.multiplyExact(utc.toEpochSecond(ZoneOffset.UTC), 1_000_000L) + utc.getNano() / 1000;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
