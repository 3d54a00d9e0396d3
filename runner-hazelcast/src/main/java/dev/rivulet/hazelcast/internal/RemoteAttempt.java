package dev.rivulet.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One attempt's task call as it travels to a member: the call's bytes and its attempt key. On the
 * member it is carried out by the member's receiver, and its outcome committed under the key unless
 * an earlier execution of the same attempt (on a member that died before answering) committed one
 * first, which is then the answer: the first committed outcome wins.
 */
public final class RemoteAttempt implements Callable<byte[]>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

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

    @Override
    public byte[] call() {
        byte[] outcome = MemberContext.current().receive(call);
        IMap<String, byte[]> outcomes = member.getMap(ClusterNames.OUTCOMES);
        byte[] first = outcomes.putIfAbsent(attemptKey, outcome, ClusterNames.OUTCOME_MINUTES, TimeUnit.MINUTES);
        return first != null ? first : outcome;
    }
}
