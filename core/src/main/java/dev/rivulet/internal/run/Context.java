package dev.rivulet.internal.run;

import dev.rivulet.FlowRun;
import dev.rivulet.TaskRun;
import java.util.Optional;

/** The current thread's flow run and task run, for the public API. */
public final class Context {

    private Context() {}

    public static Optional<FlowRun> currentFlowRun() {
        Frame frame = Frame.current();
        return frame == null ? Optional.empty() : Optional.ofNullable(frame.flow());
    }

    public static Optional<TaskRun> currentTaskRun() {
        Frame frame = Frame.current();
        return frame == null ? Optional.empty() : Optional.ofNullable(frame.task());
    }
}
