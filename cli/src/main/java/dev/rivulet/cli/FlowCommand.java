package dev.rivulet.cli;

import dev.rivulet.cli.internal.Conventions;
import dev.rivulet.cli.internal.FlowCalls;
import dev.rivulet.param.FlowParameters;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A program that runs one flow, its parameters set on the command line: {@code daily-export
 * --end-date 2023-09-01}. Its options are those of {@link FlowParameterOptions}, with the
 * conventions of {@link CommandLines} ({@code --help} lists each parameter, the text it takes and
 * its default; bad input is a usage error with exit code 2). Running it binds the parameters, calls
 * the flow on the stub given, and prints what the flow returns, if anything, on standard output.
 *
 * {@snippet file="dev/rivulet/cli/snippets/ExportCommand.java" region="flow-command"}
 */
public final class FlowCommand {

    private FlowCommand() {}

    /**
     * The command line of the flow method {@code flowMethod} of {@code flows}, named after the method.
     *
     * @param flows the object whose flow runs: a stub from {@link dev.rivulet.Rivulet#stub}
     * @param flowMethod the name of its flow method, which must be the only public method of that name
     * @return the command line, not yet run
     * @throws dev.rivulet.InvalidDefinitionException if the flow's parameters cannot be bound from text
     */
    public static CommandLine create(Object flows, String flowMethod) {
        Objects.requireNonNull(flows, "flows");
        Class<?> flowType = flowType(flows, flowMethod);
        FlowParameters parameters = FlowParameters.of(flowType, flowMethod);
        CommandSpec spec = CommandSpec.create().name(kebab(flowMethod));
        spec.usageMessage().description("Runs the flow " + flowType.getSimpleName() + "." + flowMethod + ".");
        CommandLine line = Conventions.apply(new CommandLine(spec));
        FlowParameterOptions options = FlowParameterOptions.addTo(line, parameters);
        line.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            Object result = FlowCalls.call(line, flows, parameters.method(), options.bind().arguments());
            if (result != null) {
                PrintWriter out = line.getOut();
                out.println(result);
                out.flush();
            }
            return 0;
        });
        return line;
    }

    /**
     * Parses {@code args} and runs the flow.
     *
     * @param flows the object whose flow runs: a stub from {@link dev.rivulet.Rivulet#stub}
     * @param flowMethod the name of its flow method
     * @param args the program's arguments
     * @return the exit code: 0 when the flow ran (or help was printed), {@link CommandLines#USAGE_ERROR}
     *     for bad input, {@link CommandLines#FAILED} if the flow failed
     */
    public static int execute(Object flows, String flowMethod, String... args) {
        return create(flows, flowMethod).execute(args);
    }

    /**
     * What a {@code main} method calls: {@link #execute} and, unless the exit code is 0, {@link System#exit} with it.
     *
     * @param flows the object whose flow runs: a stub from {@link dev.rivulet.Rivulet#stub}
     * @param flowMethod the name of its flow method
     * @param args the program's arguments, as {@code main} received them
     */
    public static void run(Object flows, String flowMethod, String... args) {
        int exitCode = execute(flows, flowMethod, args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The interface (or class) of {@code flows} that declares {@code flowMethod}: a stub's own class is a proxy. */
    private static Class<?> flowType(Object flows, String flowMethod) {
        for (Class<?> type : flows.getClass().getInterfaces()) {
            for (java.lang.reflect.Method method : type.getMethods()) {
                if (method.getName().equals(flowMethod)) {
                    return type;
                }
            }
        }
        return flows.getClass();
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
