package dev.rivulet.internal.run;

/**
 * What the current thread is running: a flow run, and within it possibly a task run. Kept in a
 * thread local while a flow body or task body runs, so that task calls made there know their flow.
 */
record Frame(FlowRunImpl flow, TaskRunImpl task) {

    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    static Frame current() {
        return CURRENT.get();
    }

    /** Makes {@code frame} current and returns the one it replaces, for {@link #restore}. */
    static Frame enter(Frame frame) {
        Frame previous = CURRENT.get();
        CURRENT.set(frame);
        return previous;
    }

    static void restore(Frame previous) {
        if (previous == null) {
            CURRENT.set(null);
        } else {
            CURRENT.set(previous);
        }
    }
}
