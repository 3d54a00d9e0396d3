package dev.rivulet.internal.run;

import dev.rivulet.FlowRun;
import dev.rivulet.Run;
import dev.rivulet.RunGraph.Edge;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.internal.graph.IdentityResults;
import dev.rivulet.internal.graph.Upstream;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.runner.TaskRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow run: its graph (task runs, subflow runs and edges), the results of its task runs for
 * identity edges, and the count of task runs not yet finished that the flow waits for.
 */
final class FlowRunImpl extends RunRecord implements FlowRun {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.FlowRun");

    private final MethodModel model;
    private final String flowName;
    private final FlowRunImpl parent;
    private final String name;
    private final Map<String, Object> parameters;
    private final String runnerName;
    private final TaskRunner runner;
    /** Options the flow gives its task runs where their tasks leave them unset; null for none. */
    final TaskOptions taskDefaults;
    final IdentityResults results = new IdentityResults();

    private final Object graphLock = new Object();
    private final List<Run> nodes = new ArrayList<>();
    private final List<TaskRunImpl> taskRuns = new ArrayList<>();
    /** Task runs that failed, for the check at the flow's end. */
    private final List<TaskRunImpl> failedRuns = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, AtomicLong> runCounters = new ConcurrentHashMap<>();
    private int unfinished;

    private volatile int attempts;

    FlowRunImpl(MethodModel model, String flowName, FlowRunImpl parent, String name, Object[] args, String runnerName,
                TaskRunner runner, TaskOptions taskDefaults) {
        this.taskDefaults = taskDefaults;
        this.model = model;
        this.flowName = flowName;
        this.parent = parent;
        this.name = name;
        this.runnerName = runnerName;
        this.runner = runner;
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            params.put(model.parameterNames()[i], args[i]);
        }
        this.parameters = Collections.unmodifiableMap(params);
    }

    /** The next number for a run of {@code taskName} in this flow run: 0, 1, 2 ... */
    long nextSequence(String taskName) {
        return runCounters.computeIfAbsent(taskName, k -> new AtomicLong()).getAndIncrement();
    }

    /** Adds a task run and its incoming edges to the graph; the flow will wait for it. */
    void addTaskRun(TaskRunImpl run) {
        synchronized (graphLock) {
            nodes.add(run);
            run.indexInFlow = taskRuns.size();
            taskRuns.add(run);
            addEdges(run, run.plan.upstreams);
            unfinished++;
        }
    }

    /** Adds a subflow run and its incoming edges to the graph. */
    void addSubflow(FlowRunImpl child, List<Upstream> upstreams) {
        synchronized (graphLock) {
            nodes.add(child);
            addEdges(child, upstreams);
        }
    }

    private void addEdges(Run downstream, List<Upstream> upstreams) {
        for (Upstream upstream : upstreams) {
            edges.add(new Edge(upstream.run(), downstream, upstream.kind()));
        }
    }

    void taskRunFinished(TaskRunImpl run) {
        synchronized (graphLock) {
            if (run.state().isFailure()) {
                failedRuns.add(run);
            }
            if (--unfinished == 0) {
                graphLock.notifyAll();
            }
        }
    }

    /** Waits until every task run made so far has finished. */
    void awaitTaskRuns() throws InterruptedException {
        synchronized (graphLock) {
            while (unfinished > 0) {
                graphLock.wait();
            }
        }
    }

    /**
     * Waits at most {@code nanos} for every task run to finish, not ended by interrupts (the flag
     * is set again after).
     *
     * @return the task runs still unfinished when the time ran out
     */
    List<TaskRun> awaitTaskRunsUninterruptibly(long nanos) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + nanos;
        List<TaskRun> unfinishedRuns = new ArrayList<>();
        synchronized (graphLock) {
            while (unfinished > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    taskRuns.stream().filter(r -> !r.isDone()).forEach(unfinishedRuns::add);
                    break;
                }
                try {
                    graphLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return unfinishedRuns;
    }

    /** Cancels every task run that has not finished. */
    void cancelUnfinished() {
        List<TaskRunImpl> snapshot;
        synchronized (graphLock) {
            snapshot = new ArrayList<>(taskRuns);
        }
        for (TaskRunImpl run : snapshot) {
            if (!run.isDone()) {
                run.cancel();
            }
        }
    }

    /** How many task runs have been made so far, to mark where an attempt's runs start. */
    int taskRunCount() {
        synchronized (graphLock) {
            return taskRuns.size();
        }
    }

    /** Task runs from index {@code from} on that failed without anyone noticing. */
    List<TaskRun> unobservedFailures(int from) {
        List<TaskRun> failed = new ArrayList<>();
        synchronized (graphLock) {
            for (TaskRunImpl run : failedRuns) {
                if (run.indexInFlow >= from && !run.isFailureObserved()) {
                    failed.add(run);
                }
            }
        }
        return failed;
    }

    void attemptStarted() {
        started(Instant.now());
        attempts++;
        changeState(State.RUNNING);
    }

    void abandoned(List<TaskRun> stillRunning) {
        LOG.warn("Flow run '{}' ends while {} cancelled task run(s) still run, ignoring their interrupt: {}",
                name, stillRunning.size(), stillRunning.stream().map(TaskRun::name).toList());
    }

    void retrying(Throwable failure) {
        LOG.warn("Flow run '{}' attempt {} failed; running it again", name, attempts, failure);
        changeState(State.RETRYING);
    }

    void finish(State finalState, Throwable failure) {
        ended(failure);
        changeState(finalState);
        if (failure != null) {
            // Without the stack trace: the flow call throws the failure to its caller.
            LOG.error("Flow run '{}' ended {}: {}", name, finalState, String.valueOf(failure));
        } else {
            LOG.info("Flow run '{}' ended {}", name, finalState);
        }
    }

    MethodModel model() {
        return model;
    }

    @Override
    Logger log() {
        return LOG;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String flowName() {
        return flowName;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public Optional<FlowRun> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public List<TaskRun> taskRuns() {
        synchronized (graphLock) {
            return List.copyOf(taskRuns);
        }
    }

    @Override
    public RunGraph graph() {
        synchronized (graphLock) {
            return new RunGraph(nodes, edges);
        }
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public String taskRunnerName() {
        return runnerName;
    }

    TaskRunner runner() {
        return runner;
    }

    @Override
    public String toString() {
        return "FlowRun[" + name + ", " + state() + "]";
    }
}
