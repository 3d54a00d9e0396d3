package dev.rivulet.history;

import dev.rivulet.RivuletException;

/**
 * A run record that cannot be read: it is not valid JSON, lacks what every record has, or was
 * written by a newer version of Rivulet in a format this one does not know. The message names the
 * record and the store, and says what is wrong.
 */
public class RunRecordException extends RivuletException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that names the record and the problem.
     *
     * @param message what cannot be read, where, and why
     * @param cause what the reader threw, or null
     */
    public RunRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
