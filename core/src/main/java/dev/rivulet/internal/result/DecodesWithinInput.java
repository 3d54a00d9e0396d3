package dev.rivulet.internal.result;

/**
 * A serializer whose {@code read} never allocates more than the bytes left in its input could
 * hold, whatever those bytes say, so that damaged bytes end in an exception rather than an {@code
 * OutOfMemoryError}. Entries such a serializer wrote are decoded straight from the store and
 * checked as they stream through; entries of other serializers are checked before they are
 * decoded, which costs a second pass over the bytes. Given a {@link RemainingInput}, a serializer
 * knows how many bytes are left.
 */
public interface DecodesWithinInput {}
