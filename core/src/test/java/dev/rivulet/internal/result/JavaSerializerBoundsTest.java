package dev.rivulet.internal.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.result.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The java serializer refuses lengths the bytes left cannot hold, and only those. */
class JavaSerializerBoundsTest {

    private final JavaSerializer serializer = new JavaSerializer(List.of());

    private byte[] write(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.write(value, value.getClass(), out);
        return out.toByteArray();
    }

    private Object read(byte[] bytes, Type type) throws IOException {
        return serializer.read(new RemainingInput(new ByteArrayInputStream(bytes), bytes.length), type);
    }

    @Test
    void valuesWhoseLengthsTheirBytesHoldAreReadWhole() throws IOException {
        Map<Integer, Object> sparse = new HashMap<>(16, 0.25f);  // a table four times its entries
        for (int i = 0; i < 200_000; i++) {
            sparse.put(i, null);
        }
        List<Object> values = List.of(new long[300_000], new double[10], new char[70_000], new boolean[5], new Object[100_000],
                new ArrayList<>(List.of("a", "b")), sparse);
        for (Object value : values) {
            Object read = read(write(value), value.getClass());
            assertThat(read).usingRecursiveComparison().isEqualTo(value);
        }
    }

    @Test
    void anArrayLongerThanTheBytesLeftIsRefusedAsDamage() throws IOException {
        byte[] bytes = write(new long[1000]);
        bytes[23] = 0x01;  // the length's high byte: 16,778,216 longs, 134 MB, in 8 KB of bytes
        assertThatThrownBy(() -> read(bytes, long[].class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("16778216 elements")
                .hasMessageContaining("the bytes are damaged");
    }
}
