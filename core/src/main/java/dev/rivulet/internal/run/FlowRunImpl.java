package dev.rivulet.internal.run;

import dev.rivulet.AttemptFailure;
import dev.rivulet.FlowFailedException;
import dev.rivulet.FlowOptions;
import dev.rivulet.FlowRun;
import dev.rivulet.RivuletException;
import dev.rivulet.Run;
import dev.rivulet.RunGraph.Edge;
import dev.rivulet.RunGraph;
import dev.rivulet.State;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.history.ArtifactRecord;
import dev.rivulet.history.PersistedResult;
import dev.rivulet.history.ResultLocation;
import dev.rivulet.history.TaskRunCounts;
import dev.rivulet.internal.attempt.AttemptBody;
import dev.rivulet.internal.attempt.AttemptContext;
import dev.rivulet.internal.attempt.AttemptLoop;
import dev.rivulet.internal.attempt.AttemptedRun;
import dev.rivulet.internal.attempt.MdcScope;
import dev.rivulet.internal.attempt.RetrySchedule;
import dev.rivulet.internal.graph.ArgumentPlan;
import dev.rivulet.internal.graph.IdentityResults;
import dev.rivulet.internal.graph.Quotes;
import dev.rivulet.internal.graph.Upstream;
import dev.rivulet.internal.history.HistoryRecorder;
import dev.rivulet.internal.history.PreviousResults;
import dev.rivulet.internal.history.RecordedFlowRun;
import dev.rivulet.internal.history.TaskRunTally;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.runner.TaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow run: its graph (task runs, subflow runs and edges), the results of its task runs for
 * identity edges, and the count of task runs not yet finished that the flow waits for. Its attempts
 * run in the calling thread, through an {@link AttemptLoop}.
 */
final class FlowRunImpl extends RunRecord implements FlowRun, AttemptedRun, RecordedFlowRun {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.FlowRun");
    /** How long a failed attempt waits for its cancelled task runs to stop before it ends anyway. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);
    private static final Predicate<Throwable> ANY_FAILURE = failure -> true;

    private final MethodModel model;
    private final String flowName;
    private final FlowRunImpl parent;
    private final String name;
    private final Map<String, Object> parameters;
    private final String runnerName;
    private final TaskRunner runner;
    private final FlowOptions options;
    /** Options the flow gives its task runs where their tasks leave them unset; null for none. */
    final TaskOptions taskDefaults;
    final IdentityResults results = new IdentityResults();
    /** The record of the top-level flow run this one is or is in; null when runs are not recorded. Set before the run starts. */
    HistoryRecorder.Entry historyEntry;
    /** The results of the flow run this one, or the top-level run it is in, resumes; null if it resumes none. Set before the run starts. */
    PreviousResults resumes;
    /** What the last task run made in this flow run was called with, for the next run of the same call to share. */
    volatile TaskCall lastTaskCall;
    /** The argument plan of the last task run made in this flow run, for the next one to share if it plans the same. */
    private volatile ArgumentPlan lastPlan;

    private final Object graphLock = new Object();
    private final List<TaskRunImpl> taskRuns = new ArrayList<>();
    /** Task runs that failed, for the check at the flow's end. */
    private final List<TaskRunImpl> failedRuns = new ArrayList<>();
    private final List<FlowRunImpl> subflows = new ArrayList<>();
    /**
     * The runs this subflow run depended on in its parent, its incoming edges there. A task run's
     * come from its argument plan: the graph makes its edges when asked, not one object an edge.
     */
    private List<Upstream> upstreamsInParent = List.of();
    /** How many task runs its parent had made when this subflow run started: where it is among the parent's graph's nodes. */
    private int taskRunsBeforeInParent;
    /** The task runs by task, counted while the run is recorded; the last one used, for a fan-out of one task. */
    private final Map<String, TaskRunTally> tallies = new LinkedHashMap<>();
    private TaskRunTally lastTally;
    /** The task runs that ended with a persisted result, while the run is recorded. */
    private final List<PersistedResult> persistedResults = new ArrayList<>();
    private final Map<String, AtomicLong> runCounters = new ConcurrentHashMap<>();
    private int unfinished;

    private final AttemptLoop attempts;
    /** What each attempt runs; set when the run starts. */
    private FlowAttempt body;
    /** The value of the attempt that succeeded, until the caller takes it. */
    private Object value;

    FlowRunImpl(MethodModel model, String flowName, FlowRunImpl parent, String name, Object[] args, String runnerName,
                TaskRunner runner, FlowOptions options, TaskOptions taskDefaults, ScheduledExecutorService timer) {
        this.options = options;
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
        this.attempts = new AttemptLoop(this, timer);
    }

    /**
     * Runs the flow's attempts in the calling thread, the body called on {@code proxy} with {@code
     * args}, and returns its value or throws why it failed.
     */
    Object run(Object proxy, Object[] args) throws Throwable {
        body = new FlowAttempt(proxy, args);
        try {
            attempts.runInThread();
        } finally {
            body = null;
        }
        if (state().hasValue()) {
            Object result = value;
            value = null;
            return result;
        }
        Throwable failure = error().orElseThrow();
        if (Throwables.throwableFrom(model.method(), failure)) {
            throw failure;
        }
        throw new RivuletException("flow run '" + name + "' failed: " + failure, failure);
    }

    /**
     * One attempt of the flow: the body, then the wait for every task run it started. A failed
     * attempt cancels the task runs left; one that returned fails if a task run of this attempt
     * failed and nobody looked.
     */
    private final class FlowAttempt implements AttemptBody {
        private final Object proxy;
        private final Object[] args;
        /** Where this attempt's task runs start among the flow's. */
        private int firstTaskRun;

        FlowAttempt(Object proxy, Object[] args) {
            this.proxy = proxy;
            this.args = args;
        }

        @Override
        public Object run(AttemptContext context) throws Throwable {
            firstTaskRun = taskRunCount();
            try {
                Object result = model.invokeBody(proxy, args);
                awaitTaskRuns();
                return result;
            } finally {
                Quotes.take();
            }
        }

        @Override
        public Throwable settle(Throwable failure) {
            if (failure != null) {
                cancelUnfinished();
                List<TaskRun> stillRunning = awaitTaskRunsUninterruptibly(CANCEL_GRACE.toNanos());
                if (!stillRunning.isEmpty()) {
                    abandoned(stillRunning);
                }
                return failure;
            }
            List<TaskRun> unobserved = unobservedFailures(firstTaskRun);
            return unobserved.isEmpty() ? null : new FlowFailedException(FlowRunImpl.this, unobserved);
        }
    }

    /** The next number for a run of {@code taskName} in this flow run: 0, 1, 2 ... */
    long nextSequence(String taskName) {
        return runCounters.computeIfAbsent(taskName, k -> new AtomicLong()).getAndIncrement();
    }

    /**
     * {@code plan}, or the last task run's plan if it is the same: the runs of a fan-out from one
     * upstream share one.
     */
    ArgumentPlan sharedPlan(ArgumentPlan plan) {
        ArgumentPlan last = lastPlan;
        if (plan.sameAs(last)) {
            return last;
        }
        lastPlan = plan;
        return plan;
    }

    /** Adds a task run and its incoming edges to the graph; the flow will wait for it. */
    void addTaskRun(TaskRunImpl run) {
        synchronized (graphLock) {
            run.indexInFlow = taskRuns.size();
            taskRuns.add(run);
            unfinished++;
            if (historyEntry != null) {
                tally(run.taskName()).made();
            }
        }
        HistoryRecorder.Entry recorded = historyEntry;
        if (recorded != null) {
            recorded.changed();
        }
    }

    /** Adds a subflow run and its incoming edges to the graph. */
    void addSubflow(FlowRunImpl child, List<Upstream> upstreams) {
        synchronized (graphLock) {
            child.taskRunsBeforeInParent = taskRuns.size();
            subflows.add(child);
            child.upstreamsInParent = List.copyOf(upstreams);
        }
    }

    /** The tally of {@code taskName}'s runs; under the graph's lock. */
    private TaskRunTally tally(String taskName) {
        TaskRunTally last = lastTally;
        if (last != null && last.taskName() == taskName) {
            return last;
        }
        last = tallies.computeIfAbsent(taskName, TaskRunTally::new);
        lastTally = last;
        return last;
    }

    @Override
    public View view(int taskRunsInDetail) {
        synchronized (graphLock) {
            List<TaskRun> detailed = new ArrayList<>(taskRuns.subList(0, Math.min(taskRunsInDetail, taskRuns.size())));
            int failuresBeyond = 0;
            for (TaskRunImpl failed : failedRuns) {
                if (failed.indexInFlow >= taskRunsInDetail && failuresBeyond++ < taskRunsInDetail) {
                    detailed.add(failed);
                }
            }
            Set<Run> shown = Collections.newSetFromMap(new IdentityHashMap<>());
            shown.addAll(detailed);
            shown.addAll(subflows);
            List<Edge> shownEdges = new ArrayList<>();
            for (Run node : detailed) {
                addEdges(shownEdges, node, shown);
            }
            for (FlowRunImpl subflow : subflows) {
                addEdges(shownEdges, subflow, shown);
            }
            List<TaskRunCounts> counts = new ArrayList<>(tallies.size());
            tallies.values().forEach(tally -> counts.add(tally.counts()));
            return new View(detailed, List.copyOf(subflows), shownEdges, counts, List.copyOf(persistedResults));
        }
    }

    /** Adds the incoming edges of {@code downstream}, a node of this graph, from the upstreams in {@code shown} (all if null). */
    private static void addEdges(List<Edge> edges, Run downstream, Set<Run> shown) {
        List<Upstream> upstreams = downstream instanceof TaskRunImpl task ? task.plan.upstreams() : ((FlowRunImpl) downstream).upstreamsInParent;
        addEdges(edges, downstream, shown, upstreams);
        if (downstream instanceof TaskRunImpl task) {
            addEdges(edges, downstream, shown, task.reads());
        }
    }

    private static void addEdges(List<Edge> edges, Run downstream, Set<Run> shown, List<Upstream> upstreams) {
        for (Upstream upstream : upstreams) {
            if (shown == null || shown.contains(upstream.run())) {
                edges.add(new Edge(upstream.run(), downstream, upstream.kind()));
            }
        }
    }

    /** The task run of this flow run, other than {@code reader}, that last recorded an artifact of that name; null if none did. */
    TaskRunImpl lastRunWithArtifact(String artifactName, TaskRunImpl reader) {
        synchronized (graphLock) {
            for (int i = taskRuns.size() - 1; i >= 0; i--) {
                TaskRunImpl run = taskRuns.get(i);
                ArtifactRecord artifact = run == reader ? null : run.artifact();
                if (artifact != null && artifact.name().equals(artifactName)) {
                    return run;
                }
            }
            return null;
        }
    }

    void taskRunFinished(TaskRunImpl run) {
        synchronized (graphLock) {
            if (run.state().isFailure()) {
                failedRuns.add(run);
            }
            if (historyEntry != null) {
                tally(run.taskName()).ended(run.state());
                ResultLocation location = run.resultLocation();
                if (location != null && run.state().hasValue()) {
                    persistedResults.add(new PersistedResult(run.taskName(), run.name(), run.lineage(), location));
                }
            }
            if (--unfinished == 0) {
                graphLock.notifyAll();
            }
        }
    }

    /** Waits until every task run made so far has finished. */
    private void awaitTaskRuns() throws InterruptedException {
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
    private List<TaskRun> awaitTaskRunsUninterruptibly(long nanos) {
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
    private void cancelUnfinished() {
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
    private int taskRunCount() {
        synchronized (graphLock) {
            return taskRuns.size();
        }
    }

    /** Task runs from index {@code from} on that failed without anyone noticing. */
    private List<TaskRun> unobservedFailures(int from) {
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

    // ---- attempts ------------------------------------------------------------------------------

    @Override
    public AttemptBody nextAttempt() {
        return body;
    }

    @Override
    public String kind() {
        return "flow run";
    }

    @Override
    public MdcScope openMdc() {
        return MdcScope.open(id(), null, null);
    }

    @Override
    public Duration attemptTimeout() {
        return options.timeout().orElse(null);
    }

    /** The listed delays, without backoff or jitter: flow options have neither. */
    @Override
    public RetrySchedule retrySchedule() {
        return new RetrySchedule(options.retries(), options.retryDelays(), 1.0, 0.0);
    }

    @Override
    public Predicate<Throwable> retryCondition() {
        return ANY_FAILURE;
    }

    @Override
    public State endsWithoutRetry(Throwable failure) {
        return null;
    }

    @Override
    public void succeeded(Object result) {
        value = result;
        finish(State.COMPLETED, null);
    }

    @Override
    public void ended(State state, Throwable failure) {
        finish(state, failure);
    }

    /** The flow is not run again; it fails with the last attempt's failure, the interrupt added to it. */
    @Override
    public void interruptedWhileWaiting(Throwable lastFailure, InterruptedException interrupt) {
        lastFailure.addSuppressed(interrupt);
        finish(State.FAILED, lastFailure);
    }

    private void abandoned(List<TaskRun> stillRunning) {
        LOG.warn("Flow run '{}' ends while {} cancelled task run(s) still run, ignoring their interrupt: {}",
                name, stillRunning.size(), stillRunning.stream().map(TaskRun::name).toList());
    }

    void finish(State finalState, Throwable failure) {
        ended(failure);
        changeState(finalState);
        if (historyEntry != null && parent == null) {
            historyEntry.ended();
        }
        if (failure != null) {
            // Without the stack trace: the flow call throws the failure to its caller.
            LOG.error("Flow run '{}' ended {}: {}", name, finalState, String.valueOf(failure));
        } else {
            LOG.info("Flow run '{}' ended {}", name, finalState);
        }
    }

    @Override
    public Logger log() {
        return LOG;
    }

    @Override
    HistoryRecorder.Entry historyEntry() {
        return historyEntry;
    }

    @Override
    public String resumedFrom() {
        PreviousResults previous = resumes;
        return previous == null ? null : previous.runId();
    }

    @Override
    public String flowMethod() {
        return flowMethod(model);
    }

    /** {@return a flow's interface and method, as records and {@code rivulet run} name it: {@code com.acme.Pipeline#etl}} */
    static String flowMethod(MethodModel model) {
        return model.method().getDeclaringClass().getName() + "#" + model.method().getName();
    }

    /** {@return when the run was made, to the microsecond, as its record is kept under} */
    @Override
    public Instant created() {
        return super.created().truncatedTo(ChronoUnit.MICROS);
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
            List<Run> nodes = nodes();
            List<Edge> edges = new ArrayList<>();
            for (Run node : nodes) {
                addEdges(edges, node, null);
            }
            return new RunGraph(nodes, edges);
        }
    }

    /**
     * The task runs and subflow runs in the order they were made: the task runs, each subflow run
     * among them where it started. Under the graph's lock.
     */
    private List<Run> nodes() {
        List<Run> nodes = new ArrayList<>(taskRuns.size() + subflows.size());
        int taskRun = 0;
        for (FlowRunImpl subflow : subflows) {
            nodes.addAll(taskRuns.subList(taskRun, subflow.taskRunsBeforeInParent));
            taskRun = subflow.taskRunsBeforeInParent;
            nodes.add(subflow);
        }
        nodes.addAll(taskRuns.subList(taskRun, taskRuns.size()));
        return nodes;
    }

    @Override
    public int attempts() {
        return attempts.attempts();
    }

    @Override
    public List<AttemptFailure> attemptFailures() {
        return attempts.failures();
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
