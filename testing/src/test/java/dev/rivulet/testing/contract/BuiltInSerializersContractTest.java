package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.result.Serializers;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The built-in serializers ({@code json}, {@code java}, {@code compressed:gzip/json}) against the contract. */
class BuiltInSerializersContractTest {

    static final Type TRIPS = new java.lang.reflect.ParameterizedType() {
        public Type[] getActualTypeArguments() {
            return new Type[] {SerializerContract.Trip.class};
        }

        public Type getRawType() {
            return List.class;
        }

        public Type getOwnerType() {
            return null;
        }

        public String getTypeName() {
            return "java.util.List<" + SerializerContract.Trip.class.getName() + ">";
        }
    };

    static Map<Object, Type> samples() {
        Map<Object, Type> samples = new LinkedHashMap<>();
        samples.put(List.of(new SerializerContract.Trip(1, "JFK", 52.5, LocalDateTime.of(2023, 9, 1, 8, 30), List.of("airport")),
                new SerializerContract.Trip(2, "SoHo", 9.75, LocalDateTime.of(2023, 9, 1, 9, 5), List.of())), TRIPS);
        samples.put("a string with ünïcode", String.class);
        samples.put(42L, Long.class);
        samples.put(LocalDate.of(2023, 9, 1), LocalDate.class);
        samples.put(Instant.parse("2023-09-01T12:00:00.123456Z"), Instant.class);
        samples.put(new java.util.TreeMap<>(Map.of("b", 2, "a", 1)), java.util.TreeMap.class);
        return samples;
    }

    @Nested
    class Json extends SerializerContract {
        @Override
        protected Serializer serializer() {
            return Serializers.json();
        }

        @Override
        protected Map<Object, Type> samples() {
            Map<Object, Type> samples = BuiltInSerializersContractTest.samples();
            samples.put(Optional.of("present"), new java.lang.reflect.ParameterizedType() {
                public Type[] getActualTypeArguments() {
                    return new Type[] {String.class};
                }

                public Type getRawType() {
                    return Optional.class;
                }

                public Type getOwnerType() {
                    return null;
                }
            });
            return samples;
        }

        @Override
        protected Object unserializable() {
            return new Opaque();
        }
    }

    @Nested
    class Java extends SerializerContract {
        @Override
        protected Serializer serializer() {
            return Serializers.java();
        }

        @Override
        protected Map<Object, Type> samples() {
            return BuiltInSerializersContractTest.samples();
        }

        @Override
        protected Object unserializable() {
            return new Opaque();
        }

        @Test
        void aClassOffTheAllowListIsRefused() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new Hostile());
            }
            SerializationException e = assertThrows(SerializationException.class,
                    () -> serializer().read(new java.io.ByteArrayInputStream(bytes.toByteArray()), String.class));
            assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("Serializers.java"), e.getMessage());
            assertEquals(0, Hostile.readObjectCalls, "the hostile class's readObject must never run");
        }
    }

    /** Stands for a gadget class: its readObject must not run when read back as something else. */
    public static final class Hostile implements java.io.Serializable {
        static int readObjectCalls;

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            readObjectCalls++;
            in.defaultReadObject();
        }
    }

    @Nested
    class GzipJson extends SerializerContract {
        @Override
        protected Serializer serializer() {
            return Serializers.compressed(Serializers.gzip(), Serializers.json());
        }

        @Override
        protected Map<Object, Type> samples() {
            return BuiltInSerializersContractTest.samples();
        }

        @Test
        void compressesRepetitiveData() throws Exception {
            String repetitive = "taxi ".repeat(100_000);
            assertTrue(write(repetitive, String.class).length < 10_000);
        }
    }
}
