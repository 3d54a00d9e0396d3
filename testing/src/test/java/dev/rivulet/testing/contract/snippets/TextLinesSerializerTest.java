package dev.rivulet.testing.contract.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.testing.contract.SerializerContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example in {@link SerializerContract}'s javadoc: a serializer of one's own, lists of lines,
 * checked by the suite.
 */
// @start region=contract
class TextLinesSerializerTest extends SerializerContract {

    @Override
    protected Serializer serializer() {
        return new TextLinesSerializer();
    }

    @Override
    protected Map<Object, Type> samples() {
        return Map.of(List.of("pickup,dropoff,fare", "SoHo,JFK,52.50"), List.class, List.of(), List.class);
    }

    @Override
    protected Object unserializable() {
        return 42; // not a list: refused
    }
}
// @end

/** Lists of one-line strings as UTF-8 text: the number of lines, then the lines. */
final class TextLinesSerializer implements Serializer {

    @Override
    public String name() {
        return "text-lines";
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        if (!(value instanceof List<?> lines) || !lines.stream().allMatch(l -> l instanceof String s && s.indexOf('\n') < 0)) {
            throw new SerializationException("text-lines writes lists of one-line strings, not " + value.getClass().getName());
        }
        Writer writer = new OutputStreamWriter(out, UTF_8);   // not closed: the stream is the store's
        writer.write(lines.size() + "\n");
        for (Object line : lines) {
            writer.write(line + "\n");
        }
        writer.flush();
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
        String header = reader.readLine();
        int count;
        try {
            count = Integer.parseInt(String.valueOf(header));
        } catch (NumberFormatException e) {
            throw new SerializationException("not a text-lines value: it starts with " + header, e);
        }
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String line = reader.readLine();
            if (line == null) {
                throw new SerializationException("text-lines value cut short: " + i + " of " + count + " lines");
            }
            lines.add(line);
        }
        return List.copyOf(lines);
    }
}
