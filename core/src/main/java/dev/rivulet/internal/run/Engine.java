package dev.rivulet.internal.run;

import dev.rivulet.FlowOptions;
import dev.rivulet.FlowRun;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.RivuletException;
import dev.rivulet.State;
import dev.rivulet.TaskFailedException;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskOptions;
import dev.rivulet.UpstreamFailedException;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunHistory;
import dev.rivulet.internal.call.Calls;
import dev.rivulet.internal.graph.ArgumentPlan;
import dev.rivulet.internal.graph.ArgumentWalker;
import dev.rivulet.internal.graph.Quotes;
import dev.rivulet.internal.graph.Upstream;
import dev.rivulet.internal.history.HistoryRecorder;
import dev.rivulet.internal.history.PreviousResults;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.internal.model.RunNamer;
import dev.rivulet.internal.result.ResultPolicy;
import dev.rivulet.internal.result.Results;
import dev.rivulet.internal.runner.ExecutorTaskRunner;
import dev.rivulet.runner.TaskRunner;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime behind a {@code Rivulet}: makes task runs and flow runs from stub calls, owns the
 * task runners and the timer for retries and timeouts, and remembers recent flow runs.
 */
public final class Engine implements AutoCloseable {

    public static final String DEFAULT_RUNNER = "default";
    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.RunHistory");

    private final Map<String, TaskRunner> runners;
    /** Objects task types look up by type, such as the artifacts root of data assets; see {@link #component}. */
    private final List<Object> components;
    private final Results results;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, ExecutorTaskRunner.platformThreads("rivulet-timer-"));
    private final int flowRunHistory;
    private final LinkedList<FlowRun> recentFlowRuns = new LinkedList<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    /** Runs waiting on the timer for their next attempt; crashed if the Rivulet closes first. */
    private final Set<TaskRunImpl> awaitingRetry = ConcurrentHashMap.newKeySet();
    /** Writes the records of flow runs; null when the run history is off. */
    private final HistoryRecorder history;
    private volatile boolean closed;

    public Engine(Map<String, TaskRunner> runners, Results results, int flowRunHistory, HistoryRecorder history, List<Object> components) {
        this.history = history;
        this.components = List.copyOf(components);
        this.results = results;
        if (!runners.containsKey(DEFAULT_RUNNER)) {
            throw new IllegalArgumentException("a default task runner is required");
        }
        this.runners = Map.copyOf(new LinkedHashMap<>(runners));
        this.flowRunHistory = flowRunHistory;
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** The first component given to the builder that is a {@code type}. */
    public <T> Optional<T> component(Class<T> type) {
        for (Object component : components) {
            if (type.isInstance(component)) {
                return Optional.of(type.cast(component));
            }
        }
        return Optional.empty();
    }

    /** Throws if this Rivulet was closed: no stub of {@code type} can be made then. */
    public void checkOpen(Class<?> type) {
        if (closed) {
            throw new RivuletException("cannot make a stub of " + type.getName() + ": its Rivulet was closed");
        }
    }

    public ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    /** Calls {@code run.dispatch()} after {@code nanos}, on the timer, unless the Rivulet closes first. */
    void retryLater(TaskRunImpl run, long nanos, Runnable dispatch) {
        awaitingRetry.add(run);
        try {
            timer.schedule(() -> {
                if (awaitingRetry.remove(run)) {
                    dispatch.run();
                }
            }, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            awaitingRetry.remove(run);
            run.crash(new IllegalStateException("task run '" + run.name() + "' cannot be retried: its Rivulet was closed", e));
        }
        if (closed && awaitingRetry.remove(run)) {
            run.crash(new IllegalStateException("task run '" + run.name() + "' cannot be retried: its Rivulet was closed"));
        }
    }

    public Results results() {
        return results;
    }

    /** Checks the store and serializer that options name, so that a typo fails at once. */
    public void checkResultNames(TaskOptions options, String where) {
        options.resultStore().ifPresent(store -> results.checkStore(store, where));
        options.serializer().ifPresent(name -> {
            try {
                results.serializer(name);
            } catch (InvalidDefinitionException e) {
                throw new InvalidDefinitionException(where + ": " + e.getMessage(), e);
            }
        });
    }

    public void checkRunnerName(String name) {
        if (!runners.containsKey(name)) {
            throw new InvalidDefinitionException("no task runner is named '" + name + "'; the registered ones are "
                    + runners.keySet() + " (register it with Rivulet.builder().taskRunner(\"" + name + "\", runner))");
        }
    }

    // ---- tasks ----------------------------------------------------------------------------------

    public Object invokeTask(MethodModel model, Object proxy, Object[] proxyArguments) throws Throwable {
        Calls.Request request = Calls.take();
        if (request == null) {
            return callTask(model, proxy, proxyArguments, null, List.of());
        }
        if (request.mode() == Calls.Mode.CALL_FLOW) {
            throw new IllegalArgumentException(model.describe() + " is a task; Flows.with(...).call takes flows. "
                    + "Use Tasks.with(TaskOptions) for tasks");
        }
        Object[] arguments = request.arguments(proxyArguments, model);
        if (request.mode() == Calls.Mode.SUBMIT) {
            request.submitted(submitTask(model, proxy, arguments, request.options(), request.waitFor()));
            return model.placeholderResult();
        }
        return callTask(model, proxy, arguments, request.options(), request.waitFor());
    }

    /** A task run; {@code requestOptions} are its call's own ({@code Tasks.with}), null for none. */
    private TaskRunImpl newTaskRun(MethodModel model, Object proxy, Object[] args, TaskOptions requestOptions,
                                   List<TaskFuture<?>> waitFor) {
        if (closed) {
            throw new RivuletException("cannot run task " + model.describe() + ": its Rivulet was closed"
                    + Optional.ofNullable(Frame.current()).filter(f -> f.flow() != null).map(f -> " while flow run '" + f.flow().name() + "' was running").orElse(""));
        }
        Frame frame = Frame.current();
        FlowRunImpl flow = frame == null ? null : frame.flow();
        TaskRunner runner = flow != null ? flow.runner() : runners.get(DEFAULT_RUNNER);
        Set<Object> quoted = Quotes.take();
        ArgumentPlan plan = ArgumentWalker.plan(args, flow == null ? null : flow.results, quoted, waitFor);
        if (plan == ArgumentPlan.NONE && quoted != null) {
            Quotes.recycle(quoted);
        }
        if (flow != null) {
            plan = flow.sharedPlan(plan);
        }
        if (plan.hasFutures()) {
            model.rejectAllowedFailureOfPrimitives(args);
        }
        TaskOptions flowDefaults = flow != null ? flow.taskDefaults : null;
        TaskOptions options = model.taskOptions();
        RunNamer namer = model.namer();
        ResultPolicy resultPolicy = model.resultPolicy();
        if (requestOptions != null || flowDefaults != null) {
            MethodModel.Derived derived = model.derived(results, requestOptions, flowDefaults);
            options = derived.options();
            namer = namerFor(model, derived.callOptions());
            resultPolicy = derived.policy();
        }
        long sequence = flow != null ? flow.nextSequence(namer.template()) : nextNumber("task:" + namer.template());
        TaskCall call = TaskCall.of(this, flow, model, options, namer, resultPolicy, proxy, runner);
        TaskRunImpl run = new TaskRunImpl(call, args, plan, sequence);
        if (flow != null) {
            flow.addTaskRun(run);
        }
        return run;
    }

    /** The annotation's namer, or one for the name the call's options give. */
    private static RunNamer namerFor(MethodModel model, TaskOptions options) {
        return namerFor(model, options.name().orElse(model.name()));
    }

    private static RunNamer namerFor(MethodModel model, String name) {
        if (name.equals(model.name())) {
            return model.namer();
        }
        try {
            return new RunNamer(name, model.parameterNames());
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException("name for a call of " + model.describe() + ": " + e.getMessage(), e);
        }
    }

    private TaskFuture<?> submitTask(MethodModel model, Object proxy, Object[] args, TaskOptions requestOptions, List<TaskFuture<?>> waitFor) {
        TaskRunImpl run = newTaskRun(model, proxy, args, requestOptions, waitFor);
        TaskRunner runner = run.runner();
        if (runner.isClosed()) {
            IllegalStateException cause = new IllegalStateException("task runner " + runner.name() + " is closed");
            run.crash(cause);
            run.observeFailure();
            throw new RivuletException("cannot submit task run '" + run.name() + "': task runner " + runner.name()
                    + " was closed" + run.flowRun().map(f -> " while flow run '" + f.name() + "' was running").orElse(""), cause);
        }
        TaskFutureImpl<Object> future = run.newFuture();
        run.schedule();
        return future;
    }

    private Object callTask(MethodModel model, Object proxy, Object[] args, TaskOptions requestOptions, List<TaskFuture<?>> waitFor) throws Throwable {
        TaskRunImpl run = newTaskRun(model, proxy, args, requestOptions, waitFor);
        try {
            return run.callInline();
        } catch (Throwable t) {
            if (Throwables.throwableFrom(model.method(), t)) {
                throw t;
            }
            throw new TaskFailedException(run, t);
        }
    }

    // ---- flows ----------------------------------------------------------------------------------

    public Object invokeFlow(MethodModel model, Object proxy, Object[] args) throws Throwable {
        Calls.Request request = Calls.take();
        FlowOptions options = model.flowOptions();
        if (request != null) {
            if (request.mode() != Calls.Mode.CALL_FLOW) {
                throw new IllegalArgumentException(model.describe() + " is a flow; flows run where they are called. Call it "
                        + "directly (with options: Flows.with(options).call(...)), or submit a task that calls it");
            }
            options = request.flowOptions().withDefaults(model.flowOptions());
        }
        if (closed) {
            throw new RivuletException("cannot run flow " + model.describe() + ": its Rivulet was closed");
        }
        Frame frame = Frame.current();
        FlowRunImpl parent = frame == null ? null : frame.flow();
        String runnerName = options.taskRunner().orElse(parent != null ? parent.taskRunnerName() : DEFAULT_RUNNER);
        checkRunnerName(runnerName);
        Set<Object> quoted = Quotes.take();
        ArgumentPlan plan = ArgumentWalker.plan(args, parent == null ? null : parent.results, quoted, List.of());
        RunNamer namer = options == model.flowOptions() ? model.namer() : namerFor(model, options.name().orElse(model.name()));
        String name = namer.name(args, nextNumber("flow:" + namer.template()));
        TaskOptions taskDefaults = options.taskDefaults();
        if (parent != null && parent.taskDefaults != null) {
            taskDefaults = taskDefaults.withDefaults(parent.taskDefaults);
        }
        if (taskDefaults.isEmpty()) {
            taskDefaults = null;
        } else if (options != model.flowOptions()) {
            checkResultNames(taskDefaults, model.describe());
        }
        FlowRunRecord resumes = request == null ? null : request.resumes();
        if (resumes != null) {
            checkResumable(model, resumes, parent);
        }
        FlowRunImpl run = new FlowRunImpl(model, namer.template(), parent, name, args, runnerName, runners.get(runnerName),
                options, taskDefaults, timer);
        run.resumes = resumes != null ? PreviousResults.of(resumes) : parent != null ? parent.resumes : null;
        if (parent != null) {
            run.historyEntry = parent.historyEntry;
            if (run.historyEntry != null) {
                run.historyEntry.subflowStarted(run);
            }
            parent.addSubflow(run, plan.upstreams());
        } else {
            if (history != null) {
                run.historyEntry = history.started(run);
            }
            remember(run);
        }
        try {
            for (Upstream upstream : plan.upstreams()) {
                upstream.run().await();
            }
            Upstream failed = plan.failedUpstream();
            if (failed != null) {
                UpstreamFailedException error = new UpstreamFailedException(namer.template(), failed.run(), failed.run().error().orElse(null));
                run.finish(State.FAILED, error);
                throw error;
            }
            plan.observeAllowedFailures();
            return runFlow(run, proxy, plan.resolve(args).loaded());
        } finally {
            if (parent == null) {
                keepSummary(run);
            }
        }
    }

    /**
     * Once a recorded top-level run has ended, the recent runs keep its summary in its place, which
     * reads the details from the run store: the live run, with every task run, goes once its final
     * record is written. Unrecorded runs are kept whole.
     */
    private void keepSummary(FlowRunImpl run) {
        if (run.historyEntry == null || !run.state().isFinal()) {
            return;
        }
        FlowRun summary = history.finished(run.historyEntry);
        synchronized (recentFlowRuns) {
            ListIterator<FlowRun> newestFirst = recentFlowRuns.listIterator(recentFlowRuns.size());
            while (newestFirst.hasPrevious()) {
                if (newestFirst.previous() == run) {
                    newestFirst.set(summary);
                    return;
                }
            }
        }
    }

    /** A resumed run is a top-level run of the flow method the run it resumes ran. */
    private static void checkResumable(MethodModel model, FlowRunRecord resumes, FlowRunImpl parent) {
        String flowMethod = FlowRunImpl.flowMethod(model);
        if (!flowMethod.equals(resumes.flowMethod())) {
            throw new IllegalArgumentException("flow run " + resumes.id() + " ('" + resumes.name() + "') ran flow "
                    + resumes.flowMethod() + ", not " + flowMethod + "; resume it by calling " + resumes.flowMethod());
        }
        if (parent != null) {
            throw new IllegalArgumentException("flow run " + resumes.id() + " ('" + resumes.name() + "') can be resumed only by a "
                    + "top-level flow run, not inside flow run '" + parent.name() + "'");
        }
    }

    private Object runFlow(FlowRunImpl run, Object proxy, Object[] args) throws Throwable {
        Frame previousFrame = Frame.enter(new Frame(run, null));
        try {
            return run.run(proxy, args);
        } finally {
            Frame.restore(previousFrame);
        }
    }

    // ---- bookkeeping ----------------------------------------------------------------------------

    private long nextNumber(String key) {
        return counters.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
    }

    private void remember(FlowRun run) {
        synchronized (recentFlowRuns) {
            recentFlowRuns.addLast(run);
            while (recentFlowRuns.size() > flowRunHistory) {
                recentFlowRuns.removeFirst();
            }
        }
    }

    public List<FlowRun> recentFlowRuns() {
        synchronized (recentFlowRuns) {
            return List.copyOf(recentFlowRuns);
        }
    }

    public Optional<FlowRun> lastFlowRun() {
        synchronized (recentFlowRuns) {
            return Optional.ofNullable(recentFlowRuns.peekLast());
        }
    }

    /** The history this engine writes, read through its recorder so that reads see every change; null when it is off. */
    public RunHistory runHistory() {
        return history == null ? null : history.history();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (TaskRunner runner : runners.values()) {
            try {
                runner.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        timer.shutdownNow();
        results.close();
        for (TaskRunImpl run : List.copyOf(awaitingRetry)) {
            if (awaitingRetry.remove(run)) {
                run.crash(new IllegalStateException("task run '" + run.name() + "' was waiting to retry when its Rivulet was closed"));
            }
        }
        if (history != null) {
            try {
                history.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Closing the run history in {} failed", history.describe(), e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
