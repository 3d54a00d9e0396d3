package dev.rivulet;

import java.util.Objects;

/**
 * Calls a flow with options of its own, on top of the method's {@link Flow} annotation:
 *
 * {@snippet file="dev/rivulet/snippets/TaskAndFlowSnippetsTest.java" region="flows"}
 *
 * <p>{@code call} takes a method reference to a flow of a stub and its arguments, and runs the flow
 * in this thread, as a direct call would. It throws what the flow throws, checked exceptions
 * included.
 */
public final class Flows extends FlowsOverloads {

    private final FlowOptions options;

    private Flows(FlowOptions options) {
        this.options = options;
    }

    /**
     * Calls with these options on top of each flow's own: what they leave unset comes from the
     * flow's {@link Flow} annotation.
     *
     * @param options the options of the calls
     * @return a caller of flows with these options
     * @throws NullPointerException if {@code options} is null
     */
    public static Flows with(FlowOptions options) {
        return new Flows(Objects.requireNonNull(options, "options"));
    }

    @Override
    FlowOptions options() {
        return options;
    }
}
