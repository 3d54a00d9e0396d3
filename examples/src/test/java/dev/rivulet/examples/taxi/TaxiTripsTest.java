package dev.rivulet.examples.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.tables.ParquetTables;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxiTripsTest {

    private static final int ROWS = 100_000;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noMemoryLeft() {
        assertEquals(0, allocator.getAllocatedMemory());
        allocator.close();
    }

    @Test
    void theColumnsAndTypesAreTheTlcFiles() {
        try (VectorSchemaRoot trips = TaxiTrips.generate(10, 1, allocator)) {
            List<String> columns = new ArrayList<>();
            for (Field field : trips.getSchema().getFields()) {
                columns.add(field.getName() + ":" + field.getType());
            }
            assertEquals(List.of("VendorID:Int(32, true)", "tpep_pickup_datetime:Timestamp(MICROSECOND, null)",
                    "tpep_dropoff_datetime:Timestamp(MICROSECOND, null)", "passenger_count:Int(64, true)", "trip_distance:FloatingPoint(DOUBLE)",
                    "RatecodeID:Int(64, true)", "store_and_fwd_flag:Utf8", "PULocationID:Int(32, true)", "DOLocationID:Int(32, true)",
                    "payment_type:Int(64, true)", "fare_amount:FloatingPoint(DOUBLE)", "extra:FloatingPoint(DOUBLE)", "mta_tax:FloatingPoint(DOUBLE)",
                    "tip_amount:FloatingPoint(DOUBLE)", "tolls_amount:FloatingPoint(DOUBLE)", "improvement_surcharge:FloatingPoint(DOUBLE)",
                    "total_amount:FloatingPoint(DOUBLE)", "congestion_surcharge:FloatingPoint(DOUBLE)", "Airport_fee:FloatingPoint(DOUBLE)"), columns);
        }
    }

    @Test
    void theSameSeedGivesTheSameTrips() {
        try (VectorSchemaRoot a = TaxiTrips.generate(70_000, 9, allocator); VectorSchemaRoot b = TaxiTrips.generate(70_000, 9, allocator);
                VectorSchemaRoot c = TaxiTrips.generate(70_000, 10, allocator)) {
            assertTrue(a.equals(b));
            assertFalse(a.equals(c));
        }
    }

    @Test
    void theTripsLookLikeSeptember2023() {
        try (VectorSchemaRoot trips = TaxiTrips.generate(ROWS, 2023, allocator)) {
            TimeStampMicroVector pickups = (TimeStampMicroVector) trips.getVector("tpep_pickup_datetime");
            TimeStampMicroVector dropoffs = (TimeStampMicroVector) trips.getVector("tpep_dropoff_datetime");
            BigIntVector passengers = (BigIntVector) trips.getVector("passenger_count");
            BigIntVector payments = (BigIntVector) trips.getVector("payment_type");
            Float8Vector distance = (Float8Vector) trips.getVector("trip_distance");
            Float8Vector tips = (Float8Vector) trips.getVector("tip_amount");
            Float8Vector fares = (Float8Vector) trips.getVector("fare_amount");
            Float8Vector totals = (Float8Vector) trips.getVector("total_amount");
            int[] hours = new int[24];
            int nulls = 0;
            int negative = 0;
            int zero = 0;
            List<Double> cardTipShares = new ArrayList<>();
            List<Double> distances = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                LocalDateTime pickup = pickups.getObject(i);
                assertEquals(2023, pickup.getYear());
                assertEquals(9, pickup.getMonthValue());
                assertTrue(dropoffs.get(i) >= pickups.get(i), "dropoff before pickup in row " + i);
                hours[pickup.getHour()]++;
                distances.add(distance.get(i));
                if (passengers.isNull(i)) {
                    nulls++;
                    assertEquals(0, payments.get(i), "payment type of a trip without passenger count");
                    assertTrue(trips.getVector("RatecodeID").isNull(i) && trips.getVector("Airport_fee").isNull(i));
                }
                if (totals.get(i) < 0) {
                    negative++;
                }
                if (totals.get(i) == 0) {
                    zero++;
                }
                if (payments.get(i) == 1 && fares.get(i) > 0) {
                    cardTipShares.add(tips.get(i) / fares.get(i));
                }
                if (payments.get(i) == 2) {
                    assertEquals(0.0, tips.get(i), "a cash tip in row " + i);
                }
            }
            assertTrue(nulls > ROWS * 0.02 && nulls < ROWS * 0.04, nulls + " trips without passenger count");
            assertTrue(negative > 0 && negative < ROWS * 0.02, negative + " refunds");
            assertTrue(zero > 0, "no zero totals");
            assertTrue(hours[18] > 5 * hours[4], "no evening peak over the small hours");
            Collections.sort(cardTipShares);
            double medianShare = cardTipShares.get(cardTipShares.size() / 2);
            assertTrue(medianShare > 0.15 && medianShare < 0.3, "median card tip share " + medianShare);
            Collections.sort(distances);
            double medianMiles = distances.get(ROWS / 2);
            assertTrue(medianMiles > 1.2 && medianMiles < 2.5, "median distance " + medianMiles);
            assertTrue(distances.get(ROWS - 1) > 15, "no long trips");
        }
    }

    @Test
    void writesParquetFilesThatLoadBackAsTheSameTrips(@TempDir Path dir) throws Exception {
        List<Path> files = TaxiTrips.writeParquet(dir, 20_000, 3, 5, allocator);
        assertEquals(dir.resolve("yellow_tripdata_2023-09-part-00.parquet"), files.getFirst());
        try (VectorSchemaRoot loaded = ParquetTables.load(files, allocator, 2); VectorSchemaRoot made = TaxiTrips.generate(20_000, 5, allocator)) {
            assertTrue(made.equals(loaded));
        }
    }
}
