package dev.rivulet.hazelcast.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.time.Duration;
import java.util.List;

/**
 * The settings Rivulet gives the members and clients it configures: no phone-home, joining by TCP
 * at given addresses only (no multicast or cloud discovery), Hazelcast logging through SLF4J, and the
 * executor and map the runner uses.
 */
public final class ClusterSettings {

    private ClusterSettings() {}

    /** Adds the runner's durable executor to {@code config}; an existing member's config may take it too. */
    public static Config withRunnerStructures(Config config, int threads, int capacityPerPartition) {
        config.getDurableExecutorConfig(ClusterNames.EXECUTOR).setPoolSize(threads).setDurability(1).setCapacity(capacityPerPartition);
        return config;
    }

    /**
     * A member bound to {@code host:port} that joins the members at {@code join}.
     *
     * @param heartbeatTimeout how long a silent member counts as alive; null for Hazelcast's default (60 s)
     */
    public static Config member(String clusterName, String host, int port, List<String> join, Duration heartbeatTimeout, ClassLoader loader) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setClassLoader(loader);
        common(config.getProperties());
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        if (heartbeatTimeout != null) {
            config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
            config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(Math.max(2, heartbeatTimeout.toSeconds())));
        }
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig joining = network.getJoin();
        joining.getMulticastConfig().setEnabled(false);
        joining.getAutoDetectionConfig().setEnabled(false);
        joining.getTcpIpConfig().setEnabled(true).setMembers(join);
        return config;
    }

    /** A client of the members at {@code addresses} that gives up when it cannot reach any for {@code connectTimeout}. */
    public static ClientConfig client(String clusterName, List<String> addresses, Duration connectTimeout) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        common(config.getProperties());
        config.getNetworkConfig().setAddresses(addresses);
        config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(connectTimeout.toMillis());
        return config;
    }

    private static void common(java.util.Properties properties) {
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        properties.setProperty("hazelcast.logging.type", "slf4j");
    }
}
