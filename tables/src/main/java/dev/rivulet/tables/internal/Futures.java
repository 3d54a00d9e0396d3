package dev.rivulet.tables.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to a pool, with its failure coming back as it was thrown. */
final class Futures {

    private Futures() {}

    /**
     * The value of {@code future}. Its failure is rethrown as it was when it is an {@link IOException}
     * or unchecked, and otherwise wrapped in one; an interrupt is an {@link InterruptedIOException}.
     *
     * @param what what the work does, for the messages ("compressing an Arrow batch")
     */
    static <T> T await(Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        } catch (ExecutionException e) {
            throw asIOException(e.getCause(), what);
        }
    }

    /** {@code failure} to throw: an {@link IOException} as it is, unchecked ones thrown here, anything else wrapped. */
    static IOException asIOException(Throwable failure, String what) {
        switch (failure) {
            case IOException io -> {
                return io;
            }
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> {
                return new IOException(what + " failed: " + failure, failure);
            }
        }
    }
}
