package dev.rivulet.hazelcast.internal;

/** The names of what the runner uses in a cluster, shared by members and the runner. */
public final class ClusterNames {

    /** The durable executor that carries out task calls. */
    public static final String EXECUTOR = "rivulet-tasks";
    /** The map of each attempt's first committed outcome, by attempt key. */
    public static final String OUTCOMES = "rivulet-outcomes";
    /** How long a committed outcome is kept: long enough for every copy of the attempt to find it. */
    public static final long OUTCOME_MINUTES = 30;

    private ClusterNames() {}
}
