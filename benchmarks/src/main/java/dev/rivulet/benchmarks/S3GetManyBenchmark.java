package dev.rivulet.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.io.FileTrees;
import dev.rivulet.storage.s3.S3Bulk;
import dev.rivulet.storage.s3.S3Download;
import dev.rivulet.storage.s3.S3Downloads;
import dev.rivulet.storage.s3.S3Get;
import dev.rivulet.storage.s3.S3Put;
import dev.rivulet.storage.s3.S3PutResult;
import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Downloading many objects from one S3 server: Rivulet's {@link S3Bulk#getMany} beside Debian's
 * {@code rclone copy} of the same objects from the same server, and beside a naive sequential loop
 * of SDK {@code getObject} calls to files. Rivulet runs twice: with its defaults ({@code rivulet}:
 * 8 MiB parts, so each 16 MiB object comes as two ranges, checked for size and version), and with
 * each object fetched whole so that its MD5 is checked ({@code rivulet-md5}), as rclone checks
 * every object's MD5 by default. The server is S3Proxy with a file-system store, in this
 * JVM on 127.0.0.1 ({@link S3TestServer}); the objects are random bytes, so nothing compresses.
 *
 * <p>Each side writes every object to a file in a fresh directory and is timed from its start to
 * the last file complete: Rivulet until {@code getMany} returns (every object complete and its MD5
 * checked), rclone as a whole process (start-up included: it is how rclone is used, and the start-up
 * is printed on its own), the loop until its last call returns. The files are checked and deleted
 * after the clock stops. Rounds rotate which side goes first; each side reports its median round.
 * CPU time is measured per round: the JVM's threads by group (bulk-client workers, the server, the
 * JVM's own threads as the remainder) and rclone's user and system time from the shell that runs
 * it.
 *
 * <p>The last line printed is the figure line: {@code s3-get-many: rivulet=<MB/s> rclone=<MB/s>
 * ratio=<x>}, MB being 10^6 bytes.
 *
 * <p>Options: {@code --objects N} (64), {@code --size-mib N} (16), {@code --warmup N} (1), {@code
 * --rounds N} (3), {@code --concurrency N} ({@link S3Bulk#defaultConcurrency()}), {@code --rclone
 * PATH} ({@code rclone} on the PATH), {@code --no-rclone} (Rivulet and the loop only), {@code --sides LIST} (which
 * sides, comma-separated: {@code rivulet,rclone,sdk-loop,rivulet-md5}).
 */
@Command(name = "benchmarks/run s3-get-many",
        description = "Many objects from a loopback S3 server: S3Bulk.getMany beside rclone copy and a sequential SDK loop.")
public final class S3GetManyBenchmark implements Callable<Integer> {

    private static final int MiB = 1 << 20;
    private static final String PREFIX = "data/";

    @Option(names = "--objects", paramLabel = "N", converter = PositiveCountConverter.class, description = "objects downloaded")
    int objects = 64;

    @Option(names = "--size-mib", paramLabel = "N", converter = PositiveCountConverter.class, description = "each object's size in MiB")
    int sizeMiB = 16;

    @Mixin
    final Rounds rounds = new Rounds(1, 3);

    @Option(names = "--concurrency", paramLabel = "N", converter = PositiveCountConverter.class,
            description = "S3Bulk threads, and rclone's --transfers and --multi-thread-streams")
    int concurrency = S3Bulk.defaultConcurrency();

    @Option(names = "--rclone", paramLabel = "PATH", description = "the rclone program")
    String rclone = "rclone";

    @Option(names = "--no-rclone", description = "leave rclone out: Rivulet and the SDK loop only")
    boolean noRclone;

    @Option(names = "--sides", paramLabel = "SIDE", split = ",", converter = SideConverter.class, showDefaultValue = Visibility.NEVER,
            description = "which sides, comma-separated, rivulet among them: rivulet, rclone, sdk-loop, rivulet-md5 (all by default)")
    List<Side> sides = List.of(Side.values());

    @Spec
    CommandSpec spec;

    record Settings(int objects, int sizeMiB, int warmup, int rounds, int concurrency, String rclone, List<Side> sides) {

        static Settings parse(String... args) {
            return CommandLines.parse(new S3GetManyBenchmark(), args).settings();
        }

        long totalBytes() {
            return (long) objects * sizeMiB * MiB;
        }
    }

    private Settings settings() {
        List<Side> chosen = noRclone ? sides.stream().filter(side -> side != Side.RCLONE).toList() : List.copyOf(sides);
        if (!chosen.contains(Side.RIVULET)) {
            throw new ParameterException(spec.commandLine(), "--sides must include rivulet, was " + chosen);
        }
        return new Settings(objects, sizeMiB, rounds.warmup, rounds.measured, concurrency, noRclone ? null : rclone, chosen);
    }

    /** The sides, in the order of the first round. */
    enum Side {
        RIVULET("rivulet"), RCLONE("rclone"), NAIVE("sdk-loop"), RIVULET_MD5("rivulet-md5");

        final String label;

        Side(String label) {
            this.label = label;
        }
    }

    /** A side by its label. */
    static final class SideConverter implements ITypeConverter<Side> {
        @Override
        public Side convert(String label) {
            return Arrays.stream(Side.values()).filter(side -> side.label.equals(label.strip())).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown side '" + label + "'; the sides are "
                            + Arrays.stream(Side.values()).map(side -> side.label).collect(Collectors.joining(", "))));
        }
    }

    /**
     * CPU seconds of one round, by who spent them: this JVM's threads by group, an external process,
     * and the whole machine (all processes and the kernel) busy, waiting for disk, and stolen by the
     * hypervisor.
     */
    record Cpu(double client, double server, double jvm, double external, double machineBusy, double machineIoWait,
            double machineSteal) {
        double total() {
            return client + server + jvm + external;
        }
    }

    /** One side's measured rounds. */
    static final class Measured {
        final Samples samples;
        final List<Cpu> cpu = new ArrayList<>();

        Measured(Side side, int rounds) {
            this.samples = new Samples(side.label, rounds);
        }

        Cpu medianCpu() {
            double[] totals = cpu.stream().mapToDouble(Cpu::total).sorted().toArray();
            double median = totals[totals.length / 2];
            return cpu.stream().filter(c -> c.total() == median).findFirst().orElseThrow();
        }
    }

    /** The results of a run. */
    record Result(Map<Side, Measured> sides, long bytes, double rcloneStartupSeconds) {

        double megabytesPerSecond(Side side) {
            return bytes / 1e6 / (sides.get(side).samples.medianNanos() / 1e9);
        }
    }

    private S3GetManyBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new S3GetManyBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        System.out.printf("s3-get-many: %d objects x %d MiB (%.1f MB) from S3Proxy %s on 127.0.0.1 (file-system store), in this JVM%n",
                settings.objects(), settings.sizeMiB(), settings.totalBytes() / 1e6, "4.1.0");
        System.out.printf("JVM %s (%s), %d processors, max heap %d MiB; concurrency %d (rivulet S3Bulk threads, rclone --transfers"
                        + " and --multi-thread-streams)%n", System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, settings.concurrency());
        System.out.printf("%d warm-up round(s), then %d measured rounds; each side reports its median round%n", settings.warmup(),
                settings.rounds());
        Result result = run(settings);
        print(settings, result);
        return 0;
    }

    static Result run(Settings settings) throws Exception {
        Path work = Files.createTempDirectory("rivulet-s3-get-many-");
        try (S3TestServer server = S3TestServer.start();
                S3Client s3 = S3TestServer.clientBuilder(server.endpoint())
                        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(settings.concurrency()))
                        .build();
                S3Bulk bulk = S3Bulk.newBuilder(s3).concurrency(settings.concurrency()).tempDirectory(work).build();
                // Every object whole in one request, so that each has its MD5 checked, as rclone checks it.
                S3Bulk wholeObjects = S3Bulk.newBuilder(s3).concurrency(settings.concurrency()).tempDirectory(work)
                        .multipartThreshold(Math.max(S3Bulk.DEFAULT_MULTIPART_THRESHOLD, (long) settings.sizeMiB() * MiB)).build()) {
            String bucket = server.createBucket("s3-get-many");
            // Each object in one PutObject, so that its entity tag is its MD5, which rclone and rivulet-md5 check.
            Map<String, String> etags = upload(wholeObjects, bucket, settings);
            List<String> keys = List.copyOf(etags.keySet().stream().sorted().toList());
            Rclone rclone = settings.sides().contains(Side.RCLONE) ? new Rclone(settings.rclone(), server, work) : null;
            double startup = rclone == null ? Double.NaN : rclone.startupSeconds(bucket);
            if (rclone != null) {
                System.out.printf("rclone %s; its start-up (a listing of an empty prefix, as a whole process): %.0f ms%n",
                        rclone.version(), startup * 1000);
            }
            List<Side> sides = settings.sides();
            Map<Side, Measured> measured = new HashMap<>();
            sides.forEach(side -> measured.put(side, new Measured(side, settings.rounds())));
            CpuMeter meter = new CpuMeter();
            for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                boolean counted = round >= settings.warmup();
                for (int i = 0; i < sides.size(); i++) {
                    Side side = sides.get((round + i) % sides.size());
                    Path destination = Files.createDirectory(work.resolve("round-" + round + "-" + side.label));
                    System.gc();
                    CpuMeter.Snapshot before = meter.snapshot();
                    long start = System.nanoTime();
                    double external = switch (side) {
                        case RIVULET -> rivulet(bulk, bucket, keys, destination, settings);
                        case RIVULET_MD5 -> rivulet(wholeObjects, bucket, keys, destination, settings);
                        case RCLONE -> rclone.copy(bucket, destination, settings.concurrency());
                        case NAIVE -> naive(s3, bucket, keys, destination);
                    };
                    long elapsed = System.nanoTime() - start;
                    Cpu cpu = meter.since(before, external);
                    check(destination, keys, etags, round, settings);
                    FileTrees.deleteRecursively(destination);
                    System.out.printf(Locale.ROOT, "%s %d  %-11s %6.2f s  %7.1f MB/s  CPU %5.2f s (client %5.2f, server %5.2f, jvm %4.2f)"
                                    + "  machine busy %5.2f of %5.2f core-s (other processes %5.2f), iowait %4.2f, steal %4.2f%n",
                            counted ? "round " : "warmup", counted ? round - settings.warmup() + 1 : round + 1, side.label,
                            elapsed / 1e9, settings.totalBytes() / 1e6 / (elapsed / 1e9), cpu.total(),
                            cpu.client() + cpu.external(), cpu.server(), cpu.jvm(), cpu.machineBusy(),
                            elapsed / 1e9 * Runtime.getRuntime().availableProcessors(), Math.max(0, cpu.machineBusy() - cpu.total()),
                            cpu.machineIoWait(), cpu.machineSteal());
                    if (counted) {
                        measured.get(side).samples.add(elapsed);
                        measured.get(side).cpu.add(cpu);
                    }
                }
            }
            return new Result(measured, settings.totalBytes(), startup);
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    /** Puts the objects up with putMany; returns their keys and entity tags (their MD5s). */
    private static Map<String, String> upload(S3Bulk bulk, String bucket, Settings settings) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        List<S3Put> puts = new ArrayList<>();
        for (int i = 0; i < settings.objects(); i++) {
            byte[] data = new byte[settings.sizeMiB() * MiB];
            random.nextBytes(data);
            puts.add(S3Put.bytes(String.format(Locale.ROOT, "%spart-%04d.bin", PREFIX, i), data));
        }
        long start = System.nanoTime();
        List<S3PutResult> results = bulk.putMany(bucket, puts);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "uploaded with putMany in %.2f s (%.1f MB/s, on a cold JVM, SigV4-signed chunks over plain HTTP)%n", seconds, settings.totalBytes() / 1e6 / seconds);
        Map<String, String> etags = new HashMap<>();
        results.forEach(result -> etags.put(result.key(), result.etag()));
        return etags;
    }

    /** getMany into its temporary directory, then the files moved to {@code destination} after the clock. */
    private static double rivulet(S3Bulk bulk, String bucket, List<String> keys, Path destination, Settings settings) throws IOException {
        S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(keys));
        try (downloads) {
            if (downloads.totalBytes() != settings.totalBytes()) {
                throw new IllegalStateException("getMany brought " + downloads.totalBytes() + " bytes, not " + settings.totalBytes());
            }
            // Moved after getMany returned, but inside the timing: a rename each, so that all sides end with files in one place.
            for (S3Download download : downloads) {
                Files.move(download.path(), destination.resolve(fileName(download.key())));
            }
        }
        return 0;
    }

    /** The naive baseline: one getObject to a file after another. */
    private static double naive(S3Client s3, String bucket, List<String> keys, Path destination) {
        for (String key : keys) {
            s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(destination.resolve(fileName(key))));
        }
        return 0;
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Every object is there with its size, and one of them (another each round) has the MD5 the server gave it. */
    private static void check(Path destination, List<String> keys, Map<String, String> etags, int round, Settings settings)
            throws IOException {
        long size = (long) settings.sizeMiB() * MiB;
        for (int i = 0; i < keys.size(); i++) {
            Path file = destination.resolve(fileName(keys.get(i)));
            if (!Files.isRegularFile(file) || Files.size(file) != size) {
                throw new IllegalStateException(file + " is missing or not " + size + " bytes");
            }
        }
        try (Stream<Path> files = Files.list(destination)) {
            long count = files.count();
            if (count != keys.size()) {
                throw new IllegalStateException(destination + " has " + count + " files, not " + keys.size());
            }
        }
        String key = keys.get(round % keys.size());
        String md5 = md5(destination.resolve(fileName(key)));
        if (!md5.equals(etags.get(key))) {
            throw new IllegalStateException(key + " came down with MD5 " + md5 + ", not " + etags.get(key));
        }
    }

    static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0;) {
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(Settings settings, Result result) {
        System.out.println();
        System.out.printf("%-11s %10s %10s %10s %12s  %s%n", "side", "MB/s", "min", "max", "CPU s/GB", "CPU by who (median round)");
        for (Side side : Side.values()) {
            Measured measured = result.sides().get(side);
            if (measured == null) {
                continue;
            }
            Samples s = measured.samples;
            double gigabytes = result.bytes() / 1e9;
            Cpu cpu = measured.medianCpu();
            String who = side == Side.RCLONE
                    ? String.format(Locale.ROOT, "rclone %.2f s, server %.2f s, jvm %.2f s", cpu.external(), cpu.server(), cpu.jvm())
                    : String.format(Locale.ROOT, "client %.2f s, server %.2f s, jvm %.2f s", cpu.client(), cpu.server(), cpu.jvm());
            System.out.printf(Locale.ROOT, "%-11s %10.1f %10.1f %10.1f %12.2f  %s%n", side.label, result.megabytesPerSecond(side),
                    result.bytes() / 1e6 / (s.maxNanos() / 1e9), result.bytes() / 1e6 / (s.minNanos() / 1e9), cpu.total() / gigabytes,
                    who);
        }
        double rivulet = result.megabytesPerSecond(Side.RIVULET);
        if (result.sides().containsKey(Side.NAIVE)) {
            System.out.printf(Locale.ROOT, "rivulet / sdk-loop: %.2fx%n", rivulet / result.megabytesPerSecond(Side.NAIVE));
        }
        if (result.sides().containsKey(Side.RIVULET_MD5) && result.sides().containsKey(Side.RCLONE)) {
            System.out.printf(Locale.ROOT, "rivulet-md5 / rclone (both check every object's MD5): %.2fx%n",
                    result.megabytesPerSecond(Side.RIVULET_MD5) / result.megabytesPerSecond(Side.RCLONE));
        }
        if (result.sides().containsKey(Side.RCLONE)) {
            System.out.printf(Locale.ROOT, "rclone's time includes its start-up, about %.0f ms of each run%n",
                    result.rcloneStartupSeconds() * 1000);
            double rclone = result.megabytesPerSecond(Side.RCLONE);
            System.out.printf(Locale.ROOT, "s3-get-many: rivulet=%.1f rclone=%.1f ratio=%.2f%n", rivulet, rclone, rivulet / rclone);
        } else {
            System.out.printf(Locale.ROOT, "s3-get-many: rivulet=%.1f rclone=n/a ratio=n/a%n", rivulet);
        }
    }


    /**
     * rclone, configured for the test server through environment variables only (remote {@code
     * bench}), with an empty configuration file of its own in the work directory.
     */
    static final class Rclone {
        private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

        private final String executable;
        private final Map<String, String> environment = new HashMap<>();

        Rclone(String executable, S3TestServer server, Path work) throws IOException {
            this.executable = executable;
            Path config = Files.createFile(work.resolve("rclone.conf"));
            environment.put("RCLONE_CONFIG", config.toString());
            environment.put("RCLONE_CACHE_DIR", work.resolve("rclone-cache").toString());
            environment.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
            environment.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
            environment.put("RCLONE_CONFIG_BENCH_ENDPOINT", server.endpoint().toString());
            environment.put("RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
            environment.put("RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
            environment.put("RCLONE_CONFIG_BENCH_REGION", S3TestServer.REGION.id());
            environment.put("RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE", "true");
        }

        String version() throws IOException, InterruptedException {
            String out = runCapturing(List.of(executable, "version"));
            return out.lines().findFirst().orElse("?").replace("rclone ", "").trim();
        }

        double startupSeconds(String bucket) throws IOException, InterruptedException {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                runCapturing(List.of(executable, "lsf", "bench:" + bucket + "/nothing/"));
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            return best;
        }

        /** Copies the objects into {@code destination}; returns rclone's user and system CPU seconds. */
        double copy(String bucket, Path destination, int concurrency) throws IOException, InterruptedException {
            String c = Integer.toString(concurrency);
            List<String> command = List.of("bash", "-c", "\"$@\"; status=$?; times >&2; exit $status", "rclone-copy",
                    executable, "copy", "bench:" + bucket + "/" + PREFIX, destination.toString(),
                    "--transfers", c, "--checkers", c, "--multi-thread-streams", c, "-q");
            String err = runCapturing(command);
            // times prints the shell's own times, then its children's.
            Matcher m = TIMES.matcher(err);
            double cpu = Double.NaN;
            while (m.find()) {
                cpu = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2)) + Integer.parseInt(m.group(3)) * 60
                        + Double.parseDouble(m.group(4));
            }
            return cpu;
        }

        private String runCapturing(List<String> command) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                    new File("/dev/null")));
            // Only this remote's settings: no AWS_* variables of the caller (rclone 1.60 fails on AWS_CA_BUNDLE with its own
            // HTTP transport, and the server is plain HTTP on loopback anyway).
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("RCLONE_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 10 minutes");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue() + ": " + text);
            }
            return text;
        }
    }

    /**
     * CPU time of this JVM by thread group: the bulk client's workers ({@code rivulet-s3-*}) and the
     * benchmark's main thread count as the client, every other Java thread (S3Proxy's Jetty and the
     * fault-free rest) as the server, and what the process spent beyond its Java threads (garbage
     * collection, compilation) as the JVM's own.
     */
    static final class CpuMeter {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        record Snapshot(long process, Map<Long, Long> byThread, Map<Long, Boolean> isClient, long[] machine) {}

        Snapshot snapshot() {
            Map<Long, Long> byThread = new HashMap<>();
            Map<Long, Boolean> isClient = new HashMap<>();
            long[] ids = threads.getAllThreadIds();
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                long cpu = threads.getThreadCpuTime(ids[i]);
                if (cpu >= 0 && infos[i] != null) {
                    byThread.put(ids[i], cpu);
                    String name = infos[i].getThreadName();
                    isClient.put(ids[i], name.startsWith("rivulet-s3-") || name.equals("main"));
                }
            }
            return new Snapshot(os.getProcessCpuTime(), byThread, isClient, machine());
        }

        /**
         * Busy, I/O-wait and steal ticks of the whole machine from {@code /proc/stat} (user, nice,
         * system, irq and softirq are busy); zeros where there is no such file.
         */
        private static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]);
                return new long[] {busy, Long.parseLong(f[5]), Long.parseLong(f[8])};
            } catch (IOException | RuntimeException e) {
                return new long[3];
            }
        }

        Cpu since(Snapshot before, double external) {
            Snapshot after = snapshot();
            long client = 0;
            long server = 0;
            for (Map.Entry<Long, Long> entry : after.byThread().entrySet()) {
                long spent = entry.getValue() - before.byThread().getOrDefault(entry.getKey(), 0L);
                if (after.isClient().get(entry.getKey())) {
                    client += spent;
                } else {
                    server += spent;
                }
            }
            long process = after.process() - before.process();
            long jvm = Math.max(0, process - client - server);
            // The kernel counts /proc/stat in USER_HZ ticks, 100 a second on Linux.
            double[] machine = new double[3];
            for (int i = 0; i < 3; i++) {
                machine[i] = (after.machine()[i] - before.machine()[i]) / 100.0;
            }
            return new Cpu(client / 1e9, server / 1e9, jvm / 1e9, Double.isNaN(external) ? 0 : external, machine[0], machine[1],
                    machine[2]);
        }
    }
}
