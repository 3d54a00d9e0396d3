/**
 * The {@code zstd} and {@code lz4} codecs of module {@code rivulet-codecs}, for compressed
 * results: with the jar on the class path, {@code serializer = "compressed/json"} (zstd) and
 * {@code serializer = "compressed:lz4/json"} work without any configuration, since both codecs are
 * registered through {@link java.util.ServiceLoader}. {@link dev.rivulet.codec.Codecs} makes them
 * for configuring one differently, such as zstd at another level.
 *
 * <p>The module depends on {@code rivulet-core}, zstd-jni and lz4-java only: compressing JSON
 * results brings no Arrow, Parquet or Hadoop. Both libraries load native code; on JDK 24 and
 * later, run with {@code --enable-native-access=ALL-UNNAMED} to keep the JVM from warning about it.
 */
package dev.rivulet.codec;
