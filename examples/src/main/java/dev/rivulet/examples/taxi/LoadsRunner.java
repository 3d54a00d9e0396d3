package dev.rivulet.examples.taxi;

import dev.rivulet.FlowOptions;
import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.hazelcast.HazelcastTaskRunner;
import dev.rivulet.hazelcast.LocalMembers;
import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Where {@link TaxiEtl}'s daily loads run: the runner registered as {@value TaxiEtl#LOADS_RUNNER},
 * which the flow of the loads names. In this JVM, a thread pool; or on a Hazelcast cluster, members
 * started here on 127.0.0.1 ({@link #startMembers}) or a cluster already running ({@link #join}).
 * Everything else of the flow runs in this JVM either way.
 */
public final class LoadsRunner implements AutoCloseable {

    /** How many members {@code --hazelcast} starts. */
    static final int LOCAL_MEMBERS = 2;
    /** A member's heap; the tables a load reads live off the heap, in Arrow buffers. */
    private static final String MEMBER_HEAP = "-Xmx1g";
    /** What Arrow needs of a JVM (docs/tables.md). */
    private static final List<String> ARROW_JVM_OPTIONS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    private final String description;
    private final IntFunction<TaskRunner> runners;
    private final boolean inThisJvm;
    private final LocalMembers members;

    private LoadsRunner(String description, IntFunction<TaskRunner> runners, boolean inThisJvm, LocalMembers members) {
        this.description = description;
        this.runners = runners;
        this.inThisJvm = inThisJvm;
        this.members = members;
    }

    /** The loads on a thread pool of this JVM, as many threads as the run's. */
    public static LoadsRunner inThisJvm() {
        return new LoadsRunner("this JVM", TaskRunners::threadPool, true, null);
    }

    /**
     * Starts {@value #LOCAL_MEMBERS} member JVMs on 127.0.0.1 with this JVM's class path, each
     * carrying out {@code threads} loads at once, with {@link TaxiEtlMemberConfiguration} reaching
     * {@code s3}: its endpoint and bucket as system properties; the in-process server's credentials
     * and region too, which are fixed and public. For other S3, the members inherit this process's
     * environment, and with it its AWS settings.
     */
    public static LoadsRunner startMembers(ExampleS3 s3, int threads) {
        List<String> options = new ArrayList<>(List.of(MEMBER_HEAP));
        options.addAll(ARROW_JVM_OPTIONS);
        options.addAll(TaxiEtlMemberConfiguration.systemProperties(s3.bucket(), s3.clientOptions().endpoint()));
        if (s3.isInProcess()) {
            options.addAll(List.of("-Daws.accessKeyId=" + S3TestServer.ACCESS_KEY, "-Daws.secretAccessKey=" + S3TestServer.SECRET_KEY,
                    "-Daws.region=" + S3TestServer.REGION.id()));
        }
        System.out.printf("Starting %d Hazelcast members on 127.0.0.1 for the daily loads...%n", LOCAL_MEMBERS);
        LocalMembers members = LocalMembers.builder().count(LOCAL_MEMBERS).threads(threads).jvmOptions(options)
                .configuration(TaxiEtlMemberConfiguration.class.getName()).start();
        String listed = members.members().stream().map(m -> m.address() + " (pid " + m.pid() + ")").collect(Collectors.joining(", "));
        System.out.println("Hazelcast members ready: " + listed);
        return new LoadsRunner("the Hazelcast members " + listed, threadsUnused -> members.runner(), false, members);
    }

    /**
     * Joins the cluster whose members are at {@code addresses}, which were started with {@link
     * TaxiEtlMemberConfiguration} and the application's class path. The in-process S3 server cannot
     * be used: it is started for this run on a port the members cannot know.
     *
     * @throws IllegalArgumentException if {@code s3} is the in-process server
     */
    public static LoadsRunner join(List<String> addresses, String clusterName, ExampleS3 s3) {
        if (s3.isInProcess()) {
            throw new IllegalArgumentException("--hazelcast-members needs an S3 the members reach too (--s3-endpoint, or AWS): the in-process "
                    + "S3 server is started for this run on a port the members cannot know; --hazelcast starts members that are told it");
        }
        return new LoadsRunner("the Hazelcast cluster '" + clusterName + "' at " + String.join(",", addresses),
                threadsUnused -> HazelcastTaskRunner.builder().clusterName(clusterName).addresses(addresses).build(), false, null);
    }

    /**
     * {@return how the flow's tables are kept: in memory, shared by the loads, when they run here;
     * only in the store when they run elsewhere, so that they travel as references, which the
     * members read from S3, instead of as values}
     */
    FlowOptions tablesOptions() {
        return inThisJvm ? FlowOptions.empty() : FlowOptions.newBuilder().cacheResultInMemory(false).build();
    }

    /** A new runner for one run's loads; the run's Rivulet closes it, which leaves members running. */
    TaskRunner newRunner(int threads) {
        return runners.apply(threads);
    }

    /** {@return the members this started; empty when it joined a cluster or runs the loads here} */
    Optional<LocalMembers> startedMembers() {
        return Optional.ofNullable(members);
    }

    /** Where the loads run, for messages. */
    public String description() {
        return description;
    }

    /**
     * Names the JVM {@code jvm} ({@code pid@host}, as {@link TaxiEtl.LoadedDay#loadedBy()} has it):
     * "this JVM", or a member this started, by its address.
     */
    String describe(String jvm) {
        if (jvm.equals(ManagementFactory.getRuntimeMXBean().getName())) {
            return jvm + " (this JVM)";
        }
        Map<String, String> byPid = members == null ? Map.of()
                : members.members().stream().collect(Collectors.toMap(m -> Long.toString(m.pid()), LocalMembers.Member::address));
        String address = byPid.get(jvm.substring(0, Math.max(0, jvm.indexOf('@'))));
        return address == null ? jvm : jvm + " (member " + address + ")";
    }

    /** Stops the members this started, if any. */
    @Override
    public void close() {
        if (members != null) {
            members.close();
        }
    }
}
