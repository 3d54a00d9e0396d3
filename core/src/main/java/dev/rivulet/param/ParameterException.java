package dev.rivulet.param;

/**
 * Values given for a flow's parameters that cannot be bound: a text its type does not take, a
 * required parameter not given, a name the flow does not have. The message names each parameter,
 * the text and where it came from, and how to set it.
 */
public final class ParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure to bind, explained by {@code message}.
     *
     * @param message what was wrong, naming the parameters and the fix
     */
    public ParameterException(String message) {
        super(message);
    }

    /**
     * A failure to bind, explained by {@code message}, caused by {@code cause}.
     *
     * @param message what was wrong, naming the parameters and the fix
     * @param cause what failed
     */
    public ParameterException(String message, Throwable cause) {
        super(message, cause);
    }
}
