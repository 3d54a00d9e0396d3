package dev.rivulet;

/** The base of the exceptions Rivulet throws for runs that go wrong. */
public class RivuletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RivuletException(String message) {
        super(message);
    }

    public RivuletException(String message, Throwable cause) {
        super(message, cause);
    }
}
