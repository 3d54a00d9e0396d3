package dev.rivulet.cli.command;

import dev.rivulet.cli.FlowCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rivulet run FLOW [PARAMETERS...]}: one flow run, its parameters bound by name. Everything
 * after {@code FLOW} is the flow's ({@link RivuletCommand} stops parsing there).
 */
@Command(name = "run",
        description = {"Runs a flow from the class path, its parameters bound by name: command line, then -Drivulet.param.NAME, "
                + "then RIVULET_PARAM_NAME, then the default.",
            "'rivulet run FLOW --help' lists the flow's parameters."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration;

    @Parameters(index = "0", paramLabel = "FLOW",
            description = "the flow: com.acme.Pipeline#etl, or com.acme.Pipeline if it has one flow method")
    String flow;

    @Parameters(index = "1..*", paramLabel = "PARAMETER", description = "the flow's parameters: --end-date 2023-09-01 ...")
    List<String> flowArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ClassLoader loader = configuration.loader(spec.commandLine());
        FlowTarget target = FlowTarget.resolve(flow, loader, spec.commandLine());
        return configuration.withRivulet(loader, spec.commandLine(), builder -> {}, (rivulet, config) -> {
            CommandLine flowLine = FlowCommand.create(target.stub(rivulet, config, spec.commandLine()), target.method());
            flowLine.setOut(spec.commandLine().getOut());
            flowLine.setErr(spec.commandLine().getErr());
            flowLine.getCommandSpec().name(spec.qualifiedName() + " " + flow);
            return flowLine.execute(flowArguments.toArray(String[]::new));
        });
    }
}
