package dev.rivulet.hazelcast.internal;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.rivulet.runner.RemoteTaskCall;
import dev.rivulet.runner.RemoteTaskException;
import dev.rivulet.runner.TaskCallSender;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Sends each attempt's call to the cluster's durable executor, keyed by the attempt, so that a
 * member that dies while carrying it out has it carried out again by the member that takes over its
 * partition; waits for the outcome in the attempt's thread. At most a bounded number of calls are
 * in the cluster at once.
 */
public final class ClusterCallSender implements TaskCallSender {

    private final DurableExecutorService executor;
    private final Semaphore inFlight;
    private final String cluster;

    /**
     * @param executor the cluster's executor of task calls
     * @param maxInFlight how many calls may be in the cluster at once
     * @param cluster the cluster as messages name it
     */
    public ClusterCallSender(DurableExecutorService executor, int maxInFlight, String cluster) {
        this.executor = executor;
        this.inFlight = new Semaphore(maxInFlight);
        this.cluster = cluster;
    }

    @Override
    public byte[] send(RemoteTaskCall call) throws Exception {
        inFlight.acquire();
        try {
            Future<byte[]> outcome = executor.submitToKeyOwner(new RemoteAttempt(call.attemptKey(), call.encoded()), call.attemptKey());
            return outcome.get();
        } catch (ExecutionException e) {
            throw failure(call, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw failure(call, e);
        } finally {
            inFlight.release();
        }
    }

    private Exception failure(RemoteTaskCall call, Throwable cause) {
        String run = "task run '" + call.taskRunName() + "'";
        if (cause instanceof HazelcastClientNotActiveException || cause instanceof HazelcastInstanceNotActiveException) {
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
}
