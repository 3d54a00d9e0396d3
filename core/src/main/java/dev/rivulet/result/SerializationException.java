package dev.rivulet.result;

import dev.rivulet.RivuletException;

/** A value could not be written or read by a serializer. The message names the type and a fix. */
public class SerializationException extends RivuletException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
