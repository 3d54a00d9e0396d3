package dev.rivulet.tables.internal;

import dev.rivulet.tables.HivePartition;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.PartitionKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes a table as Hive-partitioned Parquet files, {@code root/key=value/.../part-0.parquet}: rows
 * are grouped by their partition values (as row indexes, never copied), and the partitions are
 * written in parallel, each file atomically.
 */
public final class HivePartitionWriter {

    /** What Hive, Spark and DuckDB call the partition of null values. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private HivePartitionWriter() {}

    /** Writes the partitions on {@code threads} threads of a pool made for the call, and returns the files written, in path order. */
    public static List<Path> write(VectorSchemaRoot table, Path root, List<PartitionKey> keys, String fileName, ParquetOptions options,
            int threads) throws IOException {
        checkFileName(fileName);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        List<HivePartition> partitions = partitions(table, keys);
        try (Workers workers = Workers.forCall(Math.min(threads, Math.max(1, partitions.size())), "rivulet-hive-writer")) {
            return write(table, root, partitions, fileName, options, workers);
        }
    }

    /** Writes the partitions on {@code executor}, which stays the caller's, and returns the files written, in path order. */
    public static List<Path> write(VectorSchemaRoot table, Path root, List<PartitionKey> keys, String fileName, ParquetOptions options,
            Executor executor) throws IOException {
        checkFileName(fileName);
        Objects.requireNonNull(executor, "executor");
        List<HivePartition> partitions = partitions(table, keys);
        try (Workers workers = Workers.on(executor, Workers.DEFAULT_THREADS)) {
            return write(table, root, partitions, fileName, options, workers);
        }
    }

    private static void checkFileName(String fileName) {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            // a leading dot would hide the file from readers, and is how AtomicFile names its temporary files
            throw new IllegalArgumentException("a partition file name must be a plain name not starting with '.', got '" + fileName + "'");
        }
    }

    /** Closing {@code workers} afterwards stops the other partitions after a failed one, before the caller can close the table they read. */
    private static List<Path> write(VectorSchemaRoot table, Path root, List<HivePartition> partitions, String fileName, ParquetOptions options,
            Workers workers) throws IOException {
        List<Future<Path>> futures = new ArrayList<>();
        for (HivePartition partition : partitions) {
            Path target = root.resolve(partition.path()).resolve(fileName);
            int[] rows = partition.rows();
            Future<Path> future = workers.submit(() -> {
                ParquetTableWriter.writeAtomically(table.getSchema(), table.getFieldVectors(), rows, rows.length, target, options);
                return target;
            });
            futures.add(future);
            if (workers.parallelism() == 1) {
                Futures.await(future, "writing a partition");  // it ran in submit: stop at the first failure
            }
        }
        List<Path> written = new ArrayList<>();
        for (Future<Path> future : futures) {
            written.add(Futures.await(future, "writing a partition"));
        }
        written.sort(Comparator.naturalOrder());
        return written;
    }

    /** The table's rows grouped by their values of {@code keys}, in the order of the partitions' paths. */
    public static List<HivePartition> partitions(VectorSchemaRoot table, List<PartitionKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no partition keys: give at least one, such as PartitionKey.day(\"date\", \"tpep_pickup_datetime\")");
        }
        List<HivePartition> partitions = new ArrayList<>();
        group(table, keys).forEach((values, rows) -> {
            StringBuilder path = new StringBuilder();
            for (int k = 0; k < keys.size(); k++) {
                path.append(k == 0 ? "" : "/").append(keys.get(k).name()).append('=').append(escape(values.get(k)));
            }
            partitions.add(new HivePartition(path.toString(), values, rows.toArray()));
        });
        partitions.sort(Comparator.comparing(HivePartition::path));
        return partitions;
    }

    private static Map<List<String>, RowList> group(VectorSchemaRoot table, List<PartitionKey> keys) {
        List<IntFunction<String>> values = new ArrayList<>(keys.size());
        for (PartitionKey key : keys) {
            values.add(key.bind(table));
        }
        Map<List<String>, RowList> partitions = new LinkedHashMap<>();
        int rows = table.getRowCount();
        if (values.size() == 1) {
            // one key: look each row's value up without building a list for it
            IntFunction<String> only = values.getFirst();
            Map<String, RowList> byValue = new LinkedHashMap<>();
            RowList nulls = null;
            for (int row = 0; row < rows; row++) {
                String value = only.apply(row);
                if (value == null || value.isEmpty()) {
                    nulls = nulls == null ? new RowList() : nulls;
                    nulls.add(row);
                } else {
                    byValue.computeIfAbsent(value, v -> new RowList()).add(row);
                }
            }
            byValue.forEach((value, list) -> partitions.put(List.of(value), list));
            if (nulls != null) {
                partitions.put(Arrays.asList((String) null), nulls);
            }
            return partitions;
        }
        for (int row = 0; row < rows; row++) {
            String[] key = new String[values.size()];
            for (int k = 0; k < key.length; k++) {
                String value = values.get(k).apply(row);
                key[k] = value == null || value.isEmpty() ? null : value;   // one partition, as Hive has it
            }
            partitions.computeIfAbsent(Arrays.asList(key), v -> new RowList()).add(row);
        }
        return partitions;
    }

    /** A partition value as a path segment, escaped as Hive escapes it; null as {@link #NULL_PARTITION}. */
    static String escape(String value) {
        if (value == null) {
            return NULL_PARTITION;
        }
        if (value.isEmpty()) {
            return NULL_PARTITION;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A growable list of row indexes. */
    private static final class RowList {
        private int[] rows = new int[64];
        private int size;

        void add(int row) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
            }
            rows[size++] = row;
        }

        int[] toArray() {
            return Arrays.copyOf(rows, size);
        }
    }
}
