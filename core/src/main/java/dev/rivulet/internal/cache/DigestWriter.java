package dev.rivulet.internal.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Feeds numbers, strings and byte runs to a SHA-256 digest through a reusable buffer, so that
 * writing a value allocates nothing. Numbers are big-endian; a string is its UTF-8 length, then its
 * UTF-8 bytes.
 */
final class DigestWriter {

    static final int DIGEST_LENGTH = 32;

    private static final MessageDigest PROTOTYPE = sha256();
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest = copyOfPrototype();
    private final byte[] buffer = new byte[512];
    private int position;

    void writeByte(int value) {
        reserve(1);
        buffer[position++] = (byte) value;
    }

    void writeChar(char value) {
        reserve(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    void writeInt(int value) {
        reserve(4);
        INT.set(buffer, position, value);
        position += 4;
    }

    void writeLong(long value) {
        reserve(8);
        LONG.set(buffer, position, value);
        position += 8;
    }

    /**
     * Writes the UTF-8 length of {@code text}, then its UTF-8 bytes. A lone surrogate, which {@link
     * String#getBytes} would turn into {@code '?'}, is written as its own three bytes so that it
     * cannot be mistaken for another character.
     */
    void writeString(String text) {
        int length = text.length();
        writeInt(utf8Length(text));
        for (int i = 0; i < length; i++) {
            reserve(4);
            char c = text.charAt(i);
            if (c < 0x80) {
                buffer[position++] = (byte) c;
            } else if (c < 0x800) {
                buffer[position++] = (byte) (0xC0 | c >>> 6);
                buffer[position++] = (byte) (0x80 | c & 0x3F);
            } else if (startsSurrogatePair(text, i)) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                buffer[position++] = (byte) (0xF0 | codePoint >>> 18);
                buffer[position++] = (byte) (0x80 | codePoint >>> 12 & 0x3F);
                buffer[position++] = (byte) (0x80 | codePoint >>> 6 & 0x3F);
                buffer[position++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                buffer[position++] = (byte) (0xE0 | c >>> 12);
                buffer[position++] = (byte) (0x80 | c >>> 6 & 0x3F);
                buffer[position++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    void writeBytes(byte[] bytes, int offset, int length) {
        if (length <= buffer.length - position) {
            System.arraycopy(bytes, offset, buffer, position, length);
            position += length;
        } else {
            flush();
            digest.update(bytes, offset, length);
        }
    }

    /** Writes the remaining bytes of {@code bytes} without moving its position. */
    void writeBytes(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            writeBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            flush();
            digest.update(bytes.duplicate());
        }
    }

    /** The digest of everything written since the last call; the writer starts afresh. */
    byte[] digest() {
        flush();
        return digest.digest();
    }

    /** {@link #digest()} as 64 lower-case hex digits. */
    String hex() {
        return HEX.formatHex(digest());
    }

    private void reserve(int length) {
        if (buffer.length - position < length) {
            flush();
        }
    }

    private void flush() {
        digest.update(buffer, 0, position);
        position = 0;
    }

    private static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x800) {
                bytes += 2;
                if (startsSurrogatePair(text, i)) {
                    i++;
                }
            } else if (c >= 0x80) {
                bytes++;
            }
        }
        return bytes;
    }

    private static boolean startsSurrogatePair(String text, int index) {
        return Character.isHighSurrogate(text.charAt(index))
                && index + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(index + 1));
    }

    private static MessageDigest copyOfPrototype() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
