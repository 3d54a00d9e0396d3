/**
 * Tables for results: the {@code arrow} and {@code parquet} serializers of Arrow tables (see
 * {@link dev.rivulet.tables.TableSerializers}), and Parquet files in and out, one, many in
 * parallel or Hive-partitioned (see {@link dev.rivulet.tables.ParquetTables}). Tables are Arrow's
 * {@link org.apache.arrow.vector.VectorSchemaRoot}; who closes them is in {@link
 * dev.rivulet.tables.ArrowTables}. Arrow needs the JVM flag {@code
 * --add-opens=java.base/java.nio=ALL-UNNAMED}.
 *
 * <p>The {@code zstd} and {@code lz4} codecs of {@code compressed/<inner>} serializer names are
 * not here but in {@code rivulet-codecs} (package {@code dev.rivulet.codec}), which brings no
 * Arrow or Parquet.
 */
package dev.rivulet.tables;
