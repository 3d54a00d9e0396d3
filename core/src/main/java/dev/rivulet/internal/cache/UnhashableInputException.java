package dev.rivulet.internal.cache;

import java.io.Serial;

/**
 * A cache key could not be made because a value cannot be hashed stably: its class is none that
 * {@link StableHash} takes, it contains itself, or it nests too deeply. The message names the value
 * by its path (for example {@code argument 'trips' [3].pickup}) and says what to do.
 */
public final class UnhashableInputException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    UnhashableInputException(String message) {
        super(message);
    }
}
