package dev.rivulet.examples.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.Text;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The transform of the data lake: a day of {@link ReportsTable} rows as extracted, into the columns
 * the lake keeps.
 *
 * <ul>
 *   <li>kept as they are: {@code id}, {@code customer}, {@code status}, {@code amount} (exact
 *       decimal), {@code currency}, {@code coupon};
 *   <li>dates converted: {@code created_at} and {@code shipped_at}, UTC wall-clock times in the
 *       database, become instants (Parquet {@code TIMESTAMP(isAdjustedToUTC=true)}), so that every
 *       reader agrees on the moment;
 *   <li>decoded: the base64 JSON {@code payload} becomes the columns {@code channel}, {@code items},
 *       {@code device} and {@code referrer};
 *   <li>dropped: {@code payload} itself and {@code internal_notes}.
 * </ul>
 */
public final class CleanReports {

    /** The columns of the lake, in order. */
    public static final List<String> COLUMNS = List.of(
            "id", "created_at", "customer", "status", "amount", "currency", "channel", "items", "device", "referrer", "shipped_at", "coupon");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CleanReports() {}

    /**
     * The lake's columns of {@code orders}.
     *
     * @param orders the rows as extracted: the columns of {@link ReportsTable} under their names
     * @param allocator where the new columns' memory comes from
     * @return a new table, the caller's to close; {@code orders} is left as it was
     * @throws IllegalArgumentException if a payload is not base64 of a JSON object with a channel
     *     and a number of items (the message names the order)
     */
    public static VectorSchemaRoot clean(VectorSchemaRoot orders, BufferAllocator allocator) {
        int rows = orders.getRowCount();
        List<FieldVector> columns = new ArrayList<>();
        try {
            columns.add(shared(orders, "id", allocator));
            columns.add(instants(orders, "created_at", allocator));
            columns.add(shared(orders, "customer", allocator));
            columns.add(shared(orders, "status", allocator));
            columns.add(shared(orders, "amount", allocator));
            columns.add(shared(orders, "currency", allocator));
            columns.addAll(decodedPayloads(orders, allocator));
            columns.add(instants(orders, "shipped_at", allocator));
            columns.add(shared(orders, "coupon", allocator));
            return new VectorSchemaRoot(columns.stream().map(FieldVector::getField).toList(), columns, rows);
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
    }

    /** The column as it is: its buffers shared with {@code orders}, which keeps its own. */
    private static FieldVector shared(VectorSchemaRoot orders, String name, BufferAllocator allocator) {
        FieldVector column = column(orders, name);
        TransferPair copy = column.getTransferPair(allocator);
        copy.splitAndTransfer(0, orders.getRowCount());
        return (FieldVector) copy.getTo();
    }

    /** A UTC wall-clock time column as instants: the same microseconds, now marked as UTC. */
    private static FieldVector instants(VectorSchemaRoot orders, String name, BufferAllocator allocator) {
        if (!(column(orders, name) instanceof TimeStampMicroVector local)) {
            throw new IllegalArgumentException("column '" + name + "' is " + column(orders, name).getField().getType()
                    + ", not a DATETIME as the reports table has it");
        }
        int rows = orders.getRowCount();
        TimeStampMicroTZVector utc = new TimeStampMicroTZVector(new Field(name,
                new FieldType(local.getField().isNullable(), new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), null), null), allocator);
        utc.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
            if (local.isNull(i)) {
                utc.setNull(i);
            } else {
                utc.set(i, local.get(i));
            }
        }
        utc.setValueCount(rows);
        return utc;
    }

    /** {@code channel}, {@code items}, {@code device} and {@code referrer} out of each row's payload. */
    private static List<FieldVector> decodedPayloads(VectorSchemaRoot orders, BufferAllocator allocator) {
        int rows = orders.getRowCount();
        VarCharVector payloads = (VarCharVector) column(orders, "payload");
        VarCharVector channel = strings("channel", false, allocator, rows);
        IntVector items = new IntVector(new Field("items", FieldType.notNullable(new ArrowType.Int(32, true)), null), allocator);
        VarCharVector device = strings("device", true, allocator, rows);
        VarCharVector referrer = strings("referrer", true, allocator, rows);
        List<FieldVector> decoded = List.of(channel, items, device, referrer);
        try {
            items.allocateNew(rows);
            Base64.Decoder base64 = Base64.getDecoder();
            for (int i = 0; i < rows; i++) {
                JsonNode payload = parse(base64, payloads, i, orders);
                if (!payload.path("channel").isTextual() || !payload.path("items").canConvertToInt()) {
                    throw new IllegalArgumentException(describeRow(orders, i) + " has a payload without a channel or a number of items: " + payload);
                }
                channel.setSafe(i, new Text(payload.get("channel").asText()));
                items.set(i, payload.get("items").asInt());
                setText(device, i, payload.path("device"));
                setText(referrer, i, payload.path("referrer"));
            }
            decoded.forEach(v -> v.setValueCount(rows));
            return decoded;
        } catch (RuntimeException e) {
            decoded.forEach(FieldVector::close);
            throw e;
        }
    }

    private static JsonNode parse(Base64.Decoder base64, VarCharVector payloads, int row, VectorSchemaRoot orders) {
        if (payloads.isNull(row)) {
            throw new IllegalArgumentException(describeRow(orders, row) + " has no payload");
        }
        try {
            return JSON.readTree(base64.decode(payloads.get(row)));
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException(describeRow(orders, row) + " has a payload that is not base64 of JSON: " + e.getMessage(), e);
        }
    }

    private static VarCharVector strings(String name, boolean nullable, BufferAllocator allocator, int rows) {
        VarCharVector vector = new VarCharVector(new Field(name, new FieldType(nullable, ArrowType.Utf8.INSTANCE, null), null), allocator);
        vector.allocateNew((long) rows * 8, rows);
        return vector;
    }

    private static void setText(VarCharVector vector, int row, JsonNode value) {
        if (value.isTextual()) {
            vector.setSafe(row, new Text(value.asText()));
        } else {
            vector.setNull(row);
        }
    }

    private static FieldVector column(VectorSchemaRoot orders, String name) {
        FieldVector column = orders.getVector(name);
        if (column == null) {
            throw new IllegalArgumentException("the extracted rows have no column '" + name + "'; they have " + orders.getSchema().getFields()
                    .stream().map(Field::getName).toList());
        }
        return column;
    }

    private static String describeRow(VectorSchemaRoot orders, int row) {
        FieldVector id = orders.getVector("id");
        return id == null ? "row " + row : "order " + id.getObject(row);
    }
}
