package dev.rivulet.cli.command;

import dev.rivulet.FlowRun;
import dev.rivulet.Flows;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.cli.internal.FlowCalls;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunRecordException;
import dev.rivulet.history.TaskRunCounts;
import dev.rivulet.param.FlowParameters;
import dev.rivulet.param.ParameterException;
import dev.rivulet.secret.MissingSecretException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code rivulet resume RUN}: a new run of a failed, crashed or cancelled flow run's flow, with its
 * recorded parameters, that takes the results its task runs persisted ({@link Flows#resuming}).
 * Everything is checked before the new run starts: the record, the flow on the class path, each
 * parameter against its type.
 */
@Command(name = "resume",
        description = {"Runs a failed, crashed or cancelled flow run again with its recorded parameters, taking the results its "
                + "task runs persisted instead of running them: matched by task, task run name and lineage.",
            "Tasks that persisted nothing, tasks keyed by RUN_ID and those whose inputs changed run again."})
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The run, and the store to find it in and record the new run in: {@code --runs}, else the configuration's. */
    @Mixin
    RunSelection selection;

    @Override
    public Integer call() throws Exception {
        CommandLine line = spec.commandLine();
        RunStoreOption store = selection.store;
        Path runs = store.directory == null ? null : store.existingDirectory(line);
        ClassLoader loader = store.configuration.loader(line);
        return store.configuration.withRivulet(loader, line, builder -> {
            if (runs != null) {
                builder.runHistory(RunHistoryOptions.newBuilder().directory(runs).build());
            }
        }, (rivulet, config) -> resume(rivulet, config, loader, line));
    }

    private int resume(Rivulet rivulet, RivuletConfiguration config, ClassLoader loader, CommandLine line) throws Exception {
        RunHistory history;
        try {
            history = rivulet.runHistory();
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(line, "the configuration's Rivulet records no runs (" + e.getMessage()
                    + "); name the run store with --runs DIR");
        }
        FlowRunRecord previous;
        try {
            previous = RunStoreOption.find(history, selection.runId, line);
        } catch (RunRecordException e) {
            PrintWriter err = line.getErr();
            err.println(e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        Flows resuming;
        try {
            resuming = Flows.resuming(previous);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, e.getMessage(), e);
        }
        FlowTarget target = FlowTarget.resolve(previous.flowMethod(), loader, line);
        FlowParameters parameters;
        try {
            parameters = FlowParameters.of(target.flowType(), target.method());
        } catch (InvalidDefinitionException e) {
            throw RecordedParameters.cannotResume(previous, line, e.getMessage());
        }
        Object[] arguments;
        try {
            arguments = parameters.bind(RecordedParameters.of(previous, parameters, line)).arguments();
        } catch (ParameterException | MissingSecretException e) {
            throw RecordedParameters.cannotResume(previous, line, e.getMessage());
        }
        Object stub = target.stub(rivulet, config, line);
        Method flow = parameters.method();
        Object result;
        try {
            result = resuming.call(() -> FlowCalls.call(line, stub, flow, arguments));
        } catch (RuntimeException | Error e) {
            report(rivulet, previous, line);
            throw e;
        }
        PrintWriter out = line.getOut();
        if (result != null) {
            out.println(result);
        }
        report(rivulet, previous, line);
        return 0;
    }

    /** Prints the new run's id and state, and how many of its task runs took a persisted result. */
    private static void report(Rivulet rivulet, FlowRunRecord previous, CommandLine line) {
        FlowRun run = rivulet.lastFlowRun().orElse(null);
        if (run == null) {
            return;
        }
        FlowRunRecord record = rivulet.runHistory().find(run.id()).orElse(null);
        int reused = record == null ? 0 : count(record, State.CACHED);
        int all = record == null ? 0 : count(record, null);
        PrintWriter out = line.getOut();
        out.println("Flow run " + run.name() + " (" + run.id() + ") resumed " + previous.id() + ": " + run.state() + "; "
                + reused + " task run" + (reused == 1 ? "" : "s") + " reused, " + (all - reused) + " run again");
        out.flush();
    }

    /** The task runs of a run and its subflows in {@code state}, or all of them for null. */
    private static int count(FlowRunRecord run, State state) {
        int count = 0;
        for (TaskRunCounts counts : run.taskRunCounts()) {
            count += state == null ? counts.total() : counts.byState().getOrDefault(state, 0);
        }
        for (FlowRunRecord subflow : run.subflows()) {
            count += count(subflow, state);
        }
        return count;
    }
}
