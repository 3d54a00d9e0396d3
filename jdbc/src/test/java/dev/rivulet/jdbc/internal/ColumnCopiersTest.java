package dev.rivulet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ColumnCopiersTest {

    @Test
    void findsANonAsciiByteAtAnyPositionOfAnyLength() {
        for (int length = 0; length <= 20; length++) {
            byte[] ascii = new byte[length];
            Arrays.fill(ascii, (byte) 0x7f);
            assertThat(ColumnCopiers.TextFromUtf8Bytes.isAscii(ascii)).as("length %d", length).isTrue();
            for (int at = 0; at < length; at++) {
                byte[] text = ascii.clone();
                text[at] = (byte) 0x80;
                assertThat(ColumnCopiers.TextFromUtf8Bytes.isAscii(text)).as("length %d, 0x80 at %d", length, at).isFalse();
                text[at] = (byte) 0xff;
                assertThat(ColumnCopiers.TextFromUtf8Bytes.isAscii(text)).as("length %d, 0xff at %d", length, at).isFalse();
            }
        }
    }
}
