package dev.rivulet.runner;

/**
 * Carries out, in the JVM that received it, a task call that a {@link TaskCallSender} sent: finds
 * the task's interface and method, reads the arguments with the serializer the call names (or from
 * the result store a big argument was left in), calls the body and writes its value or failure for
 * the sender. Made by {@link dev.rivulet.Rivulet#taskCallReceiver}, whose serializers and result
 * stores it uses; thread-safe.
 */
@FunctionalInterface
public interface TaskCallReceiver {

    /**
     * Carries out one call in the calling thread, under the call's timeout.
     *
     * @param encodedCall {@link RemoteTaskCall#encoded()} as the sender sent it
     * @return the outcome, for the sender to return; never throws for a failure of the call, which
     *     is written into the outcome instead
     */
    byte[] receive(byte[] encodedCall);
}
