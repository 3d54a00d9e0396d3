package dev.rivulet.cli.command;

import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunRecordException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rivulet show RUN}: one recorded run, its graph, timeline and log, in the terminal. */
@Command(name = "show", description = "Shows a recorded flow run: its parameters, task runs as a graph and a timeline, and its log.")
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunStoreOption store;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run's id, or enough of its start to name one run")
    String runId;

    @Override
    public Integer call() {
        try (RunHistory history = store.open(spec.commandLine())) {
            FlowRunRecord run = RunStoreOption.find(history, runId, spec.commandLine());
            PrintWriter out = spec.commandLine().getOut();
            out.print(RecordText.show(run));
            out.flush();
            return 0;
        } catch (RunRecordException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }
}
