package dev.rivulet.runner;

/**
 * Sends the body of a task run's attempt out of this JVM and waits for its outcome: the part of a
 * {@link TaskRunner} that makes it remote. Everything else about the run (its place in the graph,
 * cache lookups and writes, retries, the timeout, states and records) stays with the runtime in
 * this JVM; only the call of the task's method travels.
 *
 * <p>The other side hands the call's bytes to a {@link TaskCallReceiver} made by a {@link
 * dev.rivulet.Rivulet} there, and sends back the bytes it returns.
 */
@FunctionalInterface
public interface TaskCallSender {

    /**
     * Carries out {@code call} elsewhere and returns what the receiver there gave back. Blocks until
     * then; the runtime calls it in the thread of the attempt, which it interrupts when the attempt
     * times out or is cancelled.
     *
     * @param call the call, described and encoded
     * @return the bytes {@link TaskCallReceiver#receive} returned for {@link RemoteTaskCall#encoded()}
     * @throws InterruptedException if the waiting thread is interrupted: the attempt timed out or was
     *     cancelled
     * @throws Exception if the call could not be carried out (the other side is unreachable, for
     *     example): the attempt fails with it, and is retried as the task's options say
     */
    byte[] send(RemoteTaskCall call) throws Exception;
}
