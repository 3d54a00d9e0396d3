package dev.rivulet.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One attempt's task call as it travels to a member. On the member it is carried out by the
 * member's receiver, and its outcome committed in the outcome map under the attempt's key, with a
 * synchronous backup, unless an earlier execution of the same attempt (on a member that died
 * before answering) committed one first: the first committed outcome wins, and the sender takes
 * it from the map. What the executor keeps of the call is an empty answer, so its slots hold no
 * results.
 */
public final class RemoteAttempt implements Callable<byte[]>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final byte[] COMMITTED = new byte[0];

    private final String attemptKey;
    private final byte[] call;
    private transient HazelcastInstance member;

    public RemoteAttempt(String attemptKey, byte[] call) {
        this.attemptKey = attemptKey;
        this.call = call;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    /** Carries the call out and commits its outcome; returns nothing of it, the sender reads it from the map. */
    @Override
    public byte[] call() {
        byte[] outcome = MemberContext.current().receive(call);
        IMap<String, byte[]> outcomes = member.getMap(ClusterNames.OUTCOMES);
        outcomes.putIfAbsent(attemptKey, outcome, ClusterNames.OUTCOME_MINUTES, TimeUnit.MINUTES);
        return COMMITTED;
    }
}
