package dev.rivulet.cli.command;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.history.RunListing;
import dev.rivulet.history.RunQuery;
import java.util.Optional;

/** The run history of a Rivulet set up by an application's configuration; closing it closes both. */
final class ConfiguredHistory implements RunHistory {

    private final RivuletConfiguration config;
    private final Rivulet rivulet;
    private final RunHistory history;

    private ConfiguredHistory(RivuletConfiguration config, Rivulet rivulet) {
        this.config = config;
        this.rivulet = rivulet;
        this.history = rivulet.runHistory();
    }

    static ConfiguredHistory of(RivuletConfiguration config) {
        Rivulet.Builder builder = Rivulet.builder();
        config.configure(builder);
        Rivulet rivulet = builder.build();
        try {
            return new ConfiguredHistory(config, rivulet);
        } catch (RuntimeException e) {
            rivulet.close();
            throw e;
        }
    }

    @Override
    public RunListing list(RunQuery query) {
        return history.list(query);
    }

    @Override
    public Optional<FlowRunRecord> find(String runId) {
        return history.find(runId);
    }

    @Override
    public String describe() {
        return history.describe();
    }

    @Override
    public void close() {
        try {
            rivulet.close();
        } finally {
            try {
                config.close();
            } catch (Exception e) {
                throw new IllegalStateException("the configuration " + config.getClass().getName() + " did not close: " + e, e);
            }
        }
    }
}
