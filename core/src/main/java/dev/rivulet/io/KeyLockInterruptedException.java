package dev.rivulet.io;

/**
 * A wait for the lock of a key ({@link LockFiles}, a result's key) that was interrupted, usually by the run's timeout: the
 * message names the key, who holds it, and the keys held here, which a cycle of waits would involve.
 */
public final class KeyLockInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 1L;

    /**
     * An interrupted wait for a lock.
     *
     * @param message the key, who holds it, and the keys held here
     * @param cause what ended the wait
     */
    public KeyLockInterruptedException(String message, Exception cause) {
        super(message);
        initCause(cause);
    }
}
