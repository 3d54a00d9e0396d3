/**
 * More codecs and serializers for results: the {@code zstd} and {@code lz4} codecs (see {@link
 * dev.rivulet.serde.Codecs}); Arrow IPC and Parquet serializers for tables are to come.
 *
 * <p>With this module on the class path the codecs are found by name, so {@code
 * serializer = "compressed/json"} (zstd) and {@code serializer = "compressed:lz4/json"} work
 * without any configuration.
 */
package dev.rivulet.serde;
