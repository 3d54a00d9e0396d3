package dev.rivulet.hazelcast.internal;

/** The names of what the runner uses in a cluster, shared by members and the runner. */
public final class ClusterNames {

    /** The durable executor that carries out task calls and keeps their outcomes. */
    public static final String EXECUTOR = "rivulet-tasks";

    private ClusterNames() {}
}
