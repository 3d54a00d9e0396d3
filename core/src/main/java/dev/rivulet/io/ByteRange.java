package dev.rivulet.io;

/**
 * A run of bytes of a {@link RangedSource}: {@code length} bytes from {@code offset}, so bytes
 * {@code [offset, offset + length)}. A range of length 0 is allowed and reads nothing.
 *
 * @param offset where the range starts, counted from the first byte (0); not negative
 * @param length how many bytes it holds; not negative
 */
public record ByteRange(long offset, int length) {

    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("a range's offset must not be negative, was " + offset);
        }
        if (length < 0) {
            throw new IllegalArgumentException("a range's length must not be negative, was " + length + " (at offset " + offset + ")");
        }
    }

    /** {@return the offset just past the range's last byte: {@code offset + length}} */
    public long end() {
        return offset + length;
    }

    /** {@return the range as {@code bytes first-last} (HTTP's notation), or {@code bytes offset-(empty)} for length 0} */
    @Override
    public String toString() {
        return length == 0 ? "bytes " + offset + "-(empty)" : "bytes " + offset + "-" + (end() - 1);
    }
}
