package dev.rivulet.result;

import dev.rivulet.RivuletException;

/** A value could not be written or read by a serializer. The message names the type and a fix. */
public class SerializationException extends RivuletException {
    private static final long serialVersionUID = 1L;

    /**
     * A value that could not be written or read.
     *
     * @param message what went wrong, naming the value and what to do
     */
    public SerializationException(String message) {
        super(message);
    }

    /**
     * A value that could not be written or read.
     *
     * @param message what went wrong, naming the value and what to do
     * @param cause the serializer's own error, such as Jackson's
     */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
