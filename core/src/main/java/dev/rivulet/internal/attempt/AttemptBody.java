package dev.rivulet.internal.attempt;

/**
 * What one attempt of a run runs: given its {@link AttemptContext}, it gives back a value or a
 * failure. It shares no state with the loop that calls it, and the loop does not care where it ran,
 * so that a body could ship its attempt to another machine and wait for the outcome there.
 */
@FunctionalInterface
public interface AttemptBody {

    /**
     * Runs one attempt in the calling thread, under the attempt's timeout and cancellation, which
     * interrupt that thread.
     *
     * @return the attempt's value
     * @throws Throwable the attempt's failure
     */
    Object run(AttemptContext context) throws Throwable;

    /**
     * Decides, once the attempt's guard has ended (no timeout or cancellation can interrupt the
     * thread any more), how the attempt ended: the failure it ended with, or {@code null} for
     * success. A flow attempt cleans up here after a failure, and fails an attempt that returned
     * while task runs it started failed unnoticed. The default keeps the outcome as it is.
     *
     * @param failure what the attempt failed with, or {@code null} if it returned a value
     */
    default Throwable settle(Throwable failure) {
        return failure;
    }
}
