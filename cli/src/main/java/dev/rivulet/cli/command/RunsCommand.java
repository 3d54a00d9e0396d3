package dev.rivulet.cli.command;

import dev.rivulet.State;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunListing;
import dev.rivulet.history.RunQuery;
import dev.rivulet.history.UnreadableRun;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rivulet runs}: the recorded flow runs, newest first. */
@Command(name = "runs", description = "Lists recorded flow runs, newest first.")
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunStoreOption store;

    @Option(names = "--flow", paramLabel = "NAME", description = "only runs of this flow (its name, as @Flow gives it)")
    String flow;

    @Option(names = "--state", paramLabel = "STATE", split = ",",
            description = "only runs in these states: COMPLETED, FAILED, CRASHED, CANCELLED, RUNNING ...")
    List<State> states = new ArrayList<>();

    @Option(names = "--since", paramLabel = "WHEN", converter = SinceConverter.class,
            description = "only runs made since then: a duration back from now (1d, 12h, 30m) or a date (2023-09-01, UTC)")
    SinceConverter.Since since;

    @Option(names = "--limit", paramLabel = "N", description = "at most this many runs")
    int limit = 50;

    private final Clock clock;

    RunsCommand() {
        this(Clock.systemUTC());
    }

    RunsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        RunQuery query = RunQuery.all().limit(limit);
        if (flow != null) {
            query = query.flowName(flow);
        }
        if (!states.isEmpty()) {
            query = query.states(states.toArray(State[]::new));
        }
        if (since != null) {
            query = query.createdBetween(since.from(clock), Instant.MAX);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RunHistory history = store.open(spec.commandLine())) {
            RunListing listing = history.list(query);
            out.print(RecordText.runTable(listing.runs()));
            if (listing.runs().isEmpty()) {
                out.println("No runs in " + history.describe() + (query.equals(RunQuery.all().limit(limit)) ? "" : " match"));
            }
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            for (UnreadableRun unreadable : listing.unreadable()) {
                err.println("cannot read the record of run " + unreadable.key().runId() + ": " + unreadable.problem());
            }
            err.flush();
        }
        return 0;
    }
}
