package dev.rivulet.internal.option;

import dev.rivulet.Flow;
import dev.rivulet.FlowOptions;
import dev.rivulet.FlowOptions.Builder;
import dev.rivulet.TaskOptions;
import java.time.Duration;
import java.util.List;

/**
 * The options of {@link FlowOptions}, each declared once, as {@link TaskOptionTable} declares a
 * task's. The result attributes of {@link Flow} are read into one option, the task defaults.
 */
public final class FlowOptionTable {

    private FlowOptionTable() {}

    public static final OptionTable<Flow, Builder> TABLE = new OptionTable<>("FlowOptions", Flow.class);

    public static final Option<String> NAME = TABLE.text("name")
            .readFrom("name", Flow::name, Builder::name).add();

    public static final Option<Integer> RETRIES = TABLE.count("retries")
            .readFrom("retries", Flow::retries, Builder::retries).add();

    public static final Option<List<Duration>> RETRY_DELAYS = TABLE.delays("retryDelays", "retryDelay")
            .readFrom("retryDelay", Flow::retryDelay, Builder::retryDelay).add();

    public static final Option<Duration> TIMEOUT = TABLE.positiveDuration("timeout")
            .readFrom("timeout", Flow::timeout, Builder::timeout).add();

    public static final Option<String> TASK_RUNNER = TABLE.text("taskRunner")
            .readFrom("taskRunner", Flow::taskRunner, Builder::taskRunner).add();

    /** Empty task defaults are stored as unset, so that options equal when they mean the same. */
    public static final Option<TaskOptions> TASK_DEFAULTS = TABLE.option("taskDefaults", TaskOptions.empty())
            .checkedBy(defaults -> defaults.isEmpty() ? null : defaults)
            .mergedBy(TaskOptions::withDefaults)
            .readFrom("persistResult", Flow::persistResult, Builder::persistResult)
            .readFrom("resultStore", Flow::resultStore, Builder::resultStore)
            .readFrom("serializer", Flow::serializer, Builder::serializer)
            .readFrom("cacheResultInMemory", Flow::cacheResultInMemory, Builder::cacheResultInMemory).add();

    /** The options a {@code @Flow} declares; checked as the builder checks them. */
    public static FlowOptions read(Flow flow) {
        return TABLE.read(flow, FlowOptions.newBuilder()).build();
    }
}
