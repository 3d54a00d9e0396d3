package dev.rivulet.storage.s3.internal.transfer;

import java.io.IOException;

/**
 * A request went wrong in a way the SDK does not see: a body shorter than announced, a checksum
 * mismatch, a range beyond the object. Says whether another attempt may help.
 */
public final class TransferFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    private TransferFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure that another attempt may not have, such as a connection that ended early. */
    public static TransferFailure retryable(String message) {
        return new TransferFailure(message, true, null);
    }

    /** A failure that every attempt would have. */
    public static TransferFailure permanent(String message, Throwable cause) {
        return new TransferFailure(message, false, cause);
    }

    public boolean isRetryable() {
        return retryable;
    }
}
