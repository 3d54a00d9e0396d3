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
import dev.rivulet.UpstreamFailedException;
import dev.rivulet.extension.TaskBody;
import dev.rivulet.history.ArtifactRecord;
import dev.rivulet.history.ResultLocation;
import dev.rivulet.internal.attempt.AttemptBody;
import dev.rivulet.internal.attempt.AttemptContext;
import dev.rivulet.internal.attempt.AttemptFailures;
import dev.rivulet.internal.attempt.AttemptLoop;
import dev.rivulet.internal.attempt.AttemptedRun;
import dev.rivulet.internal.attempt.MdcScope;
import dev.rivulet.internal.attempt.RetrySchedule;
import dev.rivulet.internal.cache.Lineages;
import dev.rivulet.internal.graph.ArgumentPlan;
import dev.rivulet.internal.graph.IdentityResults;
import dev.rivulet.internal.graph.ResolvedArguments;
import dev.rivulet.internal.graph.RunNode;
import dev.rivulet.internal.graph.Upstream;
import dev.rivulet.internal.history.HistoryRecorder;
import dev.rivulet.internal.history.PreviousResults;
import dev.rivulet.internal.history.RecordedTaskRun;
import dev.rivulet.internal.model.MethodModel;
import dev.rivulet.internal.remote.EncodedCall;
import dev.rivulet.internal.remote.Outcomes;
import dev.rivulet.internal.remote.StoredArgument;
import dev.rivulet.internal.result.PersistedValue;
import dev.rivulet.internal.result.ResultAttempt;
import dev.rivulet.internal.result.ResultPolicy;
import dev.rivulet.internal.result.Results;
import dev.rivulet.internal.result.UncachedLineage;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.runner.ReadyTaskRun;
import dev.rivulet.runner.RemoteTaskCall;
import dev.rivulet.runner.TaskCallSender;
import dev.rivulet.runner.TaskRunner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run: its state machine and hooks, with its attempts, retries and timeout in an {@link
 * AttemptLoop}; a node of its flow's graph and, when its inputs are ready, the {@link ReadyTaskRun}
 * its runner receives.
 *
 * <p>The run does not keep its result: a submitted run hands it to its {@link TaskFutureImpl}, a
 * direct call returns it. So a flow run's graph, kept for inspection after the run, holds no
 * results, and a result lives exactly as long as the code that uses it keeps it.
 */
final class TaskRunImpl extends RunRecord implements RunNode, ReadyTaskRun, AttemptedRun, RecordedTaskRun {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.TaskRun");

    /** The task, its options, flow and the rest, shared with the flow's other runs of the task called the same way. */
    private final TaskCall call;
    /** The call's arguments, dropped when the run is over. */
    private Object[] args;
    final ArgumentPlan plan;
    private final long sequence;
    private String name;
    /** Whether the run's future holds a stand-in for a value that was written to a store and dropped. */
    private volatile boolean valueDropped;
    /** Where the run's result was written or found; null if it was not persisted. */
    private volatile ResultLocation resultLocation;
    /** What stands for the run's result in dependents' keys, once it ended with one; see {@link #lineage()}. */
    private volatile String lineage;
    /** The lineage the attempt under way worked out, published when the run ends with its value. */
    private volatile String attemptLineage;

    /** The last attempt of a task of a {@link dev.rivulet.extension.TaskType}; null for other tasks. */
    private volatile TypedInvocation typedInvocation;

    /** The future a submitted run completes; null for a direct call, and once the run is over. */
    private volatile TaskFutureImpl<Object> future;
    /** A direct call's result, between the attempt that made it and the caller taking it. */
    private Object inlineResult;
    /** The results of the attempt under way, when its task persists them; the run ends through them. */
    private ResultAttempt attemptResults;
    /**
     * The run's attempts; made when the first one starts (or the run is cancelled), as a pending run
     * needs none, and let go when a run of one attempt that did not fail is over.
     */
    private volatile AttemptLoop attempts;
    /** Whether the run ended with the failure of an attempt, rather than before one or between two. */
    private volatile boolean endedInAttempt;
    /** Why the run failed, as text; made when first asked for. */
    private volatile AttemptFailure failureRecord;
    /** The run's position among its flow run's task runs; set when it joins the flow's graph. */
    int indexInFlow;
    /** Whether someone has taken notice of this run's failure, so it need not fail its flow. */
    private volatile boolean failureObserved;
    /**
     * How far the run has ended, one byte for two facts: {@link #ENDING} once an ending has won
     * (the run is finished, nothing else may end it), {@link #OVER} when everything ending does is
     * done and {@link #completion()} completes.
     */
    private volatile byte ending;
    private static final byte NOT_ENDED = 0;
    private static final byte ENDING = 1;
    private static final byte OVER = 2;
    /** How many of its upstreams a submitted run still waits for, plus one while it is being scheduled. */
    private volatile int upstreamsLeft;
    /**
     * Who waits for this run to be over, in one field, as a pending run is mostly waited for by
     * nobody or by one dependent: null, one submitted run, the {@link CompletableFuture} of {@link
     * #completion()}, or {@link Waiters} for more; {@link #NO_MORE_WAITERS} once the run is over.
     * Guarded by this run.
     */
    private Object waiters;
    private static final Object NO_MORE_WAITERS = new Object();
    private static final VarHandle ENDING_STATE;
    private static final VarHandle UPSTREAMS_LEFT;
    private static final VarHandle ATTEMPTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENDING_STATE = lookup.findVarHandle(TaskRunImpl.class, "ending", byte.class);
            UPSTREAMS_LEFT = lookup.findVarHandle(TaskRunImpl.class, "upstreamsLeft", int.class);
            ATTEMPTS = lookup.findVarHandle(TaskRunImpl.class, "attempts", AttemptLoop.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    TaskRunImpl(TaskCall call, Object[] args, ArgumentPlan plan, long sequence) {
        this.call = call;
        this.args = args;
        this.plan = plan;
        this.sequence = sequence;
    }

    /** Whether an ending has won: the run is over or about to be, and nothing else may end it. */
    private boolean finished() {
        return ending != NOT_ENDED;
    }

    /** Whether the run has ended and everything that ending does is done. */
    private boolean over() {
        return ending == OVER;
    }

    /** The run's attempts, made at the first call. */
    private AttemptLoop attemptLoop() {
        AttemptLoop loop = attempts;
        if (loop == null) {
            AttemptLoop made = new AttemptLoop(this, call.engine().timer());
            loop = (AttemptLoop) ATTEMPTS.compareAndExchange(this, null, made);
            if (loop == null) {
                loop = made;
            }
        }
        return loop;
    }

    // ---- scheduling ---------------------------------------------------------------------------

    /** The task runner this run goes to: its flow's, or the default one. */
    TaskRunner runner() {
        return call.runner();
    }

    /**
     * Hands the run to its runner once its upstreams are done; never parks a thread meanwhile. The
     * run counts the upstreams it waits for, and each upstream, when it is over, counts down the
     * runs waiting for it; the one that counts a run down to zero dispatches it.
     */
    void schedule() {
        int count = plan.upstreamCount();
        if (count == 0) {
            dispatch();
            return;
        }
        // One more than the upstreams, so that no upstream dispatches the run before all are counted.
        upstreamsLeft = count + 1;
        for (int i = 0; i < count; i++) {
            RunNode upstream = plan.upstreamRun(i);
            if (upstream instanceof TaskRunImpl task) {
                if (!task.addDependent(this)) {
                    upstreamOver();
                }
            } else {
                upstream.completion().whenComplete((r, e) -> upstreamOver());
            }
        }
        upstreamOver();
    }

    /** One of the upstreams this run waits for is over; dispatches the run after the last. */
    private void upstreamOver() {
        if ((int) UPSTREAMS_LEFT.getAndAdd(this, -1) == 1) {
            dispatch();
        }
    }

    /** Notes a run to be told when this one is over; false if it is over already. */
    private synchronized boolean addDependent(TaskRunImpl dependent) {
        Object current = waiters;
        if (current == NO_MORE_WAITERS) {
            return false;
        }
        if (current == null) {
            waiters = dependent;
        } else {
            Waiters several = current instanceof Waiters w ? w : new Waiters(current);
            several.add(dependent);
            waiters = several;
        }
        return true;
    }

    /** Tells whoever waits for this run that it is over: the dependents in the order they were submitted, then the completion. */
    private void notifyWaiters() {
        Object waiting;
        synchronized (this) {
            waiting = waiters;
            waiters = NO_MORE_WAITERS;
        }
        if (waiting instanceof TaskRunImpl single) {
            single.upstreamOver();
        } else if (waiting instanceof Waiters several) {
            several.notifyAll(this);
        } else if (waiting instanceof CompletableFuture<?> completion) {
            complete(completion);
        }
    }

    @SuppressWarnings("unchecked")
    private void complete(CompletableFuture<?> completion) {
        ((CompletableFuture<TaskRunImpl>) completion).complete(this);
    }

    /**
     * The runs waiting for one run, in an array that grows as a list's does (a reference each), and
     * the run's completion if it was asked for.
     */
    private static final class Waiters {
        private TaskRunImpl[] runs = new TaskRunImpl[4];
        private int size;
        private CompletableFuture<?> completion;

        /** Waiters starting with {@code first}: a dependent run or a completion. */
        Waiters(Object first) {
            if (first instanceof TaskRunImpl run) {
                add(run);
            } else {
                completion = (CompletableFuture<?>) first;
            }
        }

        void add(TaskRunImpl run) {
            if (size == runs.length) {
                runs = Arrays.copyOf(runs, size + (size >> 1));
            }
            runs[size++] = run;
        }

        void notifyAll(TaskRunImpl over) {
            for (int i = 0; i < size; i++) {
                runs[i].upstreamOver();
            }
            if (completion != null) {
                over.complete(completion);
            }
        }
    }

    private void dispatch() {
        if (finished()) {
            return;
        }
        try {
            call.runner().submit(this);
        } catch (RuntimeException e) {
            finishWithRunIdsLogged(State.CRASHED, e);
        }
    }

    @Override
    public void run() {
        if (finished()) {
            return;
        }
        long retryDelay;
        try {
            retryDelay = attemptLoop().step();
        } catch (Throwable t) {
            // A fault of the runtime itself: the run must still end, or its flow would wait forever.
            finishWithRunIdsLogged(State.CRASHED, t);
            return;
        }
        if (retryDelay == AttemptLoop.DONE) {
            return;
        }
        if (retryDelay == 0) {
            dispatch();
            return;
        }
        call.engine().retryLater(this, retryDelay, this::dispatch);
    }

    /** Runs the task in the calling thread, retries included, and returns its value or throws its failure. */
    Object callInline() throws Throwable {
        for (int i = 0, count = plan.upstreamCount(); i < count; i++) {
            plan.upstreamRun(i).await();
        }
        attemptLoop().runInThread();
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

    // ---- attempts ------------------------------------------------------------------------------

    /** Checks upstreams and resolves arguments; the attempt runs the body, its results looked up and written. */
    @Override
    public AttemptBody nextAttempt() {
        if (finished()) {
            return null;
        }
        if (attemptLoop().cancelRequested()) {
            finish(State.CANCELLED, null, new CancellationException("task run '" + name() + "' was cancelled"));
            return null;
        }
        Upstream failed = plan.failedUpstream();
        if (failed != null) {
            failed.run().observeFailure();
            State outcome = failed.run().state() == State.CANCELLED ? State.CANCELLED : State.FAILED;
            finish(outcome, null, new UpstreamFailedException(call.namer().template(), failed.run(), failed.run().error().orElse(null)));
            return null;
        }
        plan.observeAllowedFailures();
        // A run given a failure in place of a value neither reads nor writes results: its inputs do
        // not stand for what they would have been, and a result computed from them must not be
        // found by, or overwrite, runs whose inputs are real.
        boolean receivesFailure = plan.receivesFailure();
        ResultPolicy policy = receivesFailure ? null : call.resultPolicy();
        ResolvedArguments resolved;
        try {
            resolved = plan.resolve(args);
        } catch (RuntimeException e) {
            finish(State.FAILED, null, new IllegalStateException("cannot pass the upstream values to task run '" + name() + "': " + e.getMessage(), e));
            return null;
        }
        ResultAttempt results = policy == null ? null : new ResultAttempt(policy, this, future == null, !call.options().onCompletion().isEmpty());
        attemptResults = results;
        attemptLineage = null;
        boolean hasLineage = call.options().lineage() && !receivesFailure;
        return context -> runBody(context, resolved, results, hasLineage);
    }

    /**
     * One attempt's work: the cached value, or the body's, written to the store if the task persists
     * it. Upstream values dropped from memory are loaded only when the body runs, or when the key
     * cannot do without them.
     */
    private Object runBody(AttemptContext context, ResolvedArguments resolved, ResultAttempt results, boolean hasLineage) throws Throwable {
        Frame previousFrame = Frame.enter(new Frame(call.flow(), this));
        try {
            // A persisted result is recorded with its lineage, which a resumed run matches it by.
            boolean uncachedLineage = hasLineage && (results != null || call.engine().results().cachingDefined());
            Lineages lineages = results != null || uncachedLineage ? lineages(resolved) : Lineages.NONE;
            if (results != null) {
                boolean keyNeedsValues = results.keysReadArgumentValues() || !resolved.unloadedHaveLineage();
                boolean hit = results.findCached(keyNeedsValues ? loaded(resolved) : resolved.values(), lineages);
                if (hasLineage && results.cacheKey() != null) {
                    attemptLineage = results.cacheKey();
                }
                if (hit) {
                    return null;
                }
            }
            if (uncachedLineage && attemptLineage == null) {
                attemptLineage = UncachedLineage.of(call.model(), call.options(), resolved.values(), lineages);
            }
            if (results != null && attemptLineage != null) {
                FlowRunImpl flow = call.flow();
                PreviousResults resumed = flow == null ? null : flow.resumes;
                if (resumed != null && results.reuse(resumed.find(taskName(), name(), attemptLineage), resumed.runId())) {
                    return null;
                }
            }
            Object result = invokeBody(context, resolved);
            if (results != null) {
                results.write(result);
            }
            return result;
        } finally {
            if (results != null) {
                results.release();
            }
            Frame.restore(previousFrame);
        }
    }

    /**
     * Runs the task's body, or its task type's in its place; where the runner carries bodies out
     * elsewhere, the task's method is called there, through the runner's sender.
     */
    private Object invokeBody(AttemptContext context, ResolvedArguments resolved) throws Throwable {
        TaskCallSender sender = call.runner().callSender().orElse(null);
        TaskBody typeBody = call.model().typeBody();
        if (typeBody == null) {
            return sender == null ? call.model().invokeBody(call.proxy(), loaded(resolved)) : send(sender, context, sent(resolved));
        }
        TypedInvocation.Body body = sender == null ? arguments -> call.model().invokeBody(call.proxy(), arguments)
                : arguments -> send(sender, context, arguments);
        TypedInvocation invocation = new TypedInvocation(this, call, loaded(resolved), body);
        typedInvocation = invocation;
        return typeBody.call(invocation);
    }

    /**
     * The arguments as they are sent: a value that its upstream run left in a result store other
     * JVMs can read goes as a reference to it, unread here; the others as values.
     */
    private Object[] sent(ResolvedArguments resolved) {
        Object[] values = resolved.values();
        Object[] sent = new Object[values.length];
        Results results = call.engine().results();
        for (int i = 0; i < sent.length; i++) {
            PersistedValue stored = resolved.storedAt(i);
            sent[i] = stored != null && results.readableElsewhere(stored.storeName())
                    ? new StoredArgument(stored.storeName(), stored.record())
                    : resolved.loadedAt(i);
        }
        return sent;
    }

    /** Sends the task's method call with {@code arguments} through {@code sender}, and returns its value or throws its failure. */
    private Object send(TaskCallSender sender, AttemptContext context, Object[] arguments) throws Throwable {
        MethodModel model = call.model();
        Results results = call.engine().results();
        Serializer serializer = results.serializer(call.options().serializer().orElse(results.defaultSerializerName()));
        FlowRunImpl flow = call.flow();
        Method method = model.method();
        // The stub's interface, not the method's declaring one: an inherited task is found through it, and its implementation is the stub's.
        Class<?> stubType = call.proxy().getClass().getInterfaces()[0];
        RemoteTaskCall remote = EncodedCall.encode(taskName(), name(), id(), flow == null ? null : flow.id(), context.attempt(),
                context.timeout(), stubType, method, model.body() != method, model.parameterNames(), serializer, arguments);
        byte[] outcome = sender.send(remote);
        return Outcomes.read(outcome, serializer, method.getGenericReturnType(), stubType.getClassLoader(), name());
    }

    /** The edges from the runs whose artifacts this run's task type read by name; empty for most runs. */
    List<Upstream> reads() {
        TypedInvocation invocation = typedInvocation;
        return invocation == null ? List.of() : invocation.reads();
    }

    @Override
    public ArtifactRecord artifact() {
        TypedInvocation invocation = typedInvocation;
        return invocation == null ? null : invocation.artifact();
    }

    /** The arguments with every upstream value read, for the body (or a key that reads values). */
    private Object[] loaded(ResolvedArguments resolved) {
        try {
            return resolved.loaded();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot pass the upstream values to task run '" + name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * The upstream results among a run's arguments, by their lineage: values that took the place of
     * futures, and results of the flow's runs passed by value (quoted ones too), at any depth.
     */
    private Lineages lineages(ResolvedArguments resolved) {
        FlowRunImpl flow = call.flow();
        IdentityResults known = flow == null || flow.results.isEmpty() ? null : flow.results;
        if (known == null && !resolved.hasProducers()) {
            return Lineages.NONE;
        }
        return value -> {
            RunNode producer = resolved.producerOf(value);
            if (producer == null && known != null) {
                producer = known.lookup(value);
            }
            return producer == null ? null : producer.lineage();
        };
    }

    /**
     * A value of this run read from its store for whoever asked; the value counts as this run's
     * result, so passing it on to a task keys it by this run's lineage.
     */
    Object load(PersistedValue persisted) {
        Object value = persisted.load();
        FlowRunImpl flow = call.flow();
        if (flow != null) {
            flow.results.register(value, this);
        }
        return value;
    }

    @Override
    public String lineage() {
        return lineage;
    }

    @Override
    public String kind() {
        return "task run";
    }

    @Override
    public MdcScope openMdc() {
        FlowRunImpl flow = call.flow();
        return MdcScope.open(flow == null ? null : flow.id(), id(), call.namer().template());
    }

    @Override
    public Duration attemptTimeout() {
        return call.options().timeout().orElse(null);
    }

    /** A runner that sends bodies elsewhere has the timeout kept there, from when the body starts, not from when it is sent. */
    @Override
    public boolean timeoutGuardedHere() {
        return call.runner().callSender().isEmpty();
    }

    @Override
    public RetrySchedule retrySchedule() {
        TaskOptions options = call.options();
        return new RetrySchedule(options.retries(), options.retryDelays(), options.retryBackoff(), options.retryJitterFactor());
    }

    @Override
    public Predicate<Throwable> retryCondition() {
        return call.options().retryCondition();
    }

    /** A value or key that cannot be stored fails the same way again; a cancelled run stays cancelled. */
    @Override
    public State endsWithoutRetry(Throwable failure) {
        if (failure instanceof SerializationException || failure instanceof ResultKeyException) {
            return State.FAILED;
        }
        return failure instanceof CancellationException ? State.CANCELLED : null;
    }

    @Override
    public void succeeded(Object value) {
        ResultAttempt results = attemptResults;
        attemptResults = null;
        if (results == null) {
            TypedInvocation invocation = typedInvocation;
            finish(invocation != null && invocation.wasReused() ? State.CACHED : State.COMPLETED, value, null);
        } else {
            finishWithResult(results, value);
        }
    }

    @Override
    public void ended(State state, Throwable failure) {
        attemptResults = null;
        finish(state, null, failure);
    }

    @Override
    public void interruptedWhileWaiting(Throwable lastFailure, InterruptedException interrupt) {
        finish(State.CANCELLED, null, new CancellationException("interrupted while waiting to retry task run '" + name() + "'"));
    }

    /** Ends a run whose result went through its result policy: cached or computed, in memory or only in the store. */
    private void finishWithResult(ResultAttempt results, Object computed) {
        TypedInvocation invocation = typedInvocation;
        State finalState = results.hit() || invocation != null && invocation.wasReused() ? State.CACHED : State.COMPLETED;
        Object value = results.hit() ? results.cachedValue() : computed;
        PersistedValue persisted = results.persisted();
        valueDropped = persisted != null;
        resultLocation = results.location();
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
        if (!ENDING_STATE.compareAndSet(this, NOT_ENDED, ENDING)) {
            return;
        }
        endedInAttempt = state() == State.RUNNING;
        ended(failure);
        name();
        args = null;
        AttemptLoop loop = attempts;
        if (loop != null && loop.attempts() <= 1 && loop.failures().isEmpty()) {
            // All it would tell, the run's start time tells: a finished run the flow keeps keeps no loop.
            attempts = null;
        }
        TaskFutureImpl<Object> f = future;
        if (finalState.hasValue()) {
            if (f != null) {
                f.value = persisted != null ? persisted : result;
            } else {
                inlineResult = result;
            }
        }
        future = null;
        if (finalState.hasValue()) {
            lineage = attemptLineage;
        }
        attemptLineage = null;
        changeState(finalState);
        if (finalState.hasValue()) {
            if (call.flow() != null && persisted == null) {
                call.flow().results.register(result, this);
            }
            runHooks(call.options().onCompletion(), result);
        } else {
            if (failure instanceof UpstreamFailedException || finalState == State.CANCELLED) {
                LOG.info("Task run '{}' ended {}: {}", name(), finalState, failure == null ? "" : failure.getMessage());
            } else {
                // One line, no stack trace: the failure reaches code that asks for it (a direct call's
                // caller, get(), the flow's FlowFailedException), which prints it; logging the trace
                // here too printed every failure twice.
                LOG.error("Task run '{}' ended {} after {} attempt(s): {}", name(), finalState, attempts(), String.valueOf(failure));
            }
            runHooks(call.options().onFailure(), null);
        }
        ending = OVER;
        notifyWaiters();
        FlowRunImpl flow = call.flow();
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
        MdcScope mdc = openMdc();
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
            AttemptLoop loop = attempts;
            AttemptFailure last = endedInAttempt && loop != null ? loop.lastAttemptFailure() : null;
            record = last != null ? last
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
    public Logger log() {
        return LOG;
    }

    @Override
    HistoryRecorder.Entry historyEntry() {
        FlowRunImpl flow = call.flow();
        return flow == null ? null : flow.historyEntry;
    }

    @Override
    public ResultLocation resultLocation() {
        return resultLocation;
    }

    @Override
    public String name() {
        String n = name;
        if (n == null) {
            n = call.namer().name(args, sequence);
            name = n;
        }
        return n;
    }

    @Override
    public String taskName() {
        return call.namer().template();
    }

    @Override
    public Optional<FlowRun> flowRun() {
        return Optional.ofNullable(call.flow());
    }

    @Override
    public int attempts() {
        AttemptLoop loop = attempts;
        if (loop == null) {
            // No loop yet, or it was let go at the end of a run of one attempt that did not fail.
            return startTime().isPresent() ? 1 : 0;
        }
        return loop.attempts();
    }

    @Override
    public List<Instant> attemptStartTimes() {
        AttemptLoop loop = attempts;
        if (loop == null) {
            return startTime().map(List::of).orElse(List.of());
        }
        return loop.startTimes();
    }

    @Override
    public List<AttemptFailure> attemptFailures() {
        AttemptLoop loop = attempts;
        return loop == null ? List.of() : loop.failures();
    }

    @Override
    public Set<String> tags() {
        return call.options().tags();
    }

    // ---- waiting and cancelling ------------------------------------------------------------------

    @Override
    public void await() {
        if (over()) {
            return;
        }
        CompletableFuture<TaskRunImpl> completion = completion();
        boolean interrupted = false;
        while (true) {
            try {
                completion.get();
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
        if (over()) {
            return;
        }
        try {
            completion().get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RivuletException("interrupted while waiting for task run '" + name() + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the run to end; throws if the waiting thread is interrupted. */
    void awaitOrFail() {
        if (over()) {
            return;
        }
        try {
            completion().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RivuletException("interrupted while waiting for task run '" + name() + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isDone() {
        return over();
    }

    /** See {@link TaskFuture#cancel()}. */
    public boolean cancel() {
        if (finished()) {
            return false;
        }
        if (attemptLoop().cancel()) {
            return true;
        }
        if (state() == State.PENDING || state() == State.RETRYING) {
            finishWithRunIdsLogged(State.CANCELLED, new CancellationException("task run '" + name() + "' was cancelled"));
        }
        return true;
    }

    /** Completes when the run is over; made at the first call, or completed at once if the run is over. */
    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<TaskRunImpl> completion() {
        if (!over()) {
            synchronized (this) {
                Object current = waiters;
                if (current instanceof CompletableFuture<?> completion) {
                    return (CompletableFuture<TaskRunImpl>) completion;
                }
                if (current instanceof Waiters several && several.completion != null) {
                    return (CompletableFuture<TaskRunImpl>) several.completion;
                }
                if (current != NO_MORE_WAITERS) {
                    CompletableFuture<TaskRunImpl> completion = new CompletableFuture<>();
                    if (current == null) {
                        waiters = completion;
                    } else {
                        Waiters several = current instanceof Waiters w ? w : new Waiters(current);
                        several.completion = completion;
                        waiters = several;
                    }
                    return completion;
                }
            }
        }
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public String toString() {
        return "TaskRun[" + name() + ", " + state() + "]";
    }
}
