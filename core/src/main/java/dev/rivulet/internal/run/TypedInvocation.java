package dev.rivulet.internal.run;

import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.extension.TaskInvocation;
import dev.rivulet.history.ArtifactRecord;
import java.lang.reflect.Method;
import dev.rivulet.RunGraph;
import dev.rivulet.internal.graph.Upstream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An attempt of a task of a {@link dev.rivulet.extension.TaskType}, as its body sees it; kept by the
 * run after the attempt for what the body recorded (an artifact, reuse).
 */
final class TypedInvocation implements TaskInvocation {

    private final TaskRunImpl run;
    private final TaskCall call;
    private final Object[] arguments;
    private final Body body;
    private volatile ArtifactRecord artifact;
    private volatile boolean reused;
    /** The edges from the runs whose artifacts this one read; empty until it reads one. */
    private volatile List<Upstream> reads = List.of();

    /** Calls the task's method with arguments: here, or where the runner sends it. */
    @FunctionalInterface
    interface Body {
        Object call(Object[] arguments) throws Throwable;
    }

    TypedInvocation(TaskRunImpl run, TaskCall call, Object[] arguments, Body body) {
        this.run = run;
        this.call = call;
        this.arguments = arguments;
        this.body = body;
    }

    @Override
    public Method method() {
        return call.model().method();
    }

    @Override
    public List<String> parameterNames() {
        return List.of(call.model().parameterNames());
    }

    @Override
    public List<Object> arguments() {
        return Collections.unmodifiableList(Arrays.asList(arguments));
    }

    @Override
    public TaskOptions options() {
        return call.options();
    }

    @Override
    public TaskRun taskRun() {
        return run;
    }

    @Override
    public <T> Optional<T> component(Class<T> type) {
        return call.engine().component(type);
    }

    @Override
    public Object proceed() throws Throwable {
        return body.call(arguments);
    }

    @Override
    public void recordArtifact(ArtifactRecord artifact) {
        this.artifact = java.util.Objects.requireNonNull(artifact, "artifact");
    }

    @Override
    public synchronized void readArtifact(String artifactName) {
        FlowRunImpl flow = call.flow();
        TaskRunImpl writer = flow == null ? null : flow.lastRunWithArtifact(artifactName, run);
        if (writer != null && reads.stream().noneMatch(read -> read.run() == writer)) {
            List<Upstream> more = new ArrayList<>(reads);
            more.add(new Upstream(writer, RunGraph.EdgeKind.READ, false));
            reads = List.copyOf(more);
        }
    }

    /** The edges from the runs whose artifacts this one read. */
    List<Upstream> reads() {
        return reads;
    }

    @Override
    public void reused() {
        reused = true;
    }

    ArtifactRecord artifact() {
        return artifact;
    }

    boolean wasReused() {
        return reused;
    }
}
