package dev.rivulet.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rivulet show RUN}: one recorded run, its graph, timeline and log, in the terminal. */
@Command(name = "show", description = "Shows a recorded flow run: its parameters, task runs as a graph and a timeline, and its log.")
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunSelection selection;

    @Override
    public Integer call() throws IOException {
        return selection.withRecord(spec.commandLine(), run -> {
            PrintWriter out = spec.commandLine().getOut();
            out.print(RecordText.show(run));
            out.flush();
        });
    }
}
