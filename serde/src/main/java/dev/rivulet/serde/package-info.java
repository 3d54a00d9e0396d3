/**
 * More codecs and serializers for results: the {@code zstd} and {@code lz4} codecs (see {@link
 * dev.rivulet.serde.Codecs}), the {@code arrow} and {@code parquet} serializers of Arrow tables
 * (see {@link dev.rivulet.serde.TableSerializers}), and Parquet files in and out, one, many in
 * parallel or Hive-partitioned (see {@link dev.rivulet.serde.ParquetTables}). Tables are Arrow's
 * {@link org.apache.arrow.vector.VectorSchemaRoot}; who closes them is in {@link
 * dev.rivulet.serde.ArrowTables}. Arrow needs the JVM flag {@code
 * --add-opens=java.base/java.nio=ALL-UNNAMED}.
 *
 * <p>With this module on the class path the codecs are found by name, so {@code
 * serializer = "compressed/json"} (zstd) and {@code serializer = "compressed:lz4/json"} work
 * without any configuration.
 */
package dev.rivulet.serde;
