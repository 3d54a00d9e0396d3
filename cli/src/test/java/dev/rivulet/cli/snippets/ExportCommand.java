package dev.rivulet.cli.snippets;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.FlowCommand;
import dev.rivulet.cli.FlowParameterOptions;
import dev.rivulet.param.FlowParameters;
import dev.rivulet.param.Param;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The examples in the javadoc of {@link FlowCommand} and {@link FlowParameterOptions}: a flow run from the command line. */
public final class ExportCommand {

    private ExportCommand() {}

    /** A flow with parameters set from outside. */
    public interface Exports {
        @Flow
        default String dailyExport(
                @Param(value = "end_date", defaultValue = "yesterday", description = "The last day exported.") LocalDate endDate,
                @Param(value = "days", defaultValue = "1") int days,
                @Param(value = "regions", defaultValue = "eu,us") List<String> regions) {
            return "exported " + days + " day(s) to " + endDate + " for " + regions;
        }
    }

    // @start region=flow-command
    public static void main(String[] args) {
        try (Rivulet rivulet = Rivulet.builder().build()) {
            // daily-export --end-date 2023-09-01 --regions eu
            FlowCommand.run(rivulet.stub(Exports.class), "dailyExport", args);
        }
    }
    // @end

    /** A program with an option of its own beside the flow's parameters. */
    // @start region=options
    @Command(name = "export")
    public static final class WithOwnOptions implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dry-run", description = "Prints the parameters instead of running the flow.")
        boolean dryRun;

        FlowParameterOptions flowOptions;

        public static void main(String[] args) {
            System.exit(commandLine().execute(args));
        }

        public static CommandLine commandLine() {
            WithOwnOptions command = new WithOwnOptions();
            CommandLine line = CommandLines.create(command);
            command.flowOptions = FlowParameterOptions.addTo(line, FlowParameters.of(Exports.class, "dailyExport"));
            return line;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            FlowParameters.Binding binding = flowOptions.bind(); // command line, then -D..., environment, defaults
            if (dryRun) {
                spec.commandLine().getOut().println(binding.origins());
                return 0;
            }
            try (Rivulet rivulet = Rivulet.builder().build()) {
                Exports exports = rivulet.stub(Exports.class);
                List<Object> values = binding.values();
                spec.commandLine().getOut().println(exports.dailyExport((LocalDate) values.get(0), (Integer) values.get(1),
                        (List<String>) values.get(2)));
            }
            return 0;
        }
    }
    // @end
}
