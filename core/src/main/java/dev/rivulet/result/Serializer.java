package dev.rivulet.result;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * Turns a task's result into bytes and back. Each serializer has a stable {@link #name()} by which
 * tasks choose it ({@code @Task(serializer = "json")}); built-ins are {@code json} and {@code
 * java}, and {@code compressed/<inner>} wraps any of them in a {@link Codec}.
 *
 * <p>Implementations stream: they write to and read from the given streams without holding the
 * encoded form in memory, and they neither close the streams nor read past the value. A custom
 * serializer with a public no-argument constructor is found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.rivulet.result.Serializer}), or registered on {@link
 * dev.rivulet.Rivulet.Builder#serializer(Serializer)}.
 */
public interface Serializer {

    /** {@return the stable name tasks use to choose this serializer; no {@code /} or {@code :} in it} */
    String name();

    /**
     * Writes {@code value}.
     *
     * @param value the value, which may be null if the serializer allows it
     * @param out where the bytes go; not to be closed
     * @param type the declared type of the value (the task method's generic return type)
     * @throws SerializationException if this serializer cannot write a value of this type; the
     *     message names the type and what to do
     * @throws IOException if writing to {@code out} fails
     */
    void write(Object value, Type type, OutputStream out) throws IOException;

    /**
     * Reads a value written by {@link #write}.
     *
     * @param in the bytes; not to be closed
     * @return the value read
     * @param type the declared type to read as
     * @throws SerializationException if the bytes are not a value of that type
     * @throws IOException if reading {@code in} fails
     */
    Object read(InputStream in, Type type) throws IOException;
}
