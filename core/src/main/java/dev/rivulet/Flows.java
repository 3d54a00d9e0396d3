package dev.rivulet;

import java.util.Objects;

/**
 * Calls a flow with options of its own, on top of the method's {@link Flow} annotation:
 *
 * <pre>{@code
 * LocalDate day = LocalDate.of(2023, 9, 1);
 * Flows.with(FlowOptions.newBuilder().timeout("6h").taskRunner("io").build()).call(etl::daily, day);
 * }</pre>
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

    /** Calls with these options on top of each flow's own. */
    public static Flows with(FlowOptions options) {
        return new Flows(Objects.requireNonNull(options, "options"));
    }

    @Override
    FlowOptions options() {
        return options;
    }
}
