package dev.rivulet.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.result.Serializer;
import dev.rivulet.result.Serializers;
import dev.rivulet.testing.contract.SerializerContract.Trip;
import dev.rivulet.testing.contract.SerializerContract;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The codecs of this module found by name, as tasks name them, and held to the serializer contract. */
class CompressedSerializersTest {


    static List<Trip> trips() {
        return List.of(new Trip(1, "JFK", 52.5, LocalDateTime.of(2023, 9, 1, 8, 30), List.of("airport")),
                new Trip(2, "SoHo", 9.75, LocalDateTime.of(2023, 9, 1, 9, 5), List.of()));
    }

    /** {@code List<Trip>}, as a task's declared result type gives it. */
    static Type tripsType() {
        try {
            return CompressedSerializersTest.class.getDeclaredMethod("trips").getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    static Map<Object, Type> samples() {
        Map<Object, Type> samples = new LinkedHashMap<>();
        samples.put(trips(), tripsType());
        samples.put("", String.class);
        samples.put("a string with ünïcode", String.class);
        // larger than a block of either codec: several blocks, and a frame spanning them
        samples.put("yellow taxi trip ".repeat(100_000), String.class);
        samples.put(42L, Long.class);
        samples.put(LocalDate.of(2023, 9, 1), LocalDate.class);
        return samples;
    }

    /** A codec's serializer, by name, with the checks that only compressed serializers need. */
    abstract static class Compressed extends SerializerContract {

        abstract String name();

        @Override
        protected Serializer serializer() {
            return Serializers.named(name());
        }

        @Override
        protected Map<Object, Type> samples() {
            return CompressedSerializersTest.samples();
        }

        @Override
        protected Object unserializable() {
            return new Opaque();
        }

        @Test
        void compressesRepetitiveData() throws Exception {
            String repetitive = "taxi ".repeat(100_000);
            assertTrue(write(repetitive, String.class).length < 10_000);
        }
    }

    @Nested
    class ZstdJson extends Compressed {
        @Override
        String name() {
            return "compressed/json";
        }

        @Test
        void zstdIsTheDefaultCodec() {
            assertEquals("compressed:zstd/json", serializer().name());
        }
    }

    @Nested
    class Lz4Json extends Compressed {
        @Override
        String name() {
            return "compressed:lz4/json";
        }
    }

    @Nested
    class ZstdJava extends Compressed {
        @Override
        String name() {
            return "compressed:zstd/java";
        }
    }

    @Test
    void theCodecsAreFoundOnTheClassPath() {
        assertEquals("compressed:zstd/json", Serializers.named("compressed/json").name());
        assertEquals("compressed:lz4/json", Serializers.named("compressed:lz4/json").name());
    }

    @Test
    void anUnknownCodecListsTheKnownOnes() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> Serializers.named("compressed:brotli/json"));
        String message = e.getMessage();
        assertTrue(message.contains("'brotli'") && message.contains("gzip") && message.contains("lz4") && message.contains("zstd"), message);
    }
}
