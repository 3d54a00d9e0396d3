package dev.rivulet.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.command.ConfigurationOptions;
import dev.rivulet.hazelcast.internal.ClusterSettings;
import dev.rivulet.hazelcast.internal.MemberContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A Hazelcast member that carries out the task calls a {@link HazelcastTaskRunner} sends, started
 * with the application's class path:
 *
 * <pre>{@code
 * java -cp app.jar:libs/* dev.rivulet.hazelcast.RivuletMember --host 10.0.0.5 --join 10.0.0.5:5701,10.0.0.6:5701
 * }</pre>
 *
 * <p>It carries calls out with the application's {@link dev.rivulet.cli.RivuletConfiguration}
 * ({@code --config CLASS}, or the one on the class path): its serializers and result stores, and the
 * implementations of interfaces' abstract methods. It prints {@value #READY} and its address once it
 * has joined, and runs until it is stopped (or, with {@code --exit-with-stdin}, until its standard
 * input closes, so that a member a program started ends with it).
 *
 * <p>An application that starts members of its own (embedded in a service) gives their
 * configuration the runner's executor and map with {@link #configure(Config, int)}; they find the
 * application's configuration on their class path at their first call.
 */
@Command(name = "rivulet-member", description = "Runs a Hazelcast member that carries out the task runs of Rivulet's Hazelcast runner.")
public final class RivuletMember implements Callable<Integer> {

    /** What the member prints, followed by its address, once it has joined its cluster. */
    public static final String READY = "Rivulet member ready at";
    /** How many task calls a member carries out at once unless told otherwise. */
    public static final int DEFAULT_THREADS = 16;
    /** How many calls a partition of the runner's executor holds: above the runner's default of runs in flight. */
    public static final int CAPACITY_PER_PARTITION = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration;

    @Option(names = "--cluster-name", defaultValue = HazelcastTaskRunner.DEFAULT_CLUSTER_NAME, description = "the cluster's name, shared with the runner")
    String clusterName;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the address the member binds to and the others reach it at")
    String host;

    @Option(names = "--port", defaultValue = "5701", description = "the member's port")
    int port;

    @Option(names = "--join", split = ",", paramLabel = "HOST:PORT", description = "members to join, itself among them or not; default: none (a cluster of its own)")
    List<String> join = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "" + DEFAULT_THREADS, description = "how many task calls it carries out at once")
    int threads;

    @Option(names = "--heartbeat-timeout", paramLabel = "DURATION",
            description = "how long a member that sends nothing counts as alive, e.g. 5s; default Hazelcast's 60s")
    Duration heartbeatTimeout;

    @Option(names = "--exit-with-stdin", description = "stop when standard input closes (for members a program starts)")
    boolean exitWithStdin;

    /** For picocli. */
    public RivuletMember() {}

    /**
     * Runs a member.
     *
     * @param args the options, {@code --help} lists them
     */
    public static void main(String... args) {
        CommandLines.run(new RivuletMember(), args);
    }

    /**
     * Gives a member configuration the durable executor and the map the runner uses, for members the
     * application configures itself.
     *
     * @param config a member's configuration
     * @param threads how many task calls the member carries out at once
     * @return {@code config}
     */
    public static Config configure(Config config, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        return ClusterSettings.withRunnerStructures(config, threads, CAPACITY_PER_PARTITION);
    }

    /**
     * Whether this JVM carries out task calls: it runs this program, or a member in it has received
     * one. The application's {@link dev.rivulet.cli.RivuletConfiguration} is read on members too, to
     * set up the serializers, result stores and implementations calls need; a configuration that
     * also connects to a cluster (a {@link HazelcastTaskRunner} for {@code rivulet run}) skips that
     * here.
     *
     * @return true in a member's JVM
     */
    public static boolean isMemberJvm() {
        return MemberContext.isMemberJvm();
    }

    @Override
    public Integer call() throws Exception {
        CommandLine line = spec.commandLine();
        if (threads < 1) {
            throw new CommandLine.ParameterException(line, "--threads must be at least 1, was " + threads);
        }
        MemberContext.markMemberJvm();
        ClassLoader loader = configuration.loader(line);
        List<String> members = join.isEmpty() ? List.of(host + ":" + port) : join;
        Config config = configure(ClusterSettings.member(clusterName, host, port, members, heartbeatTimeout, loader), threads);
        return configuration.withRivulet(loader, line, builder -> { }, (rivulet, applicationConfig) -> {
            MemberContext.install(rivulet.taskCallReceiver(applicationConfig::implementation), loader);
            try {
                HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
                CountDownLatch ended = new CountDownLatch(1);
                member.getLifecycleService().addLifecycleListener(event -> {
                    if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                        ended.countDown();
                    }
                });
                line.getOut().println(READY + " " + host + ":" + port);
                line.getOut().flush();
                if (exitWithStdin) {
                    drain(System.in);
                    member.shutdown();
                }
                ended.await();
                return 0;
            } finally {
                MemberContext.uninstall();
            }
        });
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // Closed or broken: either way the program that started the member is gone.
        }
    }
}
