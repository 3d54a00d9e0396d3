package dev.rivulet.result;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A custom serializer found through ServiceLoader: a list of strings as lines of text, after a header with their count. */
public final class LinesSerializer implements Serializer {

    private static final String HEADER = "lines/1 ";

    @Override
    public String name() {
        return "lines";
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        if (!(value instanceof List<?> list)) {
            throw new SerializationException("lines writes lists of strings, not " + (value == null ? "null" : value.getClass().getName()));
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(HEADER + list.size() + "\n");
        for (Object line : list) {
            writer.write(line + "\n");
        }
        writer.flush();
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()));
        String header = reader.readLine();
        if (header == null || !header.startsWith(HEADER)) {
            throw new SerializationException("not a lines value: it does not start with '" + HEADER + "'");
        }
        int count = Integer.parseInt(header.substring(HEADER.length()));
        List<String> lines = new ArrayList<>(count);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        if (lines.size() != count) {
            throw new SerializationException("a lines value of " + count + " lines has " + lines.size());
        }
        return lines;
    }
}
