package dev.rivulet.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.rivulet.hazelcast.internal.ClusterCallSender;
import dev.rivulet.hazelcast.internal.ClusterSettings;
import dev.rivulet.runner.ReadyTaskRun;
import dev.rivulet.runner.TaskCallSender;
import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A task runner whose task bodies run on the members of a Hazelcast cluster.
 *
 * <p>The runtime stays in this JVM: the graph, cache lookups and result writes, retries, timeouts,
 * states and run records work as on the local runners. Each attempt's method call (the interface,
 * the method, the arguments written with the task's serializer, or, for a value an upstream run left
 * in a result store every member reads, a reference to it) goes to the cluster's durable executor
 * and its outcome comes back; a virtual thread here waits for it, so many runs can be out at once.
 *
 * <p>The members run {@link RivuletMember} (or any member with Rivulet and the application's
 * classes on its class path), which carries calls out with the application's {@link
 * dev.rivulet.cli.RivuletConfiguration}: its serializers, result stores and the implementations of
 * interfaces' abstract methods. A member that dies in the middle of a call has it carried out again
 * by the member that takes over its partition, and the first outcome committed for the attempt is
 * the one every execution of it returns: so a task's side effects may happen twice. If the client
 * loses every member for longer than {@link Builder#clusterConnectTimeout(Duration)}, the runs
 * waiting on the cluster, and those that follow, fail with a {@link
 * dev.rivulet.runner.RemoteTaskException} that says so.
 *
 * {@snippet file="dev/rivulet/hazelcast/snippets/HazelcastRunnerSnippetsTest.java" region="runner"}
 */
public final class HazelcastTaskRunner implements TaskRunner {

    /** The cluster name when none is given. */
    public static final String DEFAULT_CLUSTER_NAME = "rivulet";

    private final String name;
    private final HazelcastInstance instance;
    private final boolean ownsInstance;
    /** Runs attempts here on virtual threads, which send the bodies to the cluster. */
    private final TaskRunner local;
    private final ClusterCallSender sender;

    private HazelcastTaskRunner(String name, HazelcastInstance instance, boolean ownsInstance, int maxRunsInFlight) {
        this.name = name;
        this.instance = instance;
        this.ownsInstance = ownsInstance;
        this.sender = new ClusterCallSender(instance, maxRunsInFlight, name);
        this.local = TaskRunners.sending(name, sender);
    }

    /** {@return a builder of a runner that connects to a cluster as a client} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A runner on a Hazelcast instance the application made and keeps: a client, or a member that
     * also carries calls out. Closing the runner leaves the instance running.
     *
     * @param instance the instance the runner sends calls through
     * @param maxRunsInFlight how many calls may be out at once
     * @return the runner
     */
    public static HazelcastTaskRunner using(HazelcastInstance instance, int maxRunsInFlight) {
        Objects.requireNonNull(instance, "instance");
        requirePositive(maxRunsInFlight, "maxRunsInFlight");
        return new HazelcastTaskRunner("hazelcast(" + instance.getName() + ")", instance, false, maxRunsInFlight);
    }

    /** {@return the Hazelcast instance calls go through, for what the runner does not offer (listening to members, for instance)} */
    public HazelcastInstance instance() {
        return instance;
    }

    @Override
    public String name() {
        return name;
    }

    /** Runs the run's attempt on a virtual thread here, which sends the task's body to the cluster and waits for its outcome. */
    @Override
    public void submit(ReadyTaskRun run) {
        local.submit(run);
    }

    @Override
    public Optional<TaskCallSender> callSender() {
        return local.callSender();
    }

    @Override
    public boolean isClosed() {
        return local.isClosed();
    }

    /** Lets the runs under way finish (waiting a bounded time), then disconnects from the cluster if the runner connected to it. */
    @Override
    public void close() {
        if (local.isClosed()) {
            return;
        }
        local.close();
        sender.close();
        if (ownsInstance) {
            instance.shutdown();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static int requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
        return value;
    }

    /** Settings of a runner that connects to a cluster as a client. */
    public static final class Builder {
        private String clusterName = DEFAULT_CLUSTER_NAME;
        private final List<String> addresses = new ArrayList<>();
        private Duration clusterConnectTimeout = Duration.ofSeconds(60);
        private Duration heartbeatTimeout;
        private int maxRunsInFlight = 1_000;
        private Consumer<ClientConfig> adjust = config -> { };

        private Builder() {}

        /**
         * The cluster's name, which members and clients must share.
         *
         * @param name the name; {@value #DEFAULT_CLUSTER_NAME} by default, as {@link RivuletMember}'s
         * @return this builder
         */
        public Builder clusterName(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("the cluster name must not be blank");
            }
            this.clusterName = name;
            return this;
        }

        /**
         * Adds members to connect to; the client learns the others from them.
         *
         * @param hostsAndPorts addresses such as {@code 10.0.0.5:5701}
         * @return this builder
         */
        public Builder addresses(List<String> hostsAndPorts) {
            for (String address : hostsAndPorts) {
                if (Objects.requireNonNull(address, "address").isBlank()) {
                    throw new IllegalArgumentException("a member address must not be blank");
                }
                addresses.add(address);
            }
            return this;
        }

        /**
         * Adds members to connect to.
         *
         * @param hostsAndPorts addresses such as {@code 127.0.0.1:5701}
         * @return this builder
         */
        public Builder addresses(String... hostsAndPorts) {
            return addresses(List.of(hostsAndPorts));
        }

        /**
         * How long the client keeps trying to reach the cluster once it has lost every member, before
         * it gives up and the runs waiting on the cluster fail. Hazelcast's own default is to try for
         * ever, which would leave a flow waiting for ever.
         *
         * @param timeout 60 seconds by default
         * @return this builder
         */
        public Builder clusterConnectTimeout(Duration timeout) {
            this.clusterConnectTimeout = positive(timeout, "clusterConnectTimeout");
            return this;
        }

        /**
         * How long a member that sends nothing counts as alive to the client, for members that hang
         * rather than die (a member that dies closes its connections and is noticed at once).
         *
         * @param timeout Hazelcast's 60 seconds unless set
         * @return this builder
         */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = positive(timeout, "heartbeatTimeout");
            return this;
        }

        /**
         * How many calls may be out in the cluster at once; further runs wait here, holding nothing
         * in the cluster. Members' executors must accept this many (RivuletMember's accept
         * 1,000 per partition).
         *
         * @param count 1,000 by default
         * @return this builder
         */
        public Builder maxRunsInFlight(int count) {
            this.maxRunsInFlight = requirePositive(count, "maxRunsInFlight");
            return this;
        }

        /**
         * Further client settings (security, TLS, timeouts), applied after the runner's own.
         *
         * @param adjust changes the client's configuration
         * @return this builder
         */
        public Builder client(Consumer<ClientConfig> adjust) {
            this.adjust = Objects.requireNonNull(adjust, "adjust");
            return this;
        }

        /**
         * Connects to the cluster.
         *
         * @return a runner whose task bodies run on the cluster's members
         * @throws IllegalStateException if no address was given, or no member could be reached within
         *     the cluster-connect timeout
         */
        public HazelcastTaskRunner build() {
            if (addresses.isEmpty()) {
                throw new IllegalStateException("give the addresses of one or more members of the cluster to connect to");
            }
            ClientConfig config = ClusterSettings.client(clusterName, addresses, clusterConnectTimeout);
            if (heartbeatTimeout != null) {
                config.setProperty("hazelcast.client.heartbeat.timeout", Long.toString(heartbeatTimeout.toMillis()));
                config.setProperty("hazelcast.client.heartbeat.interval", Long.toString(Math.max(100, heartbeatTimeout.toMillis() / 5)));
            }
            adjust.accept(config);
            HazelcastInstance client;
            try {
                client = HazelcastClient.newHazelcastClient(config);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot connect to the Hazelcast cluster '" + clusterName + "' at " + addresses
                        + " within " + clusterConnectTimeout.toSeconds() + " s: " + e.getMessage()
                        + ". Are its members running (RivuletMember), with this cluster name?", e);
            }
            return new HazelcastTaskRunner("hazelcast(" + clusterName + "@" + String.join(",", addresses) + ")", client, true, maxRunsInFlight);
        }

        private static Duration positive(Duration duration, String what) {
            if (Objects.requireNonNull(duration, what).isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
