package dev.rivulet;

/**
 * The failure of a task run whose upstream run (a future or result among its arguments, or a run it
 * waited for) failed, crashed or was cancelled. The body of the task did not run. Pass the upstream
 * future through {@link Tasks#outcome} (or {@link Tasks#allowFailure}) to run the task anyway.
 */
public class UpstreamFailedException extends RivuletException {
    private static final long serialVersionUID = 1L;

    private final transient Run upstream;

    /**
     * The failure of a run of {@code taskName} because of {@code upstream}, with a message that
     * names both and says how to run the task anyway.
     *
     * @param taskName the task whose run did not start
     * @param upstream the upstream run that ended without a value
     * @param upstreamError what the upstream failed with; null if it was cancelled without an error
     */
    public UpstreamFailedException(String taskName, Run upstream, Throwable upstreamError) {
        super("task '" + taskName + "' did not run: its upstream run '" + upstream.name() + "' ended "
                + upstream.state() + (upstreamError == null ? "" : " (" + upstreamError + ")")
                + "; pass the upstream future through Tasks.outcome(...) or Tasks.allowFailure(...) to run it anyway", upstreamError);
        this.upstream = upstream;
    }

    /** {@return the upstream run that failed} */
    public Run upstream() {
        return upstream;
    }
}
