/**
 * The {@code zstd} and {@code lz4} codecs for compressed results; see {@link dev.rivulet.codec}.
 *
 * <p>Both codecs are provided to {@link java.util.ServiceLoader} as {@link dev.rivulet.result.Codec}s,
 * so {@code serializer = "compressed/json"} needs no configuration. zstd-jni and lz4-java load native
 * code: on JDK 24 and later a modular application allows it with
 * {@code --enable-native-access=com.github.luben.zstd_jni,org.lz4.java}.
 */
module dev.rivulet.codec {
    exports dev.rivulet.codec;

    requires transitive dev.rivulet.core;
    requires com.github.luben.zstd_jni;
    requires org.lz4.java;

    provides dev.rivulet.result.Codec with dev.rivulet.codec.internal.ZstdCodec, dev.rivulet.codec.internal.Lz4Codec;
}
