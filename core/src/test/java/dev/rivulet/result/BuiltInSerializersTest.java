package dev.rivulet.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.internal.result.SerializerRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-ins by name; rivulet-testing runs them against the serializer contract. */
class BuiltInSerializersTest {

    @Test
    void anUnknownNameListsTheKnownOnes() {
        SerializerRegistry registry = new SerializerRegistry(List.of(), List.of());
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> registry.named("yaml"));
        assertTrue(e.getMessage().contains("'yaml'") && e.getMessage().contains("json") && e.getMessage().contains("java"), e.getMessage());
        InvalidDefinitionException codec = assertThrows(InvalidDefinitionException.class, () -> registry.named("compressed:brotli/json"));
        assertTrue(codec.getMessage().contains("brotli") && codec.getMessage().contains("gzip"), codec.getMessage());
        assertEquals("compressed:gzip/java", registry.named("compressed:gzip/java").name());
    }
}
