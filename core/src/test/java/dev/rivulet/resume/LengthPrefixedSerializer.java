package dev.rivulet.resume;

import dev.rivulet.result.Serializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * A serializer as users write them: a {@code byte[]} as its length, then its bytes. Reading
 * allocates what the length says, so a damaged length asks for gigabytes.
 */
public final class LengthPrefixedSerializer implements Serializer {

    @Override
    public String name() {
        return "length-prefixed";
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        byte[] bytes = (byte[]) value;
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(bytes.length);
        data.write(bytes);
        data.flush();
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] bytes = new byte[data.readInt()];
        data.readFully(bytes);
        return bytes;
    }
}
