package dev.rivulet.tables.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Appends batches of the same schema into one table: each buffer copied once, into vectors allocated once at their final size. */
public final class Concatenation {

    private Concatenation() {}

    /**
     * One table of all rows of {@code tables}, in order, in {@code allocator}; the tables are left as
     * they were. The first table's schema is the result's; the others must have the same fields
     * (names and types; nullability and metadata may differ).
     */
    public static VectorSchemaRoot concatenate(List<VectorSchemaRoot> tables, BufferAllocator allocator) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no tables to concatenate");
        }
        Schema schema = tables.getFirst().getSchema();
        List<List<FieldVector>> batches = new ArrayList<>(tables.size());
        for (int t = 0; t < tables.size(); t++) {
            Schema other = tables.get(t).getSchema();
            if (!sameFields(schema, other)) {
                throw new IllegalArgumentException("table " + t + " has columns " + describe(other) + ", but table 0 has " + describe(schema)
                        + "; concatenate tables of the same columns and types, in the same order");
            }
            List<FieldVector> vectors = tables.get(t).getFieldVectors();
            int rows = tables.get(t).getRowCount();
            for (FieldVector vector : vectors) {
                if (vector.getValueCount() != rows) {
                    throw new IllegalArgumentException("table " + t + " has " + rows + " rows but its column '" + vector.getName()
                            + "' holds " + vector.getValueCount() + " values; set the vectors' value counts");
                }
            }
            batches.add(vectors);
        }
        return concatenate(schema, batches, allocator);
    }

    private static boolean sameFields(Schema a, Schema b) {
        if (a.getFields().size() != b.getFields().size()) {
            return false;
        }
        for (int i = 0; i < a.getFields().size(); i++) {
            if (!sameField(a.getFields().get(i), b.getFields().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameField(org.apache.arrow.vector.types.pojo.Field a, org.apache.arrow.vector.types.pojo.Field b) {
        if (!a.getName().equals(b.getName()) || !a.getType().equals(b.getType()) || a.getChildren().size() != b.getChildren().size()) {
            return false;
        }
        for (int i = 0; i < a.getChildren().size(); i++) {
            if (!sameField(a.getChildren().get(i), b.getChildren().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Schema schema) {
        return schema.getFields().stream().map(f -> f.getName() + " " + f.getType()).toList().toString();
    }

    /** One table of all rows of {@code batches} (each a list of vectors, one per field), in {@code allocator}; the batches are left as they were. */
    static VectorSchemaRoot concatenate(Schema schema, List<List<FieldVector>> batches, BufferAllocator allocator) {
        long total = 0;
        for (List<FieldVector> batch : batches) {
            total += batch.isEmpty() ? 0 : batch.getFirst().getValueCount();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the batches hold " + total + " rows, more than one Arrow table can");
        }
        int rows = (int) total;
        List<FieldVector> vectors = new ArrayList<>(schema.getFields().size());
        try {
            for (int c = 0; c < schema.getFields().size(); c++) {
                FieldVector target = schema.getFields().get(c).createVector(allocator);
                vectors.add(target);
                List<FieldVector> parts = new ArrayList<>(batches.size());
                for (List<FieldVector> batch : batches) {
                    parts.add(batch.get(c));
                }
                append(target, parts, rows);
            }
            return new VectorSchemaRoot(schema.getFields(), vectors, rows);
        } catch (RuntimeException | Error e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }

    /** Allocates {@code target} for {@code rows} rows and copies {@code parts} into it, one after another. */
    static void appendInto(FieldVector target, List<FieldVector> parts, int rows) {
        append(target, parts, rows);
    }

    private static void append(FieldVector target, List<FieldVector> parts, int rows) {
        switch (target) {
            case BitVector bits -> {
                bits.allocateNew(rows);
                zero(bits.getValidityBuffer().memoryAddress(), bits.getValidityBuffer().capacity());
                zero(bits.getDataBuffer().memoryAddress(), bits.getDataBuffer().capacity());
                int offset = 0;
                for (FieldVector part : parts) {
                    int n = part.getValueCount();
                    copyBits(part.getValidityBuffer().memoryAddress(), bits.getValidityBuffer().memoryAddress(), offset, n);
                    copyBits(part.getDataBuffer().memoryAddress(), bits.getDataBuffer().memoryAddress(), offset, n);
                    offset += n;
                }
            }
            case BaseFixedWidthVector fixed -> {
                fixed.allocateNew(rows);
                zero(fixed.getValidityBuffer().memoryAddress(), fixed.getValidityBuffer().capacity());
                int width = fixed.getTypeWidth();
                int offset = 0;
                for (FieldVector part : parts) {
                    int n = part.getValueCount();
                    MemoryUtil.copyMemory(part.getDataBuffer().memoryAddress(), fixed.getDataBuffer().memoryAddress() + (long) offset * width,
                            (long) n * width);
                    copyBits(part.getValidityBuffer().memoryAddress(), fixed.getValidityBuffer().memoryAddress(), offset, n);
                    offset += n;
                }
            }
            case BaseVariableWidthVector variable -> {
                long bytes = 0;
                for (FieldVector part : parts) {
                    bytes += part.getValueCount() == 0 ? 0 : part.getOffsetBuffer().getInt((long) part.getValueCount() * 4);
                }
                if (bytes > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("column '" + target.getName() + "' would hold " + bytes + " bytes, more than 2 GiB");
                }
                variable.allocateNew(Math.max(bytes, 1), rows);
                zero(variable.getValidityBuffer().memoryAddress(), variable.getValidityBuffer().capacity());
                long offsets = variable.getOffsetBuffer().memoryAddress();
                long data = variable.getDataBuffer().memoryAddress();
                int offset = 0;
                int base = 0;
                for (FieldVector part : parts) {
                    int n = part.getValueCount();
                    if (n == 0) {
                        continue;
                    }
                    long partOffsets = part.getOffsetBuffer().memoryAddress();
                    int first = MemoryUtil.getInt(partOffsets);
                    int length = MemoryUtil.getInt(partOffsets + (long) n * 4) - first;
                    MemoryUtil.copyMemory(part.getDataBuffer().memoryAddress() + first, data + base, length);
                    for (int i = 0; i < n; i++) {
                        MemoryUtil.putInt(offsets + (long) (offset + i) * 4, base + MemoryUtil.getInt(partOffsets + (long) i * 4) - first);
                    }
                    copyBits(part.getValidityBuffer().memoryAddress(), variable.getValidityBuffer().memoryAddress(), offset, n);
                    offset += n;
                    base += length;
                }
                MemoryUtil.putInt(offsets + (long) rows * 4, base);
                variable.setLastSet(rows - 1);
            }
            default -> {
                // nested and other types: Arrow's own appender, which grows the target as it goes
                target.allocateNew();
                for (FieldVector part : parts) {
                    org.apache.arrow.vector.util.VectorBatchAppender.batchAppend(target, part);
                }
            }
        }
        target.setValueCount(rows);
    }

    private static void zero(long address, long bytes) {
        MemoryUtil.setMemory(address, bytes, (byte) 0);
    }

    /** Copies bits {@code [0, n)} of {@code from} to bits {@code [offset, offset + n)} of {@code to}, whose bits there are zero. */
    static void copyBits(long from, long to, int offset, int n) {
        if ((offset & 7) == 0) {
            int whole = n >>> 3;
            MemoryUtil.copyMemory(from, to + (offset >>> 3), whole);
            for (int i = whole << 3; i < n; i++) {
                setBitIfSet(from, i, to, offset + i);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            setBitIfSet(from, i, to, offset + i);
        }
    }

    private static void setBitIfSet(long from, int bit, long to, int target) {
        if ((MemoryUtil.getByte(from + (bit >>> 3)) & (1 << (bit & 7))) != 0) {
            long at = to + (target >>> 3);
            MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (target & 7))));
        }
    }
}
