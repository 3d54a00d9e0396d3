package dev.rivulet;

/**
 * A task run's cache key or result storage key cannot be made: an argument that cannot be hashed
 * stably, a key function that threw, or a storage key that would leave its store's root. The
 * message names the run, the argument or template, and what to do. Runs failing with it are not
 * retried: the same inputs would fail the same way.
 */
public class ResultKeyException extends RivuletException {
    private static final long serialVersionUID = 1L;

    public ResultKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
