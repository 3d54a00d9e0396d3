package dev.rivulet.internal.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * JSON through Jackson, read back as the declared generic type ({@code List<Trip>}, records,
 * {@code java.time} values, {@code Optional}).
 */
public final class JsonSerializer implements Serializer, DecodesWithinInput {

    private final ObjectMapper mapper;

    public JsonSerializer() {
        this(defaultMapper());
    }

    public JsonSerializer(ObjectMapper mapper) {
        this.mapper = mapper.copy()
                .registerModule(SecretRefusal.jacksonModule())
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    }

    /** The mapper the {@code json} serializer uses: java.time and Optional support, ISO dates. */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        JavaType javaType = mapper.constructType(type);
        try {
            mapper.writerFor(javaType).writeValue(out, value);
        } catch (SecretRefusal.Refused e) {
            throw SecretRefusal.refused("json", value, "secret " + e.secretName(), e);
        } catch (JsonProcessingException e) {
            throw new SerializationException("json cannot write a " + describe(value, type) + ": " + e.getOriginalMessage()
                    + "; give the type properties Jackson can see (a record, or getters), or choose the \"java\" serializer", e);
        }
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        JavaType javaType = mapper.constructType(type);
        try {
            return mapper.readerFor(javaType).readValue(in);
        } catch (JsonProcessingException e) {
            throw new SerializationException("json cannot read a " + javaType.toCanonical() + ": " + e.getOriginalMessage()
                    + "; was the result written by another serializer, or has the type changed since?", e);
        }
    }

    private static String describe(Object value, Type type) {
        return value == null ? type.getTypeName() : value.getClass().getName() + " (declared " + type.getTypeName() + ")";
    }
}
