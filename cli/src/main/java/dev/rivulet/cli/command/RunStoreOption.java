package dev.rivulet.cli.command;

import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.RunQuery;
import dev.rivulet.history.RunRecordException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --runs DIR}, or a configuration: the run store the history commands read. A directory
 * given wins; else the run history of a Rivulet set up by the configuration ({@code --config} or
 * found by ServiceLoader), such as one recording to S3; else the default directory.
 */
final class RunStoreOption {

    @Option(names = "--runs", paramLabel = "DIR",
            description = "the run store: a directory of run records; else the one a RivuletConfiguration sets up (--config, or found "
                    + "by ServiceLoader); else -Drivulet.runs.dir, else 'runs' beside the local results directory")
    Path directory;

    @Mixin
    ConfigurationOptions configuration;

    /** {@return the directory given, or the one Rivulet records runs in by default} */
    Path directory() {
        return directory != null ? directory : RunHistoryOptions.defaultDirectory();
    }

    /**
     * The history in the directory.
     *
     * @throws CommandLine.ParameterException if the directory does not exist: a misspelt path, not an empty history
     */
    RunHistory open(CommandLine line) {
        if (directory == null) {
            RivuletConfiguration config = configuration.load(configuration.loader(line), line);
            if (!Configurations.isDefault(config)) {
                return ConfiguredHistory.of(config);
            }
        }
        return RunHistory.open(existingDirectory(line));
    }

    /**
     * {@return the directory given, or the default one, if it exists}
     *
     * @throws CommandLine.ParameterException if it does not: a misspelt path, not an empty history
     */
    Path existingDirectory(CommandLine line) {
        Path runs = directory();
        if (!Files.isDirectory(runs)) {
            throw new CommandLine.ParameterException(line, "no run store at " + runs + ": no flow has been recorded there"
                    + (directory == null ? "; name the store with --runs DIR" : ""));
        }
        return runs;
    }

    /** What a command does with one run's record. */
    @FunctionalInterface
    interface RecordAction {
        void accept(FlowRunRecord run) throws IOException;
    }

    /**
     * Does {@code action} with the record of the run {@code id} names, as {@link #find} finds it.
     *
     * @return the exit code: 0, or 1 when the record cannot be read (named on standard error with why)
     * @throws CommandLine.ParameterException if the store is missing, or no run or several have such an id
     * @throws IOException if {@code action} throws one
     */
    int withRecord(CommandLine line, String id, RecordAction action) throws IOException {
        try (RunHistory history = open(line)) {
            action.accept(find(history, id, line));
            return 0;
        } catch (RunRecordException e) {
            PrintWriter err = line.getErr();
            err.println(e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /**
     * The record of the run whose id is {@code id} or starts with it.
     *
     * @throws CommandLine.ParameterException if no run has such an id, or several start with it
     */
    static FlowRunRecord find(RunHistory history, String id, CommandLine line) {
        Optional<FlowRunRecord> exact = history.find(id);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<FlowRunRecord> matching = history.list(RunQuery.all()).runs().stream().filter(run -> run.id().startsWith(id)).toList();
        if (matching.isEmpty()) {
            throw new CommandLine.ParameterException(line, "no run '" + id + "' in " + history.describe() + "; 'rivulet runs' lists them");
        }
        if (matching.size() > 1) {
            throw new CommandLine.ParameterException(line, matching.size() + " runs have an id starting with '" + id + "' ("
                    + String.join(", ", matching.stream().limit(5).map(FlowRunRecord::id).toList())
                    + (matching.size() > 5 ? ", ..." : "") + "): give more of it");
        }
        return matching.getFirst();
    }
}
