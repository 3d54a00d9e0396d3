package dev.rivulet.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.internal.result.CompressedSerializer;
import dev.rivulet.internal.result.GzipCodec;
import dev.rivulet.internal.result.JavaSerializer;
import dev.rivulet.internal.result.JsonSerializer;
import dev.rivulet.internal.result.SerializerRegistry;
import java.util.List;

/**
 * The built-in serializers and codecs, for registering variants on {@link
 * dev.rivulet.Rivulet.Builder#serializer(Serializer)}. Tasks pick serializers by name; these are
 * only needed to configure one differently.
 *
 * <table>
 *   <caption>Serializer names</caption>
 *   <tr><th>name</th><th>what</th></tr>
 *   <tr><td>{@code json}</td><td>Jackson, read back as the task's declared generic type</td></tr>
 *   <tr><td>{@code java}</td><td>JDK serialization behind an allow-list of classes</td></tr>
 *   <tr><td>{@code compressed/<inner>}</td><td>{@code <inner>} compressed with zstd (needs
 *       {@code rivulet-codecs})</td></tr>
 *   <tr><td>{@code compressed:<codec>/<inner>}</td><td>{@code <inner>} through the named codec:
 *       {@code gzip} built in, {@code zstd} and {@code lz4} from {@code rivulet-codecs}</td></tr>
 *   <tr><td>{@code arrow}, {@code parquet}</td><td>Arrow tables as Arrow IPC or Parquet (needs
 *       {@code rivulet-tables}; see {@code dev.rivulet.tables.TableSerializers})</td></tr>
 * </table>
 */
public final class Serializers {

    private Serializers() {}

    /** {@return the {@code json} serializer with its default mapper (java.time, Optional, ISO dates)} */
    public static Serializer json() {
        return new JsonSerializer();
    }

    /**
     * {@return a {@code json} serializer on your own mapper (copied; the copy does not close streams)}
     *
     * @param mapper the mapper, configured as your types need
     */
    public static Serializer json(ObjectMapper mapper) {
        return new JsonSerializer(mapper);
    }

    /**
     * A {@code java} serializer that also reads back classes matching {@code allowPatterns}, in
     * {@link java.io.ObjectInputFilter.Config#createFilter} syntax: {@code "com.acme.model.*"}
     * (one package), {@code "com.acme.**"} (a package and its subpackages), or a class name.
     *
     * @param allowPatterns the classes to read back beyond the built-in allow list (JDK value types and collections)
     * @return a serializer named {@code java}, which replaces the built-in one when registered
     */
    public static Serializer java(String... allowPatterns) {
        return new JavaSerializer(List.of(allowPatterns));
    }

    /**
     * {@code inner} through {@code codec}: the serializer named {@code compressed:<codec>/<inner>}.
     *
     * @param codec compresses what {@code inner} writes
     * @param inner the serializer of the values
     * @return the composed serializer
     */
    public static Serializer compressed(Codec codec, Serializer inner) {
        return new CompressedSerializer(codec, inner);
    }

    /**
     * The serializer a task gets for {@code serializer = name} when nothing is registered on the
     * builder: the built-ins, those found through {@link java.util.ServiceLoader}, and their
     * compositions with codecs ({@code compressed:gzip/json}). For using a serializer outside a
     * task, and for checking in a test that a module registers what it should.
     *
     * @param name a serializer name, as in the table above
     * @return the serializer called {@code name}
     * @throws dev.rivulet.InvalidDefinitionException if there is none; the message lists the known
     *     serializer and codec names
     */
    public static Serializer named(String name) {
        return new SerializerRegistry(List.of(), List.of()).named(name);
    }

    /** {@return the {@code gzip} codec} */
    public static Codec gzip() {
        return new GzipCodec();
    }
}
