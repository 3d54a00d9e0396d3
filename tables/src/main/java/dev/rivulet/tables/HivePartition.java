package dev.rivulet.tables;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One partition of a table in a Hive layout: its directory, relative to the layout's root ({@code
 * date=20230901}, or {@code vendor=2/date=20230901} for two keys), its values of the partition keys
 * (null for a null or empty value: both are Hive's {@code __HIVE_DEFAULT_PARTITION__}), and the
 * indexes of its rows in the table, ascending.
 *
 * <p>Made by {@link ParquetTables#partitions}; write a partition's rows anywhere with {@link
 * ParquetTables#write(org.apache.arrow.vector.VectorSchemaRoot, int[], java.io.OutputStream, ParquetOptions)}:
 * to an object store under {@code prefix + "/" + path() + "/part-0.parquet"}, for example. A value:
 * equal partitions have equal paths, values and rows, and {@link #rows()} returns a copy.
 *
 * @param path the directory relative to the layout's root, segments separated by {@code /}
 * @param values the partition keys' values, in the keys' order; null for a null value
 * @param rows the indexes of the partition's rows in the table, ascending
 */
public record HivePartition(String path, List<String> values, int[] rows) {

    /** Copies {@code values} and {@code rows}, so that the partition cannot change. */
    public HivePartition {
        Objects.requireNonNull(path, "path");
        values = Collections.unmodifiableList(Arrays.asList(values.toArray(new String[0])));
        rows = rows.clone();
    }

    /** {@return the indexes of the partition's rows in the table, ascending; a copy} */
    @Override
    public int[] rows() {
        return rows.clone();
    }

    /** {@return the number of rows in the partition} */
    public int rowCount() {
        return rows.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HivePartition other && path.equals(other.path) && values.equals(other.values) && Arrays.equals(rows, other.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, values, Arrays.hashCode(rows));
    }

    /** The partition's path, {@code date=20230901}: what a task's run name shows of it ({@code "load-{day}"}). */
    @Override
    public String toString() {
        return path;
    }
}
