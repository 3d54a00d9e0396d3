package dev.rivulet;

/**
 * A task run's cache key or result storage key cannot be made: an argument that cannot be hashed
 * stably, a key function that threw, or a storage key that would leave its store's root. The
 * message names the run, the argument or template, and what to do. Runs failing with it are not
 * retried: the same inputs would fail the same way.
 */
public class ResultKeyException extends RivuletException {
    private static final long serialVersionUID = 1L;

    /**
     * A key that cannot be made.
     *
     * @param message what went wrong, naming the value and what to do
     * @param cause the error hashing an argument or running the key function
     */
    public ResultKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
