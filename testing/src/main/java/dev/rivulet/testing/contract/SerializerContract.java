package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link Serializer} keeps: sample values come back equal, its name is stable
 * and has no separators, the stream it writes to stays open, garbage is an error and not a value,
 * and a value it cannot write fails with a {@link SerializationException}. The
 * built-in serializers and those of {@code rivulet-codecs} and {@code rivulet-tables} pass it. To
 * test a serializer of your own, add {@code dev.rivulet:rivulet-testing} with test scope, extend this
 * class and name the values it must round-trip, with the types a task would declare:
 *
 * {@snippet file="dev/rivulet/testing/contract/snippets/TextLinesSerializerTest.java" region="contract"}
 *
 * <p>{@link Trip}, a record of several kinds of values, and {@link Opaque}, which neither
 * {@code json} nor {@code java} can write, are there for samples.
 */
public abstract class SerializerContract {

    /** For subclasses; JUnit makes one instance per test method. */
    protected SerializerContract() {}

    /**
     * The serializer under test.
     *
     * @return the serializer every test writes and reads with; may be the same instance each time
     */
    protected abstract Serializer serializer();

    /**
     * Values with their declared types that must come back equal.
     *
     * @return each sample value mapped to the type it is written and read as, such as a {@code
     *     List<Trip>} as a parameterized type
     */
    protected abstract Map<Object, Type> samples();

    /**
     * A value this serializer must refuse with a clear {@link SerializationException}.
     *
     * @return the value, whose class name the exception's message must contain; null (the default)
     *     skips that test
     */
    protected Object unserializable() {
        return null;
    }

    /**
     * Writes {@code value} with the serializer under test.
     *
     * @param value the value to write
     * @param type its declared type
     * @return the bytes the serializer wrote
     * @throws IOException if the serializer fails to write
     */
    protected byte[] write(Object value, Type type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer().write(value, type, out);
        return out.toByteArray();
    }

    /**
     * Reads a value with the serializer under test.
     *
     * @param bytes what {@link #write(Object, Type)} wrote
     * @param type the declared type to read as
     * @return the value read
     * @throws IOException if the serializer fails to read
     */
    protected Object read(byte[] bytes, Type type) throws IOException {
        return serializer().read(new ByteArrayInputStream(bytes), type);
    }

    /**
     * Asserts that a value read back equals the sample written. Override for values whose {@code
     * equals} is identity, such as Arrow tables, to compare their contents.
     *
     * @param expected the sample written
     * @param actual the value read back
     * @param message what the failure says, naming the sample's type
     */
    protected void assertSameValue(Object expected, Object actual, String message) {
        assertEquals(expected, actual, message);
    }

    /**
     * Releases a value this suite read back; override for values that hold memory off the heap or
     * other resources. The default does nothing.
     *
     * @param value a value read back by a test, after the test compared it
     */
    protected void release(Object value) {}

    @Test
    void everySampleComesBackEqual() throws Exception {
        for (Map.Entry<Object, Type> sample : samples().entrySet()) {
            Object back = read(write(sample.getKey(), sample.getValue()), sample.getValue());
            try {
                assertSameValue(sample.getKey(), back, "round trip of " + sample.getValue().getTypeName());
            } finally {
                release(back);
            }
        }
    }

    @Test
    void itHasAStableNameWithoutSeparators() {
        String name = serializer().name();
        assertFalse(name.isBlank());
        assertEquals(name, serializer().name());
        if (!name.startsWith("compressed")) {
            assertFalse(name.contains("/") || name.contains(":"), name);
        }
    }

    @Test
    void itDoesNotCloseTheStreamItWritesTo() throws Exception {
        boolean[] closed = {false};
        OutputStream out = new FilterOutputStream(new ByteArrayOutputStream()) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Map.Entry<Object, Type> first = samples().entrySet().iterator().next();
        serializer().write(first.getKey(), first.getValue(), out);
        assertFalse(closed[0], "the serializer closed the store's stream");
    }

    @Test
    void valuesFollowingEachOtherAreEachReadBack() throws Exception {
        // A store gives each value its own stream; still, a serializer must not depend on seeing the end of it.
        Map.Entry<Object, Type> first = samples().entrySet().iterator().next();
        byte[] once = write(first.getKey(), first.getValue());
        Object back = read(once, first.getValue());
        try {
            assertSameValue(first.getKey(), back, "round trip of " + first.getValue().getTypeName());
        } finally {
            release(back);
        }
    }

    @Test
    void garbageIsAnErrorNotAValue() {
        Map.Entry<Object, Type> first = samples().entrySet().iterator().next();
        byte[] garbage = "\u0000\u0001 this is not a serialized value \uffff".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Exception e = assertThrows(Exception.class, () -> read(garbage, first.getValue()));
        assertTrue(e instanceof IOException || e instanceof SerializationException, "garbage gave " + e);
    }

    @Test
    void anUnserializableValueIsAClearError() {
        Object bad = unserializable();
        if (bad == null) {
            return;
        }
        SerializationException e = assertThrows(SerializationException.class, () -> write(bad, bad.getClass()));
        assertTrue(e.getMessage().contains(bad.getClass().getName()), e.getMessage());
    }

    private static void assertTrue(boolean condition, String message) {
        org.junit.jupiter.api.Assertions.assertTrue(condition, message);
    }

    /**
     * A record of several kinds of values, for samples.
     *
     * @param id a number
     * @param zone text
     * @param fare a floating-point number
     * @param pickup a date and time, which {@code json} writes as text
     * @param tags a list
     */
    public record Trip(long id, String zone, double fare, java.time.LocalDateTime pickup, List<String> tags) implements java.io.Serializable {}

    /** A class with no properties and not Serializable: neither json nor java can write it. */
    public static final class Opaque {
        /** A value that holds the thread that made it. */
        public Opaque() {}

        @SuppressWarnings("unused")
        private final Thread thread = Thread.currentThread();
    }
}
