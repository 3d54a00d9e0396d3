package dev.rivulet.hazelcast.internal;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import dev.rivulet.runner.RemoteTaskCall;
import dev.rivulet.runner.RemoteTaskException;
import dev.rivulet.runner.TaskCallSender;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each attempt's call to the cluster's durable executor, keyed by the attempt, and waits for
 * its outcome in the attempt's thread. The executor keeps the call, and then its outcome, in its
 * partition with a backup on another member: a member that dies while carrying the call out, or
 * with it in its queue, has it carried out again by the member that takes over the partition, and
 * an outcome once committed there is the one the attempt gets. A wait that fails because the member
 * asked left asks the partition's new owner again. Once the outcome is here, the executor's copy is
 * disposed of in the background. At most a bounded number of calls are in the cluster at once.
 */
public final class ClusterCallSender implements TaskCallSender, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCallSender.class);
    /** How many times an outcome is asked for again after losing the member asked, before the run fails. */
    private static final int MOST_RETRIEVALS = 100;

    private final HazelcastInstance instance;
    private final DurableExecutorService executor;
    private final Semaphore inFlight;
    private final String cluster;
    private final ExecutorService disposals = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rivulet-hazelcast-dispose-", 0).factory());
    private volatile boolean closed;

    /**
     * @param instance the client or member calls go through
     * @param maxInFlight how many calls may be in the cluster at once
     * @param cluster the cluster as messages name it
     */
    public ClusterCallSender(HazelcastInstance instance, int maxInFlight, String cluster) {
        this.instance = instance;
        this.executor = instance.getDurableExecutorService(ClusterNames.EXECUTOR);
        this.inFlight = new Semaphore(maxInFlight);
        this.cluster = cluster;
    }

    @Override
    public byte[] send(RemoteTaskCall call) throws Exception {
        inFlight.acquire();
        try {
            DurableExecutorServiceFuture<byte[]> submitted;
            try {
                submitted = executor.submitToKeyOwner(new RemoteAttempt(call.encoded()), call.attemptKey());
            } catch (RuntimeException e) {
                throw failure(call, e);
            }
            long taskId = submitted.getTaskId();
            Future<byte[]> waiting = submitted;
            for (int retrievals = 0; ; retrievals++) {
                try {
                    byte[] outcome = waiting.get();
                    dispose(taskId);
                    return outcome;
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
                } catch (RuntimeException e) {
                    throw failure(call, e);
                }
            }
        } finally {
            inFlight.release();
        }
    }

    /** Frees the executor's slot of an answered call, which would hold its outcome until reused, without holding up the run. */
    private void dispose(long taskId) {
        if (closed) {
            return;
        }
        try {
            disposals.execute(() -> {
                try {
                    executor.disposeResult(taskId);
                } catch (RuntimeException e) {
                    LOG.debug("Could not dispose of task {} in {}; its slot is reused later", taskId, cluster, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing: the client goes, and the slots with the cluster's next calls
        }
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
        disposals.shutdown();
    }
}
