package dev.rivulet;

/** The base of the exceptions Rivulet throws for runs that go wrong. */
public class RivuletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of a run.
     *
     * @param message what went wrong, naming the value and what to do
     */
    public RivuletException(String message) {
        super(message);
    }

    /**
     * A failure of a run.
     *
     * @param message what went wrong, naming the value and what to do
     * @param cause the error that caused it
     */
    public RivuletException(String message, Throwable cause) {
        super(message, cause);
    }
}
