package dev.rivulet;

/**
 * A task, flow or stub is defined in a way Rivulet cannot run: a negative retry count, a malformed
 * duration, {@code @Task} on a static method, a stub of a class. Thrown when the stub is made (or
 * the options are built), naming the method, the attribute and the value.
 */
public class InvalidDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A definition Rivulet cannot run.
     *
     * @param message what went wrong, naming the value and what to do
     */
    public InvalidDefinitionException(String message) {
        super(message);
    }

    /**
     * A definition Rivulet cannot run.
     *
     * @param message what went wrong, naming the value and what to do
     * @param cause the error found while reading the definition, such as a malformed duration
     */
    public InvalidDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
