package dev.rivulet.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Tables for tests: the taxi columns with their types and nulls, and every other type the module supports. */
public final class SampleTables {

    private SampleTables() {}

    private static final long SEPT_1_2023_MICROS = 1_693_526_400_000_000L;

    /**
     * {@code rows} rows of the TLC yellow-taxi columns and types (int32, int64, timestamp[us],
     * double, string), with nulls in passenger_count, RatecodeID, store_and_fwd_flag,
     * congestion_surcharge and Airport_fee every seventh row.
     */
    public static VectorSchemaRoot taxi(BufferAllocator allocator, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        IntVector vendor = new IntVector("VendorID", allocator);
        TimeStampMicroVector pickup = new TimeStampMicroVector("tpep_pickup_datetime", allocator);
        TimeStampMicroVector dropoff = new TimeStampMicroVector("tpep_dropoff_datetime", allocator);
        BigIntVector passengers = new BigIntVector("passenger_count", allocator);
        Float8Vector distance = new Float8Vector("trip_distance", allocator);
        BigIntVector rate = new BigIntVector("RatecodeID", allocator);
        VarCharVector flag = new VarCharVector("store_and_fwd_flag", allocator);
        IntVector pu = new IntVector("PULocationID", allocator);
        IntVector dol = new IntVector("DOLocationID", allocator);
        BigIntVector payment = new BigIntVector("payment_type", allocator);
        List<Float8Vector> amounts = new ArrayList<>();
        for (String name : List.of("fare_amount", "extra", "mta_tax", "tip_amount", "tolls_amount", "improvement_surcharge",
                "total_amount", "congestion_surcharge", "Airport_fee")) {
            amounts.add(new Float8Vector(name, allocator));
        }
        List<FieldVector> vectors = new ArrayList<>(List.of(vendor, pickup, dropoff, passengers, distance, rate, flag, pu, dol, payment));
        vectors.addAll(amounts);
        for (FieldVector v : vectors) {
            v.setInitialCapacity(rows);
            v.allocateNew();
        }
        for (int i = 0; i < rows; i++) {
            boolean unknown = i % 7 == 3;
            vendor.setSafe(i, 1 + random.nextInt(2));
            long start = SEPT_1_2023_MICROS + random.nextLong(30L * 86_400_000_000L);
            pickup.setSafe(i, start);
            dropoff.setSafe(i, start + random.nextLong(3_600_000_000L));
            if (!unknown) {
                passengers.setSafe(i, random.nextInt(5));
                rate.setSafe(i, 1);
                flag.setSafe(i, (random.nextInt(100) == 0 ? "Y" : "N").getBytes(StandardCharsets.UTF_8));
            }
            distance.setSafe(i, Math.round(random.nextDouble(20) * 100) / 100.0);
            pu.setSafe(i, 1 + random.nextInt(265));
            dol.setSafe(i, 1 + random.nextInt(265));
            payment.setSafe(i, unknown ? 0 : 1 + random.nextInt(4));
            for (int a = 0; a < amounts.size(); a++) {
                boolean nullable = a >= 7;
                if (!(nullable && unknown)) {
                    amounts.get(a).setSafe(i, Math.round(random.nextDouble(-5, 80) * 100) / 100.0);
                }
            }
        }
        for (FieldVector v : vectors) {
            v.setValueCount(rows);
        }
        return new VectorSchemaRoot(vectors);
    }

    /** A few rows of every other supported type, nullable and not, including empty strings and extreme values. */
    static VectorSchemaRoot everyType(BufferAllocator allocator) {
        TinyIntVector tiny = new TinyIntVector("tiny", allocator);
        SmallIntVector small = new SmallIntVector("small", allocator);
        Float4Vector single = new Float4Vector("single", allocator);
        BitVector flag = new BitVector("flag", allocator);
        DateDayVector day = new DateDayVector("day", allocator);
        TimeStampMilliVector millis = new TimeStampMilliVector("millis", allocator);
        TimeStampMicroTZVector utc = new TimeStampMicroTZVector("utc", allocator, "UTC");
        TimeStampMicroTZVector newYork = new TimeStampMicroTZVector("new_york", allocator, "America/New_York");
        VarBinaryVector bytes = new VarBinaryVector("bytes", allocator);
        VarCharVector text = new VarCharVector("text", allocator);
        BigIntVector required = new BigIntVector(new Field("required", FieldType.notNullable(new org.apache.arrow.vector.types.pojo.ArrowType.Int(64, true)), null), allocator);
        List<FieldVector> vectors = List.of(tiny, small, single, flag, day, millis, utc, newYork, bytes, text, required);
        int rows = 11;
        for (FieldVector v : vectors) {
            v.setInitialCapacity(rows);
            v.allocateNew();
        }
        for (int i = 0; i < rows; i++) {
            required.setSafe(i, i == 0 ? Long.MIN_VALUE : i == 1 ? Long.MAX_VALUE : i * 1_000L);
            if (i % 3 == 2) {
                continue;      // null in every nullable column
            }
            tiny.setSafe(i, (byte) (i == 0 ? Byte.MIN_VALUE : i));
            small.setSafe(i, (short) (i == 0 ? Short.MIN_VALUE : -i * 300));
            single.setSafe(i, i == 4 ? Float.NaN : i * 0.25f);
            flag.setSafe(i, i % 2);
            day.setSafe(i, 19_600 + i);
            millis.setSafe(i, 1_693_526_400_000L + i);
            utc.setSafe(i, SEPT_1_2023_MICROS + i);
            newYork.setSafe(i, SEPT_1_2023_MICROS - i);
            bytes.setSafe(i, new byte[] {(byte) i, 0, (byte) 0xFF});
            text.setSafe(i, (i == 0 ? "" : "zone ünï " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (FieldVector v : vectors) {
            v.setValueCount(rows);
        }
        return new VectorSchemaRoot(new ArrayList<>(vectors));
    }

    /** An empty table of the taxi schema. */
    static VectorSchemaRoot empty(BufferAllocator allocator) {
        return taxi(allocator, 0, 1);
    }

    /** Asserts that two tables have the same schema and the same values in every row. */
    static void assertSameTable(VectorSchemaRoot expected, VectorSchemaRoot actual, String message) {
        assertEquals(expected.getSchema(), actual.getSchema(), message + ": schema");
        assertEquals(expected.getRowCount(), actual.getRowCount(), message + ": rows");
        assertTrue(expected.equals(actual), message + ": values differ");
    }
}
