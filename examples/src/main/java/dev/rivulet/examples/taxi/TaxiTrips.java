package dev.rivulet.examples.taxi;

import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.ParquetTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Realistic NYC yellow-taxi trips of September 2023, with the columns and Parquet types of the TLC's
 * {@code yellow_tripdata_2023-09.parquet}: {@code VendorID} int32, the two {@code tpep_*_datetime}
 * timestamp[us], {@code passenger_count} int64, {@code trip_distance} double, {@code RatecodeID}
 * int64, {@code store_and_fwd_flag} string, {@code PULocationID} and {@code DOLocationID} int32,
 * {@code payment_type} int64, and nine amounts as double.
 *
 * <p>What makes it realistic: pickups through the month with weekday and hourly patterns (a quiet
 * Labor Day, a small-hours trough, an evening peak); log-normal distances, long for the airports;
 * durations from the traffic of the hour; fares from the 2023 meter ($3.00 plus $0.70 a fifth of a
 * mile and $0.70 a slow minute), JFK's $70 flat fare, Newark's surcharge; the overnight and rush-hour
 * extras, MTA tax, improvement, congestion and airport fees, tolls; tips on most card payments
 * (median about 20%) and none in cash; a few no-charge, disputed and refunded (negative) trips and
 * zero totals; and about 3% of trips whose passenger count, rate code, store-and-forward flag,
 * congestion surcharge and airport fee are null, with payment type 0, as in the real files.
 *
 * <p>Deterministic: the same seed gives the same trips. Rows are made in blocks of {@value
 * #BLOCK_ROWS}, each from its own random stream, so the rows do not depend on how many files they
 * are written to, and blocks are made in parallel.
 */
public final class TaxiTrips {

    /** The rows of the real September 2023 file, rounded: the default size. */
    public static final int DEFAULT_ROWS = 3_000_000;
    /** Rows made from one random stream. */
    public static final int BLOCK_ROWS = 65_536;

    private static final long SEPTEMBER_1 = LocalDate.of(2023, 9, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    private static final int DAYS = 30;
    private static final long MICROS_PER_HOUR = 3_600_000_000L;

    /** Share of a day's trips in each hour, from the TLC's 2023 trip counts, roughly. */
    private static final double[] HOURS = {
        3.6, 2.4, 1.6, 1.0, 0.7, 0.8, 1.7, 3.0, 3.9, 4.2, 4.5, 4.9,
        5.2, 5.4, 5.8, 6.0, 6.0, 6.6, 6.9, 6.2, 5.7, 5.6, 5.2, 4.5};
    /** Average speed, mph, in each hour. */
    private static final double[] SPEEDS = {
        17, 18, 19, 20, 20, 18, 14, 11, 10, 10, 10, 10,
        10, 10, 10, 9, 9, 9, 10, 11, 13, 14, 15, 16};

    /** The busiest pickup zones, busiest first; 132 is JFK, 138 LaGuardia. */
    private static final int[] BUSY_ZONES = {
        132, 237, 161, 236, 162, 138, 186, 230, 142, 170, 163, 239, 234, 68, 48, 141, 107, 79, 140, 249,
        100, 229, 263, 43, 164, 90, 113, 262, 137, 233, 246, 151, 238, 50, 158, 75, 166, 114, 125, 87,
        144, 211, 231, 13, 148, 24, 41, 74, 42, 264, 143, 45, 4, 88, 261, 209, 224, 232, 152, 116};
    private static final int JFK = 132;
    private static final int LAGUARDIA = 138;
    private static final int NEWARK = 1;

    private static final double[] DAY_CUMULATIVE = cumulative(dayWeights());
    private static final double[] HOUR_CUMULATIVE = cumulative(HOURS);
    private static final double[] ZONE_CUMULATIVE = cumulative(zoneWeights());

    private TaxiTrips() {}

    /** {@code rows} trips of seed {@code seed} as a new table in {@code allocator}, made on all processors; the caller closes it. */
    public static VectorSchemaRoot generate(int rows, long seed, BufferAllocator allocator) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
        Columns columns = new Columns(allocator, rows);
        try {
            int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
            byte[] flags = new byte[rows];
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int b = 0; b < blocks; b++) {
                    int block = b;
                    // blocks start at multiples of 8 rows, so no two share a byte of a validity bitmap
                    futures.add(pool.submit(() -> columns.fill(block, Math.min(BLOCK_ROWS, rows - block * BLOCK_ROWS), seed, flags)));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while generating trips", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("generating trips failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
            columns.setFlags(flags);
            return columns.table(rows);
        } catch (RuntimeException | Error e) {
            columns.close();
            throw e;
        }
    }

    /**
     * Writes {@code rows} trips as {@code files} Parquet files in {@code dir}, of nearly equal size,
     * named {@code yellow_tripdata_2023-09.parquet} for one file and {@code
     * yellow_tripdata_2023-09-part-07.parquet} and so on for several.
     *
     * @return the files, in order
     */
    public static List<Path> writeParquet(Path dir, int rows, int files, long seed, BufferAllocator allocator) throws IOException {
        if (files < 1) {
            throw new IllegalArgumentException("files must be positive, got " + files);
        }
        List<Path> written = new ArrayList<>();
        try (VectorSchemaRoot trips = generate(rows, seed, allocator)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int f = 0; f < files; f++) {
                    long from = (long) rows * f / files;
                    long to = (long) rows * (f + 1) / files;
                    Path file = dir.resolve(files == 1 ? "yellow_tripdata_2023-09.parquet"
                            : String.format(Locale.ROOT, "yellow_tripdata_2023-09-part-%02d.parquet", f));
                    written.add(file);
                    futures.add(pool.submit(() -> {
                        try (VectorSchemaRoot part = trips.slice((int) from, (int) (to - from))) {
                            ParquetTables.write(part, file, ParquetOptions.defaults());
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing trips");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException("writing trips failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return written;
    }

    /** The vectors of the table being made, in the TLC file's column order. */
    private static final class Columns implements AutoCloseable {
        final IntVector vendor;
        final TimeStampMicroVector pickup;
        final TimeStampMicroVector dropoff;
        final BigIntVector passengers;
        final Float8Vector distance;
        final BigIntVector rateCode;
        final VarCharVector storeAndForward;
        final IntVector pickupZone;
        final IntVector dropoffZone;
        final BigIntVector paymentType;
        final Float8Vector fare;
        final Float8Vector extra;
        final Float8Vector mtaTax;
        final Float8Vector tip;
        final Float8Vector tolls;
        final Float8Vector improvement;
        final Float8Vector total;
        final Float8Vector congestion;
        final Float8Vector airportFee;
        final List<FieldVector> all;

        Columns(BufferAllocator allocator, int rows) {
            vendor = new IntVector("VendorID", allocator);
            pickup = new TimeStampMicroVector("tpep_pickup_datetime", allocator);
            dropoff = new TimeStampMicroVector("tpep_dropoff_datetime", allocator);
            passengers = new BigIntVector("passenger_count", allocator);
            distance = new Float8Vector("trip_distance", allocator);
            rateCode = new BigIntVector("RatecodeID", allocator);
            storeAndForward = new VarCharVector("store_and_fwd_flag", allocator);
            pickupZone = new IntVector("PULocationID", allocator);
            dropoffZone = new IntVector("DOLocationID", allocator);
            paymentType = new BigIntVector("payment_type", allocator);
            fare = new Float8Vector("fare_amount", allocator);
            extra = new Float8Vector("extra", allocator);
            mtaTax = new Float8Vector("mta_tax", allocator);
            tip = new Float8Vector("tip_amount", allocator);
            tolls = new Float8Vector("tolls_amount", allocator);
            improvement = new Float8Vector("improvement_surcharge", allocator);
            total = new Float8Vector("total_amount", allocator);
            congestion = new Float8Vector("congestion_surcharge", allocator);
            airportFee = new Float8Vector("Airport_fee", allocator);
            all = List.of(vendor, pickup, dropoff, passengers, distance, rateCode, storeAndForward, pickupZone, dropoffZone, paymentType,
                    fare, extra, mtaTax, tip, tolls, improvement, total, congestion, airportFee);
            for (FieldVector vector : all) {
                if (vector != storeAndForward) {
                    vector.setInitialCapacity(rows);
                    vector.allocateNew();
                }
            }
            storeAndForward.allocateNew(Math.max(1, rows), Math.max(1, rows));
        }

        /** Makes the rows of one block; the flags are set afterwards, in order, since strings are appended. */
        void fill(int block, int rows, long seed, byte[] flags) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + block);
            int first = block * BLOCK_ROWS;
            for (int i = first; i < first + rows; i++) {
                trip(random, i, flags);
            }
        }

        private void trip(SplittableRandom random, int row, byte[] flags) {
            int day = pick(DAY_CUMULATIVE, random);
            int hour = pick(HOUR_CUMULATIVE, random);
            long start = SEPTEMBER_1 + day * 24L * MICROS_PER_HOUR + hour * MICROS_PER_HOUR + random.nextLong(3_600) * 1_000_000L;
            DayOfWeek weekday = LocalDate.of(2023, 9, 1 + day).getDayOfWeek();
            boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;

            int vendorId = random.nextDouble() < 0.26 ? 1 : 2;
            boolean unknown = random.nextDouble() < 0.03;          // no passenger count, rate code or flag: payment type 0

            int pickupAt = zone(random);
            int dropoffAt = zone(random);
            long rate = 1;
            double r = random.nextDouble();
            if (pickupAt == JFK || dropoffAt == JFK) {
                rate = r < 0.8 ? 2 : 1;
            } else if (r < 0.003) {
                rate = 3;
                dropoffAt = NEWARK;
            } else if (r < 0.005) {
                rate = 4;
            } else if (r < 0.012) {
                rate = 5;
            } else if (r < 0.015) {
                rate = 99;
            }

            boolean airport = pickupAt == JFK || dropoffAt == JFK || pickupAt == LAGUARDIA || dropoffAt == LAGUARDIA || rate == 3;
            double miles;
            if (random.nextDouble() < 0.015) {
                miles = 0;
            } else if (airport) {
                miles = Math.min(60, Math.exp(Math.log(rate == 3 ? 17 : 11) + 0.35 * random.nextGaussian()));
            } else {
                miles = Math.min(80, Math.exp(Math.log(1.7) + 0.8 * random.nextGaussian()));
            }
            miles = round2(miles);
            double speed = SPEEDS[hour] * (weekend ? 1.2 : 1.0) * Math.exp(0.25 * random.nextGaussian());
            double minutes = miles / speed * 60 + 1.5 + random.nextDouble() * 3;
            long end = start + (long) (minutes * 60) * 1_000_000L;
            double slowMinutes = Math.max(0, minutes - miles / 12 * 60) * 0.6;

            double fareAmount = switch ((int) rate) {
                case 2 -> 70.0;
                case 5 -> round2(20 + random.nextDouble() * 120);
                default -> {
                    double metered = 3.00 + 0.70 * Math.ceil(miles * 5) + 0.70 * Math.floor(slowMinutes);
                    yield rate == 3 ? metered + 20.0 : rate == 4 ? metered * 1.5 : metered;
                }
            };
            boolean overnight = hour >= 20 || hour < 6;
            boolean rush = !weekend && hour >= 16 && hour < 20;
            double extraAmount = (overnight ? 1.00 : 0) + (rush ? 2.50 : 0) + (pickupAt == LAGUARDIA ? 5.00 : 0);
            double mta = rate == 5 ? 0 : 0.50;
            double tollAmount = random.nextDouble() < (airport ? 0.4 : 0.05) ? (random.nextDouble() < 0.85 ? 6.94 : 13.88) : 0;
            double improvementAmount = 1.00;
            double congestionAmount = random.nextDouble() < (airport ? 0.5 : 0.92) ? 2.50 : 0;
            double airportAmount = pickupAt == JFK || pickupAt == LAGUARDIA ? 1.75 : 0;

            long payment;
            double p = random.nextDouble();
            if (unknown) {
                payment = 0;
            } else if (p < 0.79) {
                payment = 1;
            } else if (p < 0.97) {
                payment = 2;
            } else if (p < 0.985) {
                payment = 3;
            } else {
                payment = 4;
            }
            double tipAmount = 0;
            double beforeTip = fareAmount + extraAmount + mta + tollAmount + improvementAmount + congestionAmount + airportAmount;
            if (payment == 1 || (payment == 0 && random.nextDouble() < 0.5)) {
                if (random.nextDouble() < 0.9) {
                    double share = Math.clamp(0.20 + 0.05 * random.nextGaussian(), 0.05, 0.45);
                    tipAmount = round2((fareAmount + extraAmount) * share);
                }
            }
            double sign = 1;
            if ((payment == 3 || payment == 4) && random.nextDouble() < 0.5) {
                sign = -1;                                          // a refund: every amount negated
            }
            boolean zero = random.nextDouble() < 0.001;
            if (zero) {
                fareAmount = extraAmount = mta = tipAmount = tollAmount = improvementAmount = congestionAmount = airportAmount = 0;
                beforeTip = 0;
                payment = unknown ? 0 : 3;
            }

            vendor.set(row, vendorId);
            pickup.set(row, start);
            dropoff.set(row, end);
            distance.set(row, miles);
            pickupZone.set(row, pickupAt);
            dropoffZone.set(row, dropoffAt);
            paymentType.set(row, payment);
            fare.set(row, round2(sign * fareAmount));
            extra.set(row, round2(sign * extraAmount));
            mtaTax.set(row, sign * mta);
            tip.set(row, sign * tipAmount);
            tolls.set(row, sign * tollAmount);
            improvement.set(row, sign * improvementAmount);
            total.set(row, round2(sign * (beforeTip + tipAmount)));
            if (unknown) {
                flags[row] = 0;
            } else {
                passengers.set(row, passengers(random));
                rateCode.set(row, rate);
                flags[row] = (byte) (vendorId == 1 && random.nextDouble() < 0.02 ? 'Y' : 'N');
                congestion.set(row, sign * congestionAmount);
                airportFee.set(row, sign * airportAmount);
            }
        }

        void setFlags(byte[] flags) {
            byte[] yes = "Y".getBytes(StandardCharsets.US_ASCII);
            byte[] no = "N".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < flags.length; i++) {
                if (flags[i] != 0) {
                    storeAndForward.setSafe(i, flags[i] == 'Y' ? yes : no);
                }
            }
        }

        VectorSchemaRoot table(int rows) {
            for (FieldVector vector : all) {
                vector.setValueCount(rows);
            }
            return new VectorSchemaRoot(all);
        }

        @Override
        public void close() {
            all.forEach(FieldVector::close);
        }
    }

    private static long passengers(SplittableRandom random) {
        double p = random.nextDouble();
        if (p < 0.03) {
            return 0;
        } else if (p < 0.78) {
            return 1;
        } else if (p < 0.92) {
            return 2;
        } else if (p < 0.955) {
            return 3;
        } else if (p < 0.975) {
            return 4;
        } else if (p < 0.99) {
            return 5;
        }
        return 6;
    }

    private static int zone(SplittableRandom random) {
        int index = pick(ZONE_CUMULATIVE, random);
        if (index < BUSY_ZONES.length) {
            return BUSY_ZONES[index];
        }
        return 1 + random.nextInt(265);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static int pick(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static double[] cumulative(double[] weights) {
        double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }

    /** Weekday patterns of September 2023, with Labor Day (the 4th) quiet. */
    private static double[] dayWeights() {
        double[] weights = new double[DAYS];
        for (int d = 0; d < DAYS; d++) {
            weights[d] = switch (LocalDate.of(2023, 9, 1 + d).getDayOfWeek()) {
                case MONDAY -> 0.90;
                case TUESDAY -> 1.00;
                case WEDNESDAY -> 1.05;
                case THURSDAY, FRIDAY -> 1.10;
                case SATURDAY -> 1.00;
                case SUNDAY -> 0.85;
            };
        }
        weights[3] = 0.70;
        return weights;
    }

    /** Busy zones by a Zipf-like law, then every zone a little (the last weight, spread over 1 to 265). */
    private static double[] zoneWeights() {
        double[] weights = new double[BUSY_ZONES.length + 1];
        double busy = 0;
        for (int i = 0; i < BUSY_ZONES.length; i++) {
            weights[i] = 1 / Math.pow(i + 2, 0.9);
            busy += weights[i];
        }
        weights[BUSY_ZONES.length] = busy * 0.08;
        return weights;
    }
}
