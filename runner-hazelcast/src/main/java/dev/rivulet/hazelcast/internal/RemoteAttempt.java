package dev.rivulet.hazelcast.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * One attempt's task call as it travels to a member, where the member's receiver carries it out;
 * the outcome it returns is what the durable executor commits for the attempt.
 */
public final class RemoteAttempt implements Callable<byte[]>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] call;

    public RemoteAttempt(byte[] call) {
        this.call = call;
    }

    @Override
    public byte[] call() {
        return MemberContext.current().receive(call);
    }
}
