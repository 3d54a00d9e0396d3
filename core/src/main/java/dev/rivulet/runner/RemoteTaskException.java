package dev.rivulet.runner;

import dev.rivulet.RivuletException;
import java.util.Optional;

/**
 * A task call sent out of this JVM could not be carried out where it went (its interface, an
 * implementation, a serializer or a stored argument was missing there), or it failed with an
 * exception that could not be sent back as it was, which this one then stands for: same message and
 * stack trace, and the class name of the original.
 */
public class RemoteTaskException extends RivuletException {
    private static final long serialVersionUID = 1L;

    /** The class name of the failure this stands for; null for a call that could not be carried out. */
    private final String remoteType;

    /**
     * A call that could not be carried out.
     *
     * @param message what was missing where the call went, and what to do
     */
    public RemoteTaskException(String message) {
        super(message);
        this.remoteType = null;
    }

    /**
     * Stands for a failure that could not be sent back as it was.
     *
     * @param remoteType the class name of the original failure
     * @param message the original's message, with its class name
     */
    public RemoteTaskException(String remoteType, String message) {
        super(message);
        this.remoteType = remoteType;
    }

    /** {@return the class name of the failure this stands for; empty if the call could not be carried out at all} */
    public Optional<String> remoteType() {
        return Optional.ofNullable(remoteType);
    }
}
