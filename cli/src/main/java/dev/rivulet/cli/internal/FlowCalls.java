package dev.rivulet.cli.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import picocli.CommandLine;

/** Flows called from a command line: what the flow throws reaches the conventions' handler as the command's own failure. */
public final class FlowCalls {

    private FlowCalls() {}

    /**
     * Calls {@code flow} on {@code stub} with {@code arguments} and returns what it returns.
     *
     * @throws CommandLine.ExecutionException holding what the flow threw (an {@link Error} is thrown as it is),
     *     or saying to make the flow's type public when it cannot be called
     */
    public static Object call(CommandLine line, Object stub, Method flow, Object[] arguments) {
        try {
            return flow.invoke(stub, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CommandLine.ExecutionException(line, String.valueOf(cause), cause);
        } catch (IllegalAccessException e) {
            throw new CommandLine.ExecutionException(line, "cannot call flow " + flow + ": make " + flow.getDeclaringClass().getName()
                    + " public (" + e.getMessage() + ")", e);
        }
    }
}
