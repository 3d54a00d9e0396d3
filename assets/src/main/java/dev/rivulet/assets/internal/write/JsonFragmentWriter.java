package dev.rivulet.assets.internal.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rivulet.assets.AssetException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes batches of records or JSON text as JSON lines, one object per line, into a fragment
 * file, feeding each record to the artifact's {@link JsonSchema}.
 */
final class JsonFragmentWriter {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final String assetName;
    private final JsonSchema schema;

    JsonFragmentWriter(String assetName, JsonSchema schema) {
        this.assetName = assetName;
        this.schema = schema;
    }

    /** Writes the records of batch {@code batch} to {@code file}; returns how many there were. */
    long writeRecords(Iterable<?> records, int batch, Path file) throws IOException {
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setRootValueSeparator(null);
            for (Object record : records) {
                ObjectNode node = asObject(JSON.valueToTree(record), record, batch, rows);
                write(node, batch, generator);
                rows++;
            }
        } catch (IllegalArgumentException e) {
            throw new AssetException("asset '" + assetName + "': a record of batch " + batch + " cannot be written as JSON: "
                    + e.getMessage() + "; records are Java records, maps or beans of JSON-friendly values", e);
        }
        return rows;
    }

    /**
     * Writes batch {@code batch}, JSON text (an array of objects, one object, or objects one after
     * another as in JSON lines), to {@code file}; returns how many records it held.
     */
    long writeText(String text, int batch, Path file) throws IOException {
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator generator = FACTORY.createGenerator(out);
             JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token = parser.nextToken();
            boolean array = token == JsonToken.START_ARRAY;
            if (array) {
                token = parser.nextToken();
            }
            while (token != null && token != JsonToken.END_ARRAY) {
                JsonNode node = JSON.readTree(parser);
                write(asObject(node, null, batch, rows), batch, generator);
                rows++;
                token = parser.nextToken();
            }
            if (array && parser.nextToken() != null) {
                throw new AssetException("asset '" + assetName + "': batch " + batch + " has more JSON after its array ("
                        + parser.currentLocation() + "); a batch of JSON text is one array, one object, or objects one after another");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssetException("asset '" + assetName + "': batch " + batch + " is not valid JSON: " + e.getOriginalMessage()
                    + " (" + e.getLocation() + ")", e);
        }
        return rows;
    }

    private void write(ObjectNode node, int batch, JsonGenerator generator) throws IOException {
        schema.observe(node, batch);
        JSON.writeTree(generator, node);
        generator.writeRaw('\n');
    }

    private ObjectNode asObject(JsonNode node, Object record, int batch, long index) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        String what = record != null ? record.getClass().getName() : node.getNodeType().name().toLowerCase();
        throw new AssetException("asset '" + assetName + "': item " + index + " of batch " + batch + " is a " + what
                + ", not a record; an artifact's rows are JSON objects: Java records, maps or beans");
    }
}
