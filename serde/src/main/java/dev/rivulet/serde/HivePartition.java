package dev.rivulet.serde;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One partition of a table in a Hive layout: its directory, relative to the layout's root ({@code
 * date=20230901}, or {@code vendor=2/date=20230901} for two keys), its values of the partition keys
 * (null for a null value, whose directory segment is {@code __HIVE_DEFAULT_PARTITION__}), and the
 * indexes of its rows in the table, ascending.
 *
 * <p>Made by {@link ParquetTables#partitions}; write a partition's rows anywhere with {@link
 * ParquetTables#write(org.apache.arrow.vector.VectorSchemaRoot, int[], java.io.OutputStream, ParquetOptions)}:
 * to an object store under {@code prefix + "/" + path() + "/part-0.parquet"}, for example.
 */
public final class HivePartition {

    private final String path;
    private final List<String> values;
    private final int[] rows;

    /**
     * @param path the directory relative to the layout's root, segments separated by {@code /}
     * @param values the partition keys' values, in the keys' order; an element may be null
     * @param rows the row indexes, not copied: the caller gives up the array
     */
    public HivePartition(String path, List<String> values, int[] rows) {
        this.path = Objects.requireNonNull(path, "path");
        this.values = Collections.unmodifiableList(Arrays.asList(values.toArray(new String[0])));
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    /** The directory relative to the layout's root: {@code date=20230901}. */
    public String path() {
        return path;
    }

    /** The partition keys' values, in the keys' order; null for a null value. */
    public List<String> values() {
        return values;
    }

    /** The number of rows in the partition. */
    public int rowCount() {
        return rows.length;
    }

    /** The indexes of the partition's rows in the table, ascending; a copy. */
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public String toString() {
        return "HivePartition(" + path + ", " + rows.length + " rows)";
    }
}
