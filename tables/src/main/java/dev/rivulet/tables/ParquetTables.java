package dev.rivulet.tables;

import dev.rivulet.tables.internal.HivePartitionWriter;
import dev.rivulet.tables.internal.ParquetLoader;
import dev.rivulet.tables.internal.ParquetTableWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Parquet files to Arrow tables and back, with no Hadoop file system.
 *
 * <p>Reading takes the Parquet files other tools write: every physical and logical type (decimals,
 * unsigned integers, FLOAT16, dates, times, timestamps including INT96, intervals, UUID, strings,
 * BSON, VARIANT, GEOMETRY), lists (also the legacy two-level forms and bare repeated fields), structs
 * and maps nested to any depth, every codec but LZO, and every encoding, in data pages of version 1
 * and 2; docs/tables.md lists the Arrow type each Parquet type becomes. Writing takes integers of
 * every width, signed or not; half, single and double floats; decimals (128 and 256 bits);
 * booleans; utf8 and binary, large or not, and fixed-size binary; UUIDs; dates, times, timestamps
 * and intervals; lists (also large and fixed-size), structs and maps nested to any depth; and JSON,
 * ENUM, BSON, GEOMETRY and VARIANT named by the field metadata {@code parquet.logical_type};
 * nullable or not. docs/tables.md ("Writing") gives the Parquet type of each. The Arrow schema is
 * also stored in each file's metadata, so a table comes back with the types it was written with.
 *
 * <p>Threads: the methods that take a number of threads make a pool for the call and shut it down
 * before they return; those that take an {@link Executor} run on it and leave it to you. Columns
 * beyond flat numbers and strings are read with a pool of their own, also made for the call (when
 * a file has such columns) and shut down before it returns. No thread of this module outlives a call.
 *
 * <p>Memory: a table read or loaded is new, in the allocator given ({@link ArrowTables#allocator()}
 * by default), and belongs to the caller, who closes it. Tables given to the write methods are only
 * read: not changed, not closed.
 *
 * {@snippet file="dev/rivulet/tables/snippets/TablesSnippetsTest.java" region="partitioned"}
 */
public final class ParquetTables {

    private ParquetTables() {}

    private static int processors() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Writes {@code table} to {@code file} with the default options; see {@link #write(VectorSchemaRoot, Path, ParquetOptions)}.
     *
     * @param table the table to write; not changed or closed
     * @param file the file to write; replaced if it exists
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void write(VectorSchemaRoot table, Path file) throws IOException {
        write(table, file, ParquetOptions.defaults());
    }

    /**
     * Writes {@code table} to {@code file}, atomically: to a temporary file in the same directory,
     * renamed over {@code file} when complete, so readers see the old file or the new one, never
     * half of one. Missing directories are created.
     *
     * @param table the table to write; not changed or closed
     * @param file the file to write; replaced if it exists
     * @param options row groups, pages, compression and dictionary encoding
     * @throws dev.rivulet.result.SerializationException if a column has a type not written, or a value its Parquet type cannot hold; the message names the column (and the row)
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void write(VectorSchemaRoot table, Path file, ParquetOptions options) throws IOException {
        ParquetTableWriter.writeAtomically(table.getSchema(), table.getFieldVectors(), null, table.getRowCount(), file, options);
    }

    /**
     * Writes the rows {@code rows} of {@code table}, in that order, as one Parquet file to {@code
     * out}, which stays open: the rows of a {@link HivePartition} to an object store, for example.
     * Nothing is copied out of the table first.
     *
     * @param table the table whose rows are written; not changed or closed
     * @param rows the indexes of the rows to write, in the order to write them
     * @param out where the file's bytes go; not closed
     * @param options row groups, pages, compression and dictionary encoding
     * @throws IndexOutOfBoundsException if a row index is outside the table
     * @throws dev.rivulet.result.SerializationException if a column has a type not written, or a value its Parquet type cannot hold; the message names the column (and the row)
     * @throws IOException if writing to {@code out} fails
     */
    public static void write(VectorSchemaRoot table, int[] rows, OutputStream out, ParquetOptions options) throws IOException {
        int rowCount = table.getRowCount();
        for (int row : rows) {
            if (row < 0 || row >= rowCount) {
                throw new IndexOutOfBoundsException("row " + row + " is outside the table's " + rowCount + " rows");
            }
        }
        ParquetTableWriter.write(table.getSchema(), table.getFieldVectors(), rows, rows.length, ParquetTableWriter.onStream(out), options);
    }

    /**
     * The partitions of {@code table} in a Hive layout by {@code keys}: each with its directory
     * ({@code date=20230901}) and the indexes of its rows, sorted by directory. This is how {@link
     * #writePartitioned} groups rows; use it to write the same layout elsewhere, such as to S3.
     *
     * @param table the table to partition
     * @param keys the partition levels, outermost first
     * @return the partitions, sorted by directory; together they hold every row once
     * @throws IllegalArgumentException if {@code keys} is empty or a key's column is missing
     */
    public static List<HivePartition> partitions(VectorSchemaRoot table, List<PartitionKey> keys) {
        return HivePartitionWriter.partitions(table, keys);
    }

    /**
     * Reads one file into a new table in {@link ArrowTables#allocator()}, its row groups decoded in parallel.
     *
     * @param file a Parquet file
     * @return a new table, which the caller closes
     * @throws IOException if the file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot read(Path file) throws IOException {
        return load(List.of(file));
    }

    /**
     * Reads one file into a new table in {@code allocator}.
     *
     * @param file a Parquet file
     * @param allocator where the table's memory is allocated
     * @return a new table, which the caller closes
     * @throws IOException if the file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot read(Path file, BufferAllocator allocator) throws IOException {
        return load(List.of(file), allocator, processors());
    }

    /**
     * Loads {@code files} into one table in {@link ArrowTables#allocator()}, on one thread per processor; see {@link #load(List, BufferAllocator, int)}.
     *
     * @param files Parquet files of one schema
     * @return a new table of every row of every file, which the caller closes
     * @throws IOException if a file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot load(List<Path> files) throws IOException {
        return load(files, ArrowTables.allocator(), processors());
    }

    /**
     * Loads {@code files}, all of the same schema, into one table: rows in the order of the files
     * and, within each, of its row groups. Row groups are decoded in parallel on {@code threads}
     * threads of a pool made for the call and shut down before it returns. Fixed-width columns (numbers, dates, timestamps) are
     * decoded straight into the final table, which is allocated once at its full size; strings are
     * decoded per row group and then appended, so their bytes are copied once.
     *
     * @param files Parquet files of one schema
     * @param allocator where the table's memory is allocated
     * @param threads how many row groups are decoded at once
     * @return a new table of every row of every file, which the caller closes
     * @throws IllegalArgumentException if {@code files} is empty or {@code threads} is not positive
     * @throws dev.rivulet.result.SerializationException if the files' schemas differ, a column has a type not read
     *     here (the message names the file, the column and its Parquet type), or they hold more than {@link
     *     Integer#MAX_VALUE} rows
     * @throws IOException if a file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot load(List<Path> files, BufferAllocator allocator, int threads) throws IOException {
        return ParquetLoader.load(files, allocator, threads);
    }

    /**
     * As {@link #load(List, BufferAllocator, int)}, decoding on {@code executor}, which stays yours
     * to shut down: to share one pool among many loads, or to bound the threads of a whole program.
     * When the call returns, none of its work is left on the executor, whether it succeeded or not.
     *
     * @param files Parquet files of one schema
     * @param allocator where the table's memory is allocated
     * @param executor where row groups are decoded
     * @return a new table of every row of every file, which the caller closes
     * @throws IOException if a file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot load(List<Path> files, BufferAllocator allocator, Executor executor) throws IOException {
        return ParquetLoader.load(files, allocator, executor);
    }

    /**
     * Reads the columns and row groups {@code options} select of one file: {@code
     * ParquetReadOptions.newBuilder().columns("fare_amount", "tip_amount").rowGroupFilter(...)}.
     * Only the column chunks of the columns named are read.
     *
     * {@snippet file="dev/rivulet/tables/snippets/ReadOptionsSnippetsTest.java" region="projected"}
     *
     * @param file a Parquet file
     * @param options the columns, the row-group condition, the allocator and the threads
     * @return a new table, which the caller closes
     * @throws IllegalArgumentException if a column named, or one the condition names, is not in the file,
     *     or the condition compares a column with a value of another kind
     * @throws IOException if the file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot read(Path file, ParquetReadOptions options) throws IOException {
        return load(List.of(file), options);
    }

    /**
     * Loads the columns and row groups {@code options} select of {@code files}, all of the same
     * schema, into one table, as {@link #load(List, BufferAllocator, int)} loads all of them.
     * Row groups whose statistics rule out the condition are not read at all.
     *
     * @param files Parquet files of one schema
     * @param options the columns, the row-group condition, the allocator and the threads
     * @return a new table of the rows of the row groups kept, which the caller closes
     * @throws IllegalArgumentException if {@code files} is empty, a column named (or one the condition
     *     names) is not in the files, or the condition compares a column with a value of another kind
     * @throws dev.rivulet.result.SerializationException if the files' schemas differ or they hold more
     *     than {@link Integer#MAX_VALUE} rows
     * @throws IOException if a file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot load(List<Path> files, ParquetReadOptions options) throws IOException {
        return ParquetLoader.load(files, options);
    }

    /**
     * Reads the Parquet file at {@code location} into a new table in {@link ArrowTables#allocator()}:
     * a path, {@code file:}, {@code https://host/trips.parquet}, or {@code s3://bucket/key} with
     * {@code rivulet-storage-s3} on the class path (see {@link dev.rivulet.io.RangedSources}).
     * Remote files are read by range: the footer, then each row group's column chunks, in parallel.
     *
     * @param location where the file is
     * @return a new table, which the caller closes
     * @throws IOException if the file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot read(URI location) throws IOException {
        return read(location, ParquetReadOptions.defaults());
    }

    /**
     * Reads the columns and row groups {@code options} select of the Parquet file at {@code location};
     * from a remote file, only the footer and the byte ranges of the chunks needed are read.
     *
     * {@snippet file="dev/rivulet/tables/snippets/ReadOptionsSnippetsTest.java" region="uri"}
     *
     * @param location a path, {@code file:}, {@code http(s):} or {@code s3:} URI
     * @param options the columns, the row-group condition, the allocator and the threads
     * @return a new table, which the caller closes
     * @throws IllegalArgumentException if a column named, or one the condition names, is not in the file
     * @throws IOException if the file cannot be read or is not Parquet; the message names it
     */
    public static VectorSchemaRoot read(URI location, ParquetReadOptions options) throws IOException {
        return loadUris(List.of(location), options);
    }

    /**
     * Loads the columns and row groups {@code options} select of the Parquet files at {@code
     * locations}, all of one schema, into one table, as {@link #load(List, ParquetReadOptions)} loads
     * files: the rows in the order of the locations, footers and row groups read in parallel, remote
     * files by range.
     *
     * @param locations paths, {@code file:}, {@code http(s):} or {@code s3:} URIs
     * @param options the columns, the row-group condition, the allocator and the threads
     * @return a new table, which the caller closes
     * @throws IllegalArgumentException if {@code locations} is empty, or a column named is not in the files
     * @throws IOException if a file cannot be read or is not Parquet, or a scheme has no provider; the message names it
     */
    public static VectorSchemaRoot loadUris(List<URI> locations, ParquetReadOptions options) throws IOException {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to load");
        }
        return ParquetLoader.loadUris(locations, options);
    }

    /**
     * Writes {@code table} partitioned by {@code keys}, with the default options, on one thread per processor.
     *
     * @param table the table to write; not changed or closed
     * @param root the directory under which the partitions' directories are made
     * @param keys the partition levels, outermost first
     * @return the files written, sorted by path
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writePartitioned(VectorSchemaRoot table, Path root, List<PartitionKey> keys) throws IOException {
        return writePartitioned(table, root, keys, ParquetOptions.defaults(), processors());
    }

    /**
     * Writes {@code table} as a Hive-partitioned layout under {@code root}: each row goes to {@code
     * root/<key1>=<value1>/<key2>=<value2>/part-0.parquet} by its values of {@code keys}, the layout
     * DuckDB ({@code read_parquet(..., hive_partitioning = true)}), Spark and pyarrow read. Files hold
     * every column of the table. Partitions are written in parallel on {@code threads} threads of a
     * pool made for the call and shut down before it returns, each file atomically (a temporary file renamed into place); an existing {@code part-0.parquet}
     * of a partition is replaced, and anything else under {@code root} is left alone. Rows are
     * selected by index, so no partition is copied out of the table first.
     *
     * @param table the table to write; not changed or closed
     * @param root the directory under which the partitions' directories are made
     * @param keys the partition levels, outermost first
     * @param options row groups, pages, compression and dictionary encoding of each file
     * @param threads how many partitions are written at once
     * @return the files written, sorted by path
     * @throws IllegalArgumentException if {@code keys} is empty, a key's column is missing or {@code threads} is not positive
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writePartitioned(VectorSchemaRoot table, Path root, List<PartitionKey> keys, ParquetOptions options, int threads)
            throws IOException {
        return writePartitioned(table, root, keys, "part-0.parquet", options, threads);
    }

    /**
     * As {@link #writePartitioned(VectorSchemaRoot, Path, List, ParquetOptions, int)}, writing
     * partitions on {@code executor}, which stays yours to shut down; see {@link
     * #writePartitioned(VectorSchemaRoot, Path, List, String, ParquetOptions, Executor)}.
     *
     * @param table the table to write; not changed or closed
     * @param root the directory under which the partitions' directories are made
     * @param keys the partition levels, outermost first
     * @param options row groups, pages, compression and dictionary encoding of each file
     * @param executor where partitions are written
     * @return the files written, sorted by path
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writePartitioned(VectorSchemaRoot table, Path root, List<PartitionKey> keys, ParquetOptions options,
            Executor executor) throws IOException {
        return writePartitioned(table, root, keys, "part-0.parquet", options, executor);
    }

    /**
     * As {@link #writePartitioned(VectorSchemaRoot, Path, List, ParquetOptions, int)}, with each
     * partition's file named {@code fileName} instead of {@code part-0.parquet}: {@code
     * "20230930T0200_reports.parquet"} adds a file to each partition beside those of earlier runs.
     *
     * @param table the table to write; not changed or closed
     * @param root the directory under which the partitions' directories are made
     * @param keys the partition levels, outermost first
     * @param fileName the name of the file written in each partition's directory
     * @param options row groups, pages, compression and dictionary encoding of each file
     * @param threads how many partitions are written at once
     * @return the files written, sorted by path
     * @throws IllegalArgumentException if {@code fileName} is blank, holds a {@code /} or {@code \}, or starts with a dot
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writePartitioned(VectorSchemaRoot table, Path root, List<PartitionKey> keys, String fileName,
            ParquetOptions options, int threads) throws IOException {
        return HivePartitionWriter.write(table, root, keys, fileName, options, threads);
    }

    /**
     * As {@link #writePartitioned(VectorSchemaRoot, Path, List, String, ParquetOptions, int)},
     * writing partitions on {@code executor}, which stays yours to shut down. When the call returns,
     * none of its work is left on the executor: after a failed partition, the others are cancelled
     * and waited for, so the table can be closed at once.
     *
     * @param table the table to write; not changed or closed
     * @param root the directory under which the partitions' directories are made
     * @param keys the partition levels, outermost first
     * @param fileName the name of the file written in each partition's directory
     * @param options row groups, pages, compression and dictionary encoding of each file
     * @param executor where partitions are written
     * @return the files written, sorted by path
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writePartitioned(VectorSchemaRoot table, Path root, List<PartitionKey> keys, String fileName,
            ParquetOptions options, Executor executor) throws IOException {
        return HivePartitionWriter.write(table, root, keys, fileName, options, executor);
    }
}
