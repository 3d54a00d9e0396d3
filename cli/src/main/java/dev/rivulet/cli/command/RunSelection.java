package dev.rivulet.cli.command;

import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code [--runs DIR] RUN}: the one recorded run a command works on. */
final class RunSelection {

    @Mixin
    RunStoreOption store;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run's id, or enough of its start to name one run")
    String runId;

    /** Does {@code action} with the run's record; see {@link RunStoreOption#withRecord}. */
    int withRecord(CommandLine line, RunStoreOption.RecordAction action) throws IOException {
        return store.withRecord(line, runId, action);
    }
}
