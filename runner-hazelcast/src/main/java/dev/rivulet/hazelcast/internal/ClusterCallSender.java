package dev.rivulet.hazelcast.internal;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import dev.rivulet.runner.RemoteTaskCall;
import dev.rivulet.runner.RemoteTaskException;
import dev.rivulet.runner.TaskCallSender;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each attempt's call to the cluster's durable executor, keyed by the attempt, so that a
 * member that dies while carrying it out, or with it in its queue, has it carried out again by the
 * member that takes over its partition; waits for the outcome in the attempt's thread, asking for
 * it again when the member it asked is lost, then takes the committed outcome out of the cluster's
 * map. At most a bounded number of calls are in the cluster at once.
 */
public final class ClusterCallSender implements TaskCallSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCallSender.class);
    /** How many times an outcome is asked for again after losing the member asked, before the run fails. */
    private static final int MOST_RETRIEVALS = 100;

    private final HazelcastInstance instance;
    private final DurableExecutorService executor;
    private final IMap<String, byte[]> outcomes;
    private final Semaphore inFlight;
    private final String cluster;
    private volatile boolean closed;

    /**
     * @param instance the client or member calls go through
     * @param maxInFlight how many calls may be in the cluster at once
     * @param cluster the cluster as messages name it
     */
    public ClusterCallSender(HazelcastInstance instance, int maxInFlight, String cluster) {
        this.instance = instance;
        this.executor = instance.getDurableExecutorService(ClusterNames.EXECUTOR);
        this.outcomes = instance.getMap(ClusterNames.OUTCOMES);
        this.inFlight = new Semaphore(maxInFlight);
        this.cluster = cluster;
    }

    @Override
    public byte[] send(RemoteTaskCall call) throws Exception {
        inFlight.acquire();
        try {
            DurableExecutorServiceFuture<byte[]> submitted;
            try {
                submitted = executor.submitToKeyOwner(new RemoteAttempt(call.attemptKey(), call.encoded()), call.attemptKey());
            } catch (RuntimeException e) {
                throw failure(call, e);
            }
            long taskId = submitted.getTaskId();
            Future<byte[]> waiting = submitted;
            for (int retrievals = 0; ; retrievals++) {
                try {
                    waiting.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (interruption(cause)) {
                        throw new InterruptedException("interrupted while waiting for task run '" + call.taskRunName() + "' on " + cluster);
                    }
                    if (!memberLost(cause) || !instance.getLifecycleService().isRunning() || retrievals == MOST_RETRIEVALS) {
                        throw failure(call, cause);
                    }
                    // The member asked is gone, or the wait outlived the client's invocation timeout:
                    // the partition's new owner carries the call out again; ask it.
                    LOG.debug("Asking again for the outcome of task run '{}' after {}", call.taskRunName(), cause.toString());
                    waiting = executor.retrieveResult(taskId);
                    continue;
                } catch (RuntimeException e) {
                    throw failure(call, e);
                }
                return takeOutcome(call);
            }
        } finally {
            inFlight.release();
        }
    }

    /**
     * Reads the attempt's committed outcome from the map, then deletes it there in the background, so
     * that the map keeps no result. A read, unlike a removal, is asked again by the client when the
     * member it asked is lost.
     */
    private byte[] takeOutcome(RemoteTaskCall call) throws RemoteTaskException {
        byte[] outcome;
        try {
            outcome = outcomes.get(call.attemptKey());
        } catch (RuntimeException e) {
            throw failure(call, e);
        }
        if (outcome != null) {
            outcomes.deleteAsync(call.attemptKey()).whenComplete((deleted, e) -> {
                if (e != null) {
                    LOG.debug("Could not delete the outcome of {} from {}; it expires", call.attemptKey(), cluster, e);
                }
            });
        }
        if (outcome == null) {
            throw new RemoteTaskException("task run '" + call.taskRunName() + "' was carried out by the Hazelcast cluster " + cluster
                    + ", but its outcome is not in the map '" + ClusterNames.OUTCOMES + "': it was lost with members that left at once");
        }
        return outcome;
    }

    private static boolean interruption(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static boolean memberLost(Throwable cause) {
        return cause instanceof MemberLeftException || cause instanceof TargetDisconnectedException
                || cause instanceof OperationTimeoutException || cause instanceof HazelcastInstanceNotActiveException;
    }

    private RemoteTaskException failure(RemoteTaskCall call, Throwable cause) {
        String run = "task run '" + call.taskRunName() + "'";
        if (closed) {
            return new RemoteTaskException(run + " cannot be carried out: the runner on " + cluster + " was closed while it ran");
        }
        if (cause instanceof HazelcastClientNotActiveException || !instance.getLifecycleService().isRunning()) {
            return new RemoteTaskException(run + " cannot be carried out: the connection to the Hazelcast cluster " + cluster
                    + " is gone (" + cause.getMessage() + "). Every member left or cannot be reached, and the client gave up "
                    + "reconnecting after the runner's clusterConnectTimeout");
        }
        if (cause instanceof HazelcastSerializationException) {
            return new RemoteTaskException(run + " could not be carried out by the Hazelcast cluster " + cluster + ": " + cause.getMessage()
                    + ". The members need Rivulet's runner-hazelcast and the application's classes on their class path "
                    + "(start them with RivuletMember and the application's class path)");
        }
        if (cause instanceof RejectedExecutionException) {
            return new RemoteTaskException(run + " was refused by the Hazelcast cluster " + cluster + ": " + cause.getMessage()
                    + ". Give the members' durable executor '" + ClusterNames.EXECUTOR + "' a capacity above the runner's maxRunsInFlight");
        }
        return new RemoteTaskException(run + " could not be carried out by the Hazelcast cluster " + cluster + ": " + cause);
    }

    /** Notes that the runner is closed, so that runs it cuts short say so. */
    @Override
    public void close() {
        closed = true;
    }
}
