package dev.rivulet;

import dev.rivulet.function.Func0;
import dev.rivulet.function.Func1;
import dev.rivulet.function.Func2;
import dev.rivulet.function.Func3;
import dev.rivulet.function.Func4;
import dev.rivulet.function.Proc0;
import dev.rivulet.function.Proc1;
import dev.rivulet.function.Proc2;
import dev.rivulet.function.Proc3;
import dev.rivulet.function.Proc4;
import dev.rivulet.internal.call.Calls;
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
public final class Flows {

    private final FlowOptions options;

    private Flows(FlowOptions options) {
        this.options = options;
    }

    /** Calls with these options on top of each flow's own. */
    public static Flows with(FlowOptions options) {
        return new Flows(Objects.requireNonNull(options, "options"));
    }

    public <R> R call(Func0<R> flow) {
        return Calls.callFlow(options, flow, null, () -> flow.apply());
    }

    public <A1, R> R call(Func1<A1, R> flow, A1 a1) {
        return Calls.callFlow(options, flow, new Object[] {a1}, () -> flow.apply(a1));
    }

    public <A1, A2, R> R call(Func2<A1, A2, R> flow, A1 a1, A2 a2) {
        return Calls.callFlow(options, flow, new Object[] {a1, a2}, () -> flow.apply(a1, a2));
    }

    public <A1, A2, A3, R> R call(Func3<A1, A2, A3, R> flow, A1 a1, A2 a2, A3 a3) {
        return Calls.callFlow(options, flow, new Object[] {a1, a2, a3}, () -> flow.apply(a1, a2, a3));
    }

    public <A1, A2, A3, A4, R> R call(Func4<A1, A2, A3, A4, R> flow, A1 a1, A2 a2, A3 a3, A4 a4) {
        return Calls.callFlow(options, flow, new Object[] {a1, a2, a3, a4}, () -> flow.apply(a1, a2, a3, a4));
    }

    public void call(Proc0 flow) {
        Calls.callFlow(options, flow, null, () -> {
            flow.apply();
            return null;
        });
    }

    public <A1> void call(Proc1<A1> flow, A1 a1) {
        Calls.callFlow(options, flow, new Object[] {a1}, () -> {
            flow.apply(a1);
            return null;
        });
    }

    public <A1, A2> void call(Proc2<A1, A2> flow, A1 a1, A2 a2) {
        Calls.callFlow(options, flow, new Object[] {a1, a2}, () -> {
            flow.apply(a1, a2);
            return null;
        });
    }

    public <A1, A2, A3> void call(Proc3<A1, A2, A3> flow, A1 a1, A2 a2, A3 a3) {
        Calls.callFlow(options, flow, new Object[] {a1, a2, a3}, () -> {
            flow.apply(a1, a2, a3);
            return null;
        });
    }

    public <A1, A2, A3, A4> void call(Proc4<A1, A2, A3, A4> flow, A1 a1, A2 a2, A3 a3, A4 a4) {
        Calls.callFlow(options, flow, new Object[] {a1, a2, a3, a4}, () -> {
            flow.apply(a1, a2, a3, a4);
            return null;
        });
    }
}
