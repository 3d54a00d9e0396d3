package dev.rivulet.cli.command;

import dev.rivulet.cli.CommandLines;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code rivulet} command: {@code rivulet run com.acme.Pipeline#etl --end-date 2023-09-01}
 * runs a flow from the class path with its parameters bound by name. See docs/command-line.md.
 */
@Command(name = "rivulet", description = "Runs Rivulet flows from the command line.", subcommands = {RunCommand.class, ResumeCommand.class, RunsCommand.class, ShowCommand.class, ReportCommand.class})
public final class RivuletCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private RivuletCommand() {}

    /**
     * Runs the command and ends the JVM with its exit code: 0 when it did what it was asked, 1 when
     * a flow failed, 2 for bad input.
     *
     * @param args the command's arguments, such as {@code run com.acme.Pipeline#etl}
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command in this JVM and returns its exit code, as {@link #main} would end with.
     *
     * @param args the command's arguments
     * @return 0 when it did what it was asked, 1 when a flow failed, 2 for bad input
     */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** {@return the command line of the {@code rivulet} command, not yet run} */
    static CommandLine commandLine() {
        CommandLine line = CommandLines.create(new RivuletCommand());
        // After the flow's name, every argument is the flow's: rivulet run com.acme.Pipeline#etl --end-date 2023-09-01 --help
        line.getSubcommands().get("run").setStopAtPositional(true);
        return line;
    }

    /** Without a subcommand there is nothing to do: say which there are. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
