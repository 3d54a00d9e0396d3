package dev.rivulet.internal.run;

import dev.rivulet.AttemptFailure;
import dev.rivulet.FlowRun;
import dev.rivulet.ResultKeyException;
import dev.rivulet.RivuletException;
import dev.rivulet.State;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskHook;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.TaskTimeoutException;
import dev.rivulet.UpstreamFailedException;
import dev.rivulet.internal.graph.ArgumentPlan;
import dev.rivulet.internal.graph.RunNode;
import dev.rivulet.internal.graph.Upstream;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.internal.model.RunNamer;
import dev.rivulet.internal.result.KeyLockInterruptedException;
import dev.rivulet.internal.result.PersistedValue;
import dev.rivulet.internal.result.ResultAttempt;
import dev.rivulet.internal.result.ResultPolicy;
import dev.rivulet.result.SerializationException;
import dev.rivulet.runner.ReadyTaskRun;
import dev.rivulet.runner.TaskRunner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run: its state machine, attempts, retries, timeout and hooks; a node of its flow's graph
 * and, when its inputs are ready, the {@link ReadyTaskRun} its runner receives.
 *
 * <p>The run does not keep its result: a submitted run hands it to its {@link TaskFutureImpl}, a
 * direct call returns it. So a flow run's graph, kept for inspection after the run, holds no
 * results, and a result lives exactly as long as the code that uses it keeps it.
 */
final class TaskRunImpl extends RunRecord implements RunNode, ReadyTaskRun {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.TaskRun");
    private static final long DONE = -1;

    private final Engine engine;
    private final MethodModel model;
    private final TaskOptions options;
    private final RunNamer namer;
    private final FlowRunImpl flow;
    private final Object proxy;
    /** The call's arguments, dropped when the run is over. */
    private Object[] args;
    final ArgumentPlan plan;
    private final TaskRunner runner;
    private final long sequence;
    /** How results are persisted and cached; null when they are not. */
    private final ResultPolicy resultPolicy;
    private String name;
    /** Whether the run's future holds a stand-in for a value that was written to a store and dropped. */
    private volatile boolean valueDropped;

    /** The future a submitted run completes; null for a direct call, and once the run is over. */
    private volatile TaskFutureImpl<Object> future;
    /** A direct call's result, between the attempt that made it and the caller taking it. */
    private Object inlineResult;
    /** When the second and later attempts started; the first is the run's start time. Made on the first retry. */
    private List<Instant> laterAttemptStarts;
    /** Why attempts failed; made at the first failure. */
    private volatile AttemptFailures attemptFailures;
    /** Whether the run ended with the failure of an attempt, rather than before one or between two. */
    private volatile boolean endedInAttempt;
    /** Why the run failed, as text; made when first asked for. */
    private volatile AttemptFailure failureRecord;
    private volatile int attempts;
    private volatile Attempt current;
    private volatile boolean cancelRequested;
    /** The run's position among its flow run's task runs; set when it joins the flow's graph. */
    int indexInFlow;
    /** Whether someone has taken notice of this run's failure, so it need not fail its flow. */
    private volatile boolean failureObserved;
    private volatile boolean finished;
    private static final VarHandle FINISHED;

    static {
        try {
            FINISHED = MethodHandles.lookup().findVarHandle(TaskRunImpl.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private final CompletableFuture<TaskRunImpl> done = new CompletableFuture<>();

    TaskRunImpl(Engine engine, MethodModel model, TaskOptions options, RunNamer namer, FlowRunImpl flow, Object proxy,
                Object[] args, ArgumentPlan plan, TaskRunner runner, long sequence, ResultPolicy resultPolicy) {
        this.resultPolicy = resultPolicy;
        this.engine = engine;
        this.model = model;
        this.options = options;
        this.namer = namer;
        this.flow = flow;
        this.proxy = proxy;
        this.args = args;
        this.plan = plan;
        this.runner = runner;
        this.sequence = sequence;
    }

    // ---- scheduling ---------------------------------------------------------------------------

    /** Hands the run to its runner once its upstreams are done; never parks a thread meanwhile. */
    void schedule() {
        List<Upstream> upstreams = plan.upstreams;
        if (upstreams.isEmpty()) {
            dispatch();
            return;
        }
        AtomicInteger remaining = new AtomicInteger(upstreams.size());
        for (Upstream upstream : upstreams) {
            upstream.run().completion().whenComplete((r, e) -> {
                if (remaining.decrementAndGet() == 0) {
                    dispatch();
                }
            });
        }
    }

    private void dispatch() {
        if (finished) {
            return;
        }
        try {
            runner.submit(this);
        } catch (RuntimeException e) {
            finishWithRunIdsLogged(State.CRASHED, e);
        }
    }

    @Override
    public void run() {
        long retryDelay;
        try {
            retryDelay = attempt();
        } catch (Throwable t) {
            // A fault of the runtime itself: the run must still end, or its flow would wait forever.
            finishWithRunIdsLogged(State.CRASHED, t);
            return;
        }
        if (retryDelay == DONE) {
            return;
        }
        if (retryDelay == 0) {
            dispatch();
            return;
        }
        engine.retryLater(this, retryDelay, this::dispatch);
    }

    /** Runs the task in the calling thread, retries included, and returns its value or throws its failure. */
    Object callInline() throws Throwable {
        for (Upstream upstream : plan.upstreams) {
            upstream.run().await();
        }
        while (true) {
            long retryDelay = attempt();
            if (retryDelay == DONE) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(retryDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(State.CANCELLED, null, new CancellationException("interrupted while waiting to retry task run '" + name() + "'"));
            }
        }
        if (state().hasValue()) {
            Object result = inlineResult;
            inlineResult = null;
            return result;
        }
        failureObserved = true;
        throw error().orElseThrow();
    }

    /** The future of this run, for a submission; made once, before the run is scheduled. */
    TaskFutureImpl<Object> newFuture() {
        TaskFutureImpl<Object> f = new TaskFutureImpl<>(this);
        future = f;
        return f;
    }

    /**
     * One attempt: checks upstreams, resolves arguments, runs the body under the timeout.
     *
     * @return {@link #DONE} when the run reached a final state, else the delay before the retry
     */
    private long attempt() {
        if (finished) {
            return DONE;
        }
        MdcScope mdc = MdcScope.open(flow == null ? null : flow.id(), id(), namer.template());
        try {
            return attemptWithRunIdsLogged();
        } finally {
            mdc.close();
        }
    }

    private long attemptWithRunIdsLogged() {
        if (cancelRequested) {
            finish(State.CANCELLED, null, new CancellationException("task run '" + name() + "' was cancelled"));
            return DONE;
        }
        Upstream failed = plan.failedUpstream();
        if (failed != null) {
            failed.run().observeFailure();
            State outcome = failed.run().state() == State.CANCELLED ? State.CANCELLED : State.FAILED;
            finish(outcome, null, new UpstreamFailedException(namer.template(), failed.run(), failed.run().error().orElse(null)));
            return DONE;
        }
        plan.observeAllowedFailures();
        // A run given a failure in place of a value neither reads nor writes results: its inputs do
        // not stand for what they would have been, and a result computed from them must not be
        // found by, or overwrite, runs whose inputs are real.
        ResultPolicy policy = plan.receivesFailure() ? null : resultPolicy;
        Object[] resolved;
        try {
            resolved = plan.resolve(args);
        } catch (RuntimeException e) {
            finish(State.FAILED, null, new IllegalStateException("cannot pass the upstream values to task run '" + name() + "': " + e.getMessage(), e));
            return DONE;
        }
        Instant now = Instant.now();
        if (attempts > 0) {
            synchronized (this) {
                if (laterAttemptStarts == null) {
                    laterAttemptStarts = new ArrayList<>(2);
                }
                laterAttemptStarts.add(now);
            }
        }
        started(now);
        attempts++;
        changeState(State.RUNNING);

        Attempt attempt = new Attempt(Thread.currentThread());
        current = attempt;
        Duration timeout = options.timeout().orElse(null);
        if (timeout != null) {
            attempt.deadline(engine.timer(), timeout.toNanos());
        }
        Frame previousFrame = Frame.enter(new Frame(flow, this));
        Object result = null;
        Throwable failure = null;
        ResultAttempt results = policy == null ? null : new ResultAttempt(policy, this, future == null);
        try {
            if (cancelRequested) {
                attempt.interrupt(Attempt.Interruption.CANCEL);
            }
            if (results == null || !results.findCached(resolved)) {
                result = model.invokeBody(proxy, resolved);
                if (results != null) {
                    results.write(result);
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (results != null) {
                results.release();
            }
            Attempt.Interruption interruption = attempt.end();
            current = null;
            Frame.restore(previousFrame);
            if (interruption == Attempt.Interruption.TIMEOUT) {
                failure = failure instanceof KeyLockInterruptedException wait
                        ? new TaskTimeoutException(name(), timeout, wait)
                        : new TaskTimeoutException(name(), timeout);
            } else if (interruption == Attempt.Interruption.CANCEL) {
                failure = new CancellationException("task run '" + name() + "' was cancelled while running");
            }
        }
        if (failure != null) {
            recordAttemptFailure(failure);
        }
        if (failure == null) {
            if (results == null) {
                finish(State.COMPLETED, result, null);
            } else {
                finishWithResult(results, result);
            }
            return DONE;
        }
        if (failure instanceof SerializationException || failure instanceof ResultKeyException) {
            finish(State.FAILED, null, failure);
            return DONE;
        }
        if (failure instanceof CancellationException) {
            finish(State.CANCELLED, null, failure);
            return DONE;
        }
        if (failure instanceof VirtualMachineError) {
            finish(State.CRASHED, null, failure);
            return DONE;
        }
        if (attempts <= options.retries() && retryable(failure)) {
            long delay = RetryDelays.nanos(options.retryDelays(), options.retryBackoff(), options.retryJitterFactor(), attempts);
            LOG.warn("Task run '{}' attempt {} of {} failed; retrying in {} ms", name(), attempts, options.retries() + 1,
                    TimeUnit.NANOSECONDS.toMillis(delay), failure);
            changeState(State.RETRYING);
            return delay;
        }
        finish(State.FAILED, null, failure);
        return DONE;
    }

    /** Keeps the attempt's failure as text; best effort, since the run must end whatever happens here. */
    private void recordAttemptFailure(Throwable failure) {
        try {
            AttemptFailures kept = attemptFailures;
            if (kept == null) {
                kept = new AttemptFailures();
                attemptFailures = kept;
            }
            kept.add(AttemptFailures.of(attempts, Instant.now(), failure));
        } catch (RuntimeException | VirtualMachineError e) {
            LOG.debug("Could not record the failure of attempt {} of task run '{}'", attempts, name(), e);
        }
    }

    private boolean retryable(Throwable failure) {
        try {
            return options.retryCondition().test(failure);
        } catch (RuntimeException e) {
            LOG.error("Retry condition of task '{}' threw; not retrying", namer.template(), e);
            return false;
        }
    }

    /** Ends a run whose result went through its result policy: cached or computed, in memory or only in the store. */
    private void finishWithResult(ResultAttempt results, Object computed) {
        State finalState = results.hit() ? State.CACHED : State.COMPLETED;
        Object value = results.hit() ? results.cachedValue() : computed;
        PersistedValue persisted = results.persisted();
        valueDropped = persisted != null;
        finish(finalState, value, persisted, null);
    }

    private void finish(State finalState, Object result, Throwable failure) {
        finish(finalState, result, null, failure);
    }

    /**
     * Ends the run once. {@code persisted}, when given, is what the future holds instead of {@code
     * result}: the value stays in its store, and {@code result} (null for a cache hit) only reaches
     * the hooks.
     */
    private void finish(State finalState, Object result, PersistedValue persisted, Throwable failure) {
        if (!FINISHED.compareAndSet(this, false, true)) {
            return;
        }
        endedInAttempt = state() == State.RUNNING;
        ended(failure);
        name();
        args = null;
        TaskFutureImpl<Object> f = future;
        if (finalState.hasValue()) {
            if (f != null) {
                f.value = persisted != null ? persisted : result;
            } else {
                inlineResult = result;
            }
        }
        future = null;
        changeState(finalState);
        if (finalState.hasValue()) {
            if (flow != null && persisted == null) {
                flow.results.register(result, this);
            }
            runHooks(options.onCompletion(), result);
        } else {
            if (failure instanceof UpstreamFailedException || finalState == State.CANCELLED) {
                LOG.info("Task run '{}' ended {}: {}", name(), finalState, failure == null ? "" : failure.getMessage());
            } else {
                // One line, no stack trace: the failure reaches code that asks for it (a direct call's
                // caller, get(), the flow's FlowFailedException), which prints it; logging the trace
                // here too printed every failure twice.
                LOG.error("Task run '{}' ended {} after {} attempt(s): {}", name(), finalState, attempts, String.valueOf(failure));
            }
            runHooks(options.onFailure(), null);
        }
        done.complete(this);
        if (flow != null) {
            flow.taskRunFinished(this);
        }
    }

    private void runHooks(List<TaskHook> hooks, Object result) {
        for (TaskHook hook : hooks) {
            try {
                hook.onFinal(this, result);
            } catch (RuntimeException e) {
                LOG.error("A {} hook of task run '{}' threw; the run stays {}", state(), name(), state(), e);
            }
        }
    }

    /** Crashes a run that could not be scheduled at all. */
    void crash(RuntimeException cause) {
        finishWithRunIdsLogged(State.CRASHED, cause);
    }

    /** Ends the run without a value from outside an attempt, with the run's ids in the MDC for the logs. */
    private void finishWithRunIdsLogged(State finalState, Throwable failure) {
        MdcScope mdc = MdcScope.open(flow == null ? null : flow.id(), id(), namer.template());
        try {
            finish(finalState, null, failure);
        } finally {
            mdc.close();
        }
    }

    /**
     * Why the run failed, as text: the failure of its last attempt if that ended it, else a record
     * of the error that ended it (attempt 0). Only for a run that ended without a value.
     */
    AttemptFailure failureRecord() {
        AttemptFailure record = failureRecord;
        if (record == null) {
            AttemptFailures kept = attemptFailures;
            AttemptFailure last = endedInAttempt && kept != null ? kept.last() : null;
            record = last != null && last.attempt() == attempts ? last
                    : AttemptFailures.of(0, endTime().orElseGet(Instant::now),
                            error().orElseGet(() -> new IllegalStateException("task run '" + name() + "' ended " + state())));
            failureRecord = record;
        }
        return record;
    }

    /** Whether the run's value was written to its store and dropped from memory. */
    @Override
    public boolean valueDropped() {
        return valueDropped;
    }

    boolean isFailureObserved() {
        return failureObserved;
    }

    @Override
    public void observeFailure() {
        failureObserved = true;
    }

    @Override
    public TaskRun taskRun() {
        return this;
    }

    // ---- TaskRun -----------------------------------------------------------------------------

    @Override
    Logger log() {
        return LOG;
    }

    @Override
    public String name() {
        String n = name;
        if (n == null) {
            n = namer.name(args, sequence);
            name = n;
        }
        return n;
    }

    @Override
    public String taskName() {
        return namer.template();
    }

    @Override
    public Optional<FlowRun> flowRun() {
        return Optional.ofNullable(flow);
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public List<Instant> attemptStartTimes() {
        Optional<Instant> first = startTime();
        if (first.isEmpty()) {
            return List.of();
        }
        List<Instant> all = new ArrayList<>();
        all.add(first.get());
        synchronized (this) {
            if (laterAttemptStarts != null) {
                all.addAll(laterAttemptStarts);
            }
        }
        return List.copyOf(all);
    }

    @Override
    public List<AttemptFailure> attemptFailures() {
        AttemptFailures kept = attemptFailures;
        return kept == null ? List.of() : kept.list();
    }

    @Override
    public Set<String> tags() {
        return options.tags();
    }

    // ---- waiting and cancelling ------------------------------------------------------------------

    @Override
    public void await() {
        boolean interrupted = false;
        while (true) {
            try {
                done.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the run to end, at most {@code nanos}; throws if it has not ended by then. */
    void await(long nanos) throws TimeoutException {
        try {
            done.get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RivuletException("interrupted while waiting for task run '" + name() + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the run to end; throws if the waiting thread is interrupted. */
    void awaitOrFail() {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RivuletException("interrupted while waiting for task run '" + name() + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isDone() {
        return done.isDone();
    }

    /** See {@link TaskFuture#cancel()}. */
    public boolean cancel() {
        if (finished) {
            return false;
        }
        cancelRequested = true;
        Attempt running = current;
        if (running != null && running.interrupt(Attempt.Interruption.CANCEL)) {
            return true;
        }
        if (state() == State.PENDING || state() == State.RETRYING) {
            finishWithRunIdsLogged(State.CANCELLED, new CancellationException("task run '" + name() + "' was cancelled"));
        }
        return true;
    }

    @Override
    public CompletableFuture<TaskRunImpl> completion() {
        return done;
    }

    @Override
    public String toString() {
        return "TaskRun[" + name() + ", " + state() + "]";
    }
}
