package dev.rivulet.benchmarks;

import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.hazelcast.LocalMembers;
import dev.rivulet.history.RunHistoryOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Many small task runs on the Hazelcast runner, beside Dask distributed: a flow that submits
 * {@code --tasks} no-op tasks (10,000) one by one and then gets every result, its task bodies carried
 * out by 2 member JVMs on 127.0.0.1 ({@link LocalMembers}, started with this JVM's class path), the
 * client a {@code HazelcastTaskRunner} in this JVM; beside it, in the same run, {@code
 * benchmarks/python/dask_distributed.py} with Debian's {@code /usr/bin/python3}: a {@code LocalCluster}
 * of 2 worker processes of one thread each on 127.0.0.1, the same number of no-op tasks submitted one
 * by one with {@code client.submit} and gathered (and, as an extra figure, sent in one {@code
 * client.map}). Neither side batches the one-by-one figure.
 *
 * <p>Rivulet's side: the members start once; {@code --warmup} flows (3: the client's and the
 * members' JIT compilers take about that many to settle) run first, then {@code --rounds} measured
 * flows (5), each timed from the flow's call to its return (every result got and checked); its
 * figure is the median flow's tasks per second. The Rivulet has the default settings,
 * its run history recorded in a temporary directory. Then the members stop and Dask's side runs its
 * own warm-up and {@code --dask-rounds} rounds (3), reporting its medians on a line {@code dask:
 * submit=<tasks/s> map=<tasks/s>} that this program reads.
 *
 * <p>The last line is {@code hazelcast-runner: rivulet=<tasks/s> dask=<tasks/s> ratio=<x>}, dask
 * being Dask's one-by-one {@code client.submit} figure. Options: {@code --tasks N}, {@code --warmup
 * N}, {@code --rounds N}, {@code --dask-rounds N}, {@code --dask-script PATH}, {@code --python
 * PATH}, {@code --dir PATH}.
 */
@Command(name = "benchmarks/run hazelcast-runner",
        description = "10,000 no-op tasks submitted one by one to 2 Hazelcast members on loopback, beside Dask distributed's client.submit.")
public final class HazelcastRunnerBenchmark implements Callable<Integer> {

    /** How Dask's script reports its medians. */
    private static final Pattern DASK_LINE = Pattern.compile("^dask: submit=(\\d+) map=(\\d+)$");

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", paramLabel = "N", converter = PositiveCountConverter.class, description = "no-op tasks a flow (and a Dask round) submits")
    int tasks = 10_000;

    @Mixin
    final Rounds rounds = new Rounds(3, 5);

    @Option(names = "--dask-rounds", paramLabel = "N", converter = PositiveCountConverter.class, description = "measured rounds of each Dask way")
    int daskRounds = 3;

    @Option(names = "--dask-script", paramLabel = "PATH", description = "Dask's side")
    Path daskScript = Path.of("benchmarks", "python", "dask_distributed.py");

    @Option(names = "--python", paramLabel = "PATH", description = "the Python with Dask distributed")
    Path python = Path.of("/usr/bin/python3");

    @Option(names = "--dir", paramLabel = "PATH", description = "under which the run history's temporary directory is made (java.io.tmpdir if not given)")
    Path directory;

    /** Which JVM carries a task call out, to show that the members do. */
    public interface Carriers {
        @Task
        default Long where(Integer i) {
            return ProcessHandle.current().pid();
        }

        /** The process ids of the JVMs that carried out {@code calls} calls. */
        @Flow
        default Set<Long> carriedOutBy(int calls) {
            List<TaskFuture<Long>> futures = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                futures.add(submit(this::where, i));
            }
            Set<Long> pids = new TreeSet<>();
            futures.forEach(future -> pids.add(future.get()));
            return pids;
        }
    }

    /** Rivulet's measured flows and the JVMs that carried calls out. */
    record RivuletSide(Samples flows, Set<Long> carriers, List<Long> memberPids) {}

    /** Dask's medians, in tasks per second. */
    record DaskSide(long submit, long map) {}

    private HazelcastRunnerBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new HazelcastRunnerBenchmark(), args);
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(daskScript)) {
            throw new ParameterException(spec.commandLine(), "--dask-script: Dask's script " + daskScript.toAbsolutePath()
                    + " does not exist; run from the repository root, or give its path");
        }
        System.out.printf(Locale.ROOT, "Hazelcast runner: %,d no-op tasks submitted one by one, 2 members on 127.0.0.1, beside Dask distributed%n",
                tasks);
        System.out.printf(Locale.ROOT, "JVM %s, %d processors; Rivulet: %d warm-up flows, %d measured; Dask: a warm-up of 1,000 tasks, %d rounds%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), rounds.warmup, rounds.measured, daskRounds);
        System.out.println(Samples.machineLoad());
        RivuletSide rivulet = rivulet();
        DaskSide dask = dask();
        print(rivulet, dask);
        return 0;
    }

    private RivuletSide rivulet() {
        Samples flows = new Samples("rivulet", rounds.measured);
        long started = System.nanoTime();
        try (TemporaryDirectory history = TemporaryDirectory.under(directory, "rivulet-hazelcast-benchmark-runs-");
             LocalMembers members = LocalMembers.start(2)) {
            System.out.printf(Locale.ROOT, "  members started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            try (Rivulet rivulet = Rivulet.builder()
                    .taskRunner(members.runner())
                    .runHistory(RunHistoryOptions.newBuilder().directory(history.path()).build())
                    .build()) {
                // overhead's fan-out: submit(this::noop, i) one by one, then get every result
                OverheadBenchmark.NoOpTasks flow = rivulet.stub(OverheadBenchmark.NoOpTasks.class);
                long expected = (long) tasks * (tasks - 1) / 2;
                for (int round = 0; round < rounds.warmup + rounds.measured; round++) {
                    long start = System.nanoTime();
                    long sum = flow.fanOut(tasks);
                    long elapsed = System.nanoTime() - start;
                    if (sum != expected) {
                        throw new IllegalStateException("the flow's results summed to " + sum + ", expected " + expected);
                    }
                    boolean measured = round >= rounds.warmup;
                    if (measured) {
                        flows.add(elapsed);
                    }
                    System.out.printf(Locale.ROOT, "  rivulet flow %d: %.0f ms, %.0f tasks/s%s%n", round + 1, elapsed / 1e6, tasks / (elapsed / 1e9),
                            measured ? "" : " (warm-up)");
                }
                Set<Long> carriers = rivulet.stub(Carriers.class).carriedOutBy(100);
                return new RivuletSide(flows, carriers, members.members().stream().map(LocalMembers.Member::pid).toList());
            }
        }
    }

    private DaskSide dask() {
        List<String> command = List.of(python.toString(), daskScript.toString(), Integer.toString(tasks), "--rounds", Integer.toString(daskRounds));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run Dask's side (" + String.join(" ", command) + "): " + e.getMessage()
                    + ". benchmarks/run installs Debian's python3-distributed; or give --python PATH", e);
        }
        Matcher figures = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("  " + line);
                Matcher matcher = DASK_LINE.matcher(line);
                if (matcher.matches()) {
                    figures = matcher;
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || figures == null) {
                throw new IllegalStateException("Dask's side (" + String.join(" ", command) + ") " + (exit != 0 ? "exited with " + exit
                        : "printed no line 'dask: submit=<n> map=<n>'") + "; its errors are on stderr above");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Dask's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while Dask's side ran", e);
        }
        return new DaskSide(Long.parseLong(figures.group(1)), Long.parseLong(figures.group(2)));
    }

    private void print(RivuletSide rivulet, DaskSide dask) {
        Samples flows = rivulet.flows();
        double ours = tasksPerSecond(flows.medianNanos());
        System.out.println();
        System.out.printf(Locale.ROOT, "  rivulet      %9.0f tasks/s  (median flow %.1f ms, min %.1f, max %.1f; submit one by one, then get all)%n",
                ours, flows.medianNanos() / 1e6, flows.minNanos() / 1e6, flows.maxNanos() / 1e6);
        System.out.printf(Locale.ROOT, "  dask submit  %9d tasks/s  (client.submit one by one, then gather: the baseline)%n", dask.submit());
        System.out.printf(Locale.ROOT, "  dask map     %9d tasks/s  (client.map of all the tasks in one call, then gather: extra, batched)%n", dask.map());
        System.out.printf(Locale.ROOT, "  calls carried out by pids %s (members %s)%n", rivulet.carriers(), rivulet.memberPids());
        if (!rivulet.memberPids().containsAll(rivulet.carriers())) {
            throw new IllegalStateException("task bodies ran outside the members: pids " + rivulet.carriers() + ", members " + rivulet.memberPids());
        }
        System.out.println("  " + Samples.machineLoad().replace("at the start", "at the end"));
        System.out.println(figureLine(ours, dask.submit()));
    }

    private double tasksPerSecond(double nanos) {
        return tasks / (nanos / 1e9);
    }

    static String figureLine(double rivuletTasksPerSecond, long daskTasksPerSecond) {
        return "hazelcast-runner: rivulet=" + Math.round(rivuletTasksPerSecond) + " dask=" + daskTasksPerSecond + " ratio="
                + Samples.twoDecimals(rivuletTasksPerSecond / daskTasksPerSecond);
    }
}
