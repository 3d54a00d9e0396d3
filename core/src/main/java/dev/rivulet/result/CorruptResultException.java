package dev.rivulet.result;

import java.io.IOException;

/**
 * A stored result failed its checks: truncated, its checksum wrong, or not a result at all. The
 * runtime logs it and treats the entry as missing, so the task runs again.
 */
public class CorruptResultException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A stored result that failed its checks.
     *
     * @param message what went wrong, naming the value and what to do
     */
    public CorruptResultException(String message) {
        super(message);
    }

    /**
     * A stored result that failed its checks.
     *
     * @param message what went wrong, naming the value and what to do
     * @param cause the error found while reading it
     */
    public CorruptResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
