package dev.rivulet.benchmarks;

import dev.rivulet.assets.Artifact;
import dev.rivulet.assets.Asset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The orders asset of the asset benchmarks, {@code order_id BIGINT, region VARCHAR, amount DOUBLE,
 * ts TIMESTAMP}, written from Arrow tables made batch by batch as the asset's iterator is pulled:
 * order {@code i} has region {@code region-(i % 8)}, amount {@code (i % 100000) / 7} rounded to
 * cents, and a timestamp {@code i} seconds after 2024-01-01.
 */
public interface OrderAssets {

    /** The orders as Parquet. */
    @Asset(path = "orders.parquet", name = "orders-parquet")
    Artifact parquet(long rows, int batchRows);

    /** The same orders as JSON lines. */
    @Asset(path = "orders.jsonl", name = "orders-json")
    Artifact json(long rows, int batchRows);

    /** The assets' bodies, making their tables with {@code allocator}. */
    static OrderAssets madeWith(BufferAllocator allocator) {
        return new OrderAssets() {
            @Override
            public Artifact parquet(long rows, int batchRows) {
                return Artifact.ofBatches(new Tables(allocator, rows, batchRows));
            }

            @Override
            public Artifact json(long rows, int batchRows) {
                return Artifact.ofBatches(new Tables(allocator, rows, batchRows));
            }
        };
    }

    Schema SCHEMA = new Schema(List.of(
            Field.nullable("order_id", new ArrowType.Int(64, true)),
            Field.nullable("region", ArrowType.Utf8.INSTANCE),
            Field.nullable("amount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null))));

    /** The orders' tables, {@code batchRows} rows each (the last one the rest), each made when it is asked for. */
    final class Tables implements Iterator<VectorSchemaRoot> {

        private static final long START_MICROS = 1_704_067_200_000_000L;
        private static final byte[][] REGIONS = new byte[8][];

        static {
            for (int i = 0; i < REGIONS.length; i++) {
                REGIONS[i] = ("region-" + i).getBytes(StandardCharsets.UTF_8);
            }
        }

        private final BufferAllocator allocator;
        private final long rows;
        private final int batchRows;
        private long made;

        Tables(BufferAllocator allocator, long rows, int batchRows) {
            this.allocator = allocator;
            this.rows = rows;
            this.batchRows = batchRows;
        }

        @Override
        public boolean hasNext() {
            return made < rows;
        }

        @Override
        public VectorSchemaRoot next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int count = (int) Math.min(batchRows, rows - made);
            VectorSchemaRoot table = VectorSchemaRoot.create(SCHEMA, allocator);
            BigIntVector id = (BigIntVector) table.getVector(0);
            VarCharVector region = (VarCharVector) table.getVector(1);
            Float8Vector amount = (Float8Vector) table.getVector(2);
            TimeStampMicroVector ts = (TimeStampMicroVector) table.getVector(3);
            id.allocateNew(count);
            region.allocateNew(count * 8L, count);
            amount.allocateNew(count);
            ts.allocateNew(count);
            for (int i = 0; i < count; i++) {
                long order = made + i;
                id.set(i, order);
                region.set(i, REGIONS[(int) (order % REGIONS.length)]);
                amount.set(i, Math.round((order % 100_000) / 7.0 * 100) / 100.0);
                ts.set(i, START_MICROS + order * 1_000_000L);
            }
            table.setRowCount(count);
            made += count;
            return table;
        }
    }
}
