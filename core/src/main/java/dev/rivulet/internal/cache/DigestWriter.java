package dev.rivulet.internal.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Feeds numbers, strings and byte runs to a SHA-256 digest through a reusable buffer, so that
 * writing a value allocates nothing. Numbers are big-endian; a string is its UTF-8 length, then its
 * UTF-8 bytes. A writer starts from the empty digest, or {@linkplain #continueFrom continues} the
 * digest of bytes written earlier; as long as what it was given fits in its buffer, those bytes can
 * be {@linkplain #bufferEquals compared} without digesting them.
 */
final class DigestWriter {

    static final int DIGEST_LENGTH = 32;

    /** An empty SHA-256 digest that can be copied: cache keys continue copies of a task's prefix state. */
    private static final MessageDigest PROTOTYPE = copyableSha256();
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final HexFormat HEX = HexFormat.of();

    /** The digest the buffer goes to; made from {@link #start} when the buffer first fills up or is digested. */
    private MessageDigest digest;
    /** The digest state this writer's hashes continue; never updated. Null for the empty digest. */
    private MessageDigest start;
    private final byte[] buffer = new byte[512];
    private int position;
    /** Whether bytes of the current hash have gone from the buffer to the digest. */
    private boolean spilled;

    /**
     * Starts a new hash that continues {@code state}, the digest of what was written before (see
     * {@link #state()}), or the empty digest when it is null; whatever this writer held is dropped.
     */
    void continueFrom(MessageDigest state) {
        start = state;
        position = 0;
        spilled = false;
        if (state != null || digest == null) {
            digest = null;
        } else {
            digest.reset();
        }
    }

    /** Digests the buffer and gives a copy of the digest's state; the writer takes nothing more. */
    MessageDigest state() {
        flush();
        return copyOf(started());
    }

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
            started().update(bytes, offset, length);
            spilled = true;
        }
    }

    /** Writes the remaining bytes of {@code bytes} without moving its position. */
    void writeBytes(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            writeBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            flush();
            started().update(bytes.duplicate());
            spilled = true;
        }
    }

    /** The digest of everything written since the last call; the writer starts afresh. */
    byte[] digest() {
        flush();
        byte[] result = started().digest();
        if (start != null) {
            // A digest resets to the empty state, not to the one this writer continues.
            digest = null;
        }
        spilled = false;
        return result;
    }

    /** {@link #digest()} as 64 lower-case hex digits. */
    String hex() {
        return HEX.formatHex(digest());
    }

    /** Whether everything written since the hash started is still in the buffer: not digested yet. */
    boolean allBuffered() {
        return !spilled;
    }

    /** A hash code of the buffered bytes, for a table of {@link #bufferEquals} candidates; eight bytes a step. */
    int bufferHashCode() {
        long hash = position;
        int i = 0;
        for (; i + 8 <= position; i += 8) {
            hash = Long.rotateLeft(hash ^ (long) LONG.get(buffer, i), 29) * 0x9E3779B97F4A7C15L;
        }
        for (; i < position; i++) {
            hash = Long.rotateLeft(hash ^ buffer[i], 29) * 0x9E3779B97F4A7C15L;
        }
        return (int) (hash ^ hash >>> 32);
    }

    /** Whether the buffer holds exactly {@code bytes}. */
    boolean bufferEquals(byte[] bytes) {
        return Arrays.equals(buffer, 0, position, bytes, 0, bytes.length);
    }

    /** A copy of the buffered bytes. */
    byte[] bufferCopy() {
        return Arrays.copyOf(buffer, position);
    }

    int buffered() {
        return position;
    }

    private void reserve(int length) {
        if (buffer.length - position < length) {
            flush();
        }
    }

    private void flush() {
        if (position > 0) {
            started().update(buffer, 0, position);
            position = 0;
            spilled = true;
        }
    }

    private MessageDigest started() {
        if (digest == null) {
            digest = start == null ? copyOfPrototype() : copyOf(start);
        }
        return digest;
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
        return copyOf(PROTOTYPE);
    }

    private static MessageDigest copyOf(MessageDigest state) {
        try {
            return (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 of provider " + state.getProvider().getName() + " cannot be copied", e);
        }
    }

    /**
     * SHA-256 from the first provider whose digests can be copied: the JDK's own can, while a
     * hardware token's (PKCS#11) may not, and such a provider may be configured ahead of it.
     */
    private static MessageDigest copyableSha256() {
        Provider[] providers = Security.getProviders("MessageDigest.SHA-256");
        if (providers == null) {
            throw new IllegalStateException("no security provider offers SHA-256, which every Java platform has");
        }
        for (Provider provider : providers) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256", provider);
                digest.clone();
                return digest;
            } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
                // the next provider
            }
        }
        throw new IllegalStateException("no security provider's SHA-256 can be copied (providers: "
                + Arrays.stream(providers).map(Provider::getName).toList() + "); cache keys need one that can");
    }
}
