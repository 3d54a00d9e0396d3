package dev.rivulet.hazelcast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members of a new cluster in JVMs of their own on this machine, started with this JVM's class path
 * and bound to 127.0.0.1: for trying the Hazelcast runner, for tests and for examples. Their output
 * goes to this JVM's log (logger {@code dev.rivulet.hazelcast.member}); they end with this JVM, or
 * when closed.
 *
 * {@snippet file="dev/rivulet/hazelcast/snippets/HazelcastRunnerSnippetsTest.java" region="local"}
 */
public final class LocalMembers implements AutoCloseable {

    private static final Logger OUTPUT = LoggerFactory.getLogger("dev.rivulet.hazelcast.member");

    private final String clusterName;
    private final List<Member> members;

    private LocalMembers(String clusterName, List<Member> members) {
        this.clusterName = clusterName;
        this.members = members;
    }

    /**
     * Starts {@code count} members with the defaults, and waits until they have joined.
     *
     * @param count how many, from 1
     * @return the running members
     */
    public static LocalMembers start(int count) {
        return builder().count(count).start();
    }

    /** {@return a builder, to choose more than the count} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the name of the members' cluster, a new one for every start} */
    public String clusterName() {
        return clusterName;
    }

    /** {@return the members' addresses, {@code 127.0.0.1:PORT}, for {@link HazelcastTaskRunner.Builder#addresses(List)}} */
    public List<String> addresses() {
        return members.stream().map(Member::address).toList();
    }

    /** {@return the members, in the order they were started} */
    public List<Member> members() {
        return members;
    }

    /**
     * A runner connected to these members.
     *
     * @return a new runner; closing it leaves the members running
     */
    public HazelcastTaskRunner runner() {
        return HazelcastTaskRunner.builder().clusterName(clusterName).addresses(addresses()).build();
    }

    /** Stops every member still running, waiting a few seconds for each before killing it. */
    @Override
    public void close() {
        for (Member member : members) {
            member.stop();
        }
    }

    /** One member JVM. */
    public static final class Member {
        private final String address;
        private final Process process;

        private Member(String address, Process process) {
            this.address = address;
            this.process = process;
        }

        /** {@return the member's address, {@code 127.0.0.1:PORT}} */
        public String address() {
            return address;
        }

        /** {@return the member JVM's process id} */
        public long pid() {
            return process.pid();
        }

        /** {@return whether the member JVM is running} */
        public boolean isAlive() {
            return process.isAlive();
        }

        /** Kills the member JVM at once (SIGKILL), as a machine that fails would lose it; waits until it is gone. */
        public void kill() {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }

        /** Stops the member: asks it to leave its cluster, and kills it if it has not ended within 10 seconds. */
        public void stop() {
            if (!process.isAlive()) {
                return;
            }
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already closed: the member ends on the signal below
            }
            if (!awaitExit(Duration.ofSeconds(10))) {
                process.destroyForcibly();
                awaitExit(Duration.ofSeconds(10));
            }
        }

        private boolean awaitExit(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }

        @Override
        public String toString() {
            return "member " + address + " (pid " + pid() + ")";
        }
    }

    /** What the members are started with. */
    public static final class Builder {
        private int count = 2;
        private Duration heartbeatTimeout;
        private int threads = RivuletMember.DEFAULT_THREADS;
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));
        private String configuration;
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder() {}

        /**
         * How many members.
         *
         * @param count 2 by default
         * @return this builder
         */
        public Builder count(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, was " + count);
            }
            this.count = count;
            return this;
        }

        /**
         * How long a member that sends nothing counts as alive to the others.
         *
         * @param timeout Hazelcast's 60 seconds unless set
         * @return this builder
         */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How many task calls each member carries out at once.
         *
         * @param threads {@value RivuletMember#DEFAULT_THREADS} by default
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * JVM options of the members, in place of the default {@code -Xmx512m}.
         *
         * @param options such as {@code -Xmx2g}
         * @return this builder
         */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        /**
         * The application's configuration the members carry calls out with, when the class path has
         * more than one or none.
         *
         * @param configurationClass the name of a {@link dev.rivulet.cli.RivuletConfiguration} class
         * @return this builder
         */
        public Builder configuration(String configurationClass) {
            this.configuration = Objects.requireNonNull(configurationClass, "configurationClass");
            return this;
        }

        /**
         * How long to wait for the members to join.
         *
         * @param timeout 2 minutes by default
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts the members and waits until each has joined the cluster.
         *
         * @return the running members
         * @throws IllegalStateException if a member ends or does not join in time; the message has
         *     its output. Members already started are stopped.
         */
        public LocalMembers start() {
            String clusterName = "rivulet-local-" + UUID.randomUUID().toString().substring(0, 8);
            List<Integer> ports = freePorts(count);
            List<String> addresses = ports.stream().map(port -> "127.0.0.1:" + port).toList();
            List<Member> started = new ArrayList<>();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    Process process = new ProcessBuilder(command(clusterName, ports.get(i), addresses)).redirectErrorStream(true).start();
                    started.add(new Member(addresses.get(i), process));
                    ready.add(watch(process, addresses.get(i)));
                    if (i == 0) {
                        // The first member alone forms the cluster; the others then join it together.
                        await(ready.get(0), started.get(0));
                    }
                }
                for (int i = 1; i < count; i++) {
                    await(ready.get(i), started.get(i));
                }
            } catch (IOException | RuntimeException e) {
                started.forEach(Member::stop);
                throw e instanceof IOException io ? new UncheckedIOException("cannot start a member JVM: " + io.getMessage(), io)
                        : (RuntimeException) e;
            }
            return new LocalMembers(clusterName, List.copyOf(started));
        }

        private void await(CompletableFuture<Void> ready, Member member) {
            try {
                ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException(member + " did not join within " + startTimeout.toSeconds() + " s; its output is in the log "
                        + "of dev.rivulet.hazelcast.member");
            } catch (ExecutionException e) {
                throw new IllegalStateException(member + " ended before joining: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + member + " to join", e);
            }
        }

        private List<String> command(String clusterName, int port, List<String> addresses) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(hazelcastJvmOptions());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RivuletMember.class.getName(),
                    "--cluster-name", clusterName, "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--join", String.join(",", addresses), "--threads", Integer.toString(threads), "--exit-with-stdin"));
            if (heartbeatTimeout != null) {
                command.addAll(List.of("--heartbeat-timeout", heartbeatTimeout.toMillis() + "ms"));
            }
            if (configuration != null) {
                command.addAll(List.of("--config", configuration));
            }
            return command;
        }

        /** What Hazelcast asks of the JVM to use its fastest paths without warnings. */
        private static List<String> hazelcastJvmOptions() {
            List<String> options = new ArrayList<>(List.of("--add-modules", "java.se",
                    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
            if (Runtime.version().feature() >= 24) {
                options.add("--sun-misc-unsafe-memory-access=allow");
            }
            return options;
        }

        /** Completes when the member prints that it is ready; fails if it ends first. Its output goes to the log. */
        private static CompletableFuture<Void> watch(Process process, String address) {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                StringBuilder early = new StringBuilder();
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        OUTPUT.info("[{}] {}", address, line);
                        if (!ready.isDone()) {
                            early.append(line).append('\n');
                            if (line.startsWith(RivuletMember.READY)) {
                                ready.complete(null);
                            }
                        }
                    }
                } catch (IOException e) {
                    // the member ended
                }
                ready.completeExceptionally(new IllegalStateException("exit code " + waitFor(process) + ", output:\n" + early));
            }, "rivulet-member-output-" + address);
            reader.setDaemon(true);
            reader.start();
            return ready;
        }

        private static int waitFor(Process process) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        private static List<Integer> freePorts(int count) {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
                }
                return sockets.stream().map(ServerSocket::getLocalPort).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // freed either way
                    }
                }
            }
        }
    }
}
