package dev.rivulet.cli.command;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.runner.TaskRunners;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A configuration as an application writes one: a runner, and the implementation its flow interface needs. */
public final class ReportsConfiguration implements RivuletConfiguration {

    static final AtomicInteger closed = new AtomicInteger();

    @Override
    public void configure(Rivulet.Builder builder) {
        builder.taskRunner(TaskRunners.sequential());
    }

    @Override
    public <T> Optional<T> implementation(Class<T> flowType) {
        return flowType == Reports.class ? Optional.of(flowType.cast((Reports) () -> "the warehouse")) : Optional.empty();
    }

    @Override
    public void close() {
        closed.incrementAndGet();
    }
}
