package dev.rivulet.examples.taxi;

import static dev.rivulet.examples.support.PrintedOutput.printed;
import static dev.rivulet.examples.support.PrintedOutput.printedAndLogged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.examples.support.ExampleS3;
import dev.rivulet.examples.support.TestServerCredentials;
import dev.rivulet.hazelcast.LocalMembers;
import dev.rivulet.tables.ArrowTables;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The taxi ETL with its daily loads on Hazelcast members in JVMs of their own: the same files and
 * records as a run in one JVM, written by the members, and the command's options for it.
 */
class TaxiEtlHazelcastTest {

    private static final int ROWS = 3_000;
    private static final long THIS_PID = ProcessHandle.current().pid();

    @TempDir
    static Path work;

    private static ExampleS3 s3;
    private static Path source;
    private static LoadsRunner members;

    @BeforeAll
    static void start() throws Exception {
        source = TaxiEtl.ensureSource(work, ROWS);
        s3 = ExampleS3.open(new ExampleS3.Options(Map.of()), work);
        members = LoadsRunner.startMembers(s3, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        members.close();
        s3.close();
    }

    @Test
    void theLoadsRunInTheMemberJvmsAndWriteWhatARunInOneJvmWrites() throws Exception {
        long arrowBefore = ArrowTables.allocator().getAllocatedMemory();
        TaxiEtl.Settings refreshing = new TaxiEtl.Settings(ROWS, 2, work, true);

        TaxiEtl.Report here = TaxiEtl.run(refreshing, source, s3);
        Map<String, String> filesWrittenHere = dailyFiles();
        assertEquals(Set.of(THIS_PID), pids(here.summary()), "without a cluster, the loads run in this JVM");

        TaxiEtl.Report onCluster = TaxiEtl.run(refreshing, source, s3, members);
        assertEquals(33, onCluster.taskRuns(), "extract, transform, days and 30 loads");
        assertEquals(0, onCluster.cachedRuns());
        assertEquals(written(here.summary()), written(onCluster.summary()), "the same days, rows, sizes and tip fractions");
        assertEquals(filesWrittenHere, dailyFiles(), "the same daily Parquet files, byte for byte");
        Set<Long> memberPids = members.startedMembers().orElseThrow().members().stream().map(LocalMembers.Member::pid).collect(Collectors.toSet());
        assertEquals(memberPids, pids(onCluster.summary()), "every load ran in a member JVM, and both members had some");
        assertFalse(pids(onCluster.summary()).contains(THIS_PID));
        assertEquals(4, onCluster.tablesOpened(), "this JVM made the two tables, and read the trips back for the tip fractions and the "
                + "days, since they are not kept in memory when the loads run elsewhere; the members read their own copies");

        TaxiEtl.Report cached = TaxiEtl.run(new TaxiEtl.Settings(ROWS, 2, work, false), source, s3, members);
        assertEquals(33, cached.cachedRuns(), "the cache is this JVM's: a second run sends nothing to the cluster");
        assertEquals(onCluster.summary(), cached.summary(), "and reports the loads where they ran");
        assertEquals(0, cached.tablesOpened());
        assertEquals(arrowBefore, ArrowTables.allocator().getAllocatedMemory(), "Arrow memory left allocated in this JVM by the runs");
    }

    @Test
    void mainJoinsTheMembersItIsGivenAndPrintsWhereEachLoadRan() throws Exception {
        LocalMembers cluster = members.startedMembers().orElseThrow();
        String[] args = {"--rows", Integer.toString(ROWS), "--work", work.toString(), "--threads", "2", "--refresh",
                "--s3-endpoint", s3.clientOptions().endpoint().toString(), "--bucket", s3.bucket(),
                "--hazelcast-members", String.join(",", cluster.addresses()), "--hazelcast-cluster", cluster.clusterName()};
        String output = printed(() -> TestServerCredentials.withAwsProperties(() -> assertEquals(0, TaxiEtl.execute(args, Map.of()))));
        assertTrue(output.contains("Loaded 3,000 trips in 30 daily Parquet files"), output);
        assertTrue(output.contains("loads on the Hazelcast cluster '" + cluster.clusterName() + "' at " + String.join(",", cluster.addresses())),
                output);
        Map<Long, Integer> loadsByPid = loadsByPid(output);
        assertEquals(cluster.members().stream().map(LocalMembers.Member::pid).collect(Collectors.toSet()), loadsByPid.keySet(), output);
        assertEquals(30, loadsByPid.values().stream().mapToInt(Integer::intValue).sum(), output);
        assertTrue(output.contains("Graph of flow run taxi-etl-0 (COMPLETED, tasks on runner 'loads')"), output);
        assertTrue(output.contains("Graph of flow run tables-0 (COMPLETED, tasks on runner 'default')"), output);
    }

    @Test
    void mainWithHazelcastStartsTwoMembersRunsTheLoadsOnThemAndStopsThem() throws Exception {
        String[] args = {"--rows", Integer.toString(ROWS), "--work", work.toString(), "--threads", "2", "--refresh", "--bucket", "taxi-etl-cluster",
                "--hazelcast"};
        String output = printed(() -> assertEquals(0, TaxiEtl.execute(args, Map.of())));
        assertTrue(output.contains("started an in-process S3-compatible server"), output);
        assertTrue(output.contains("Hazelcast members ready: 127.0.0.1:"), output);
        assertTrue(output.contains("Loaded 3,000 trips in 30 daily Parquet files, "), output);
        Map<Long, Integer> loadsByPid = loadsByPid(output);
        assertEquals(2, loadsByPid.size(), "two members, each with loads:\n" + output);
        assertFalse(loadsByPid.containsKey(THIS_PID), output);
        assertEquals(2, Pattern.compile("\\(member 127\\.0\\.0\\.1:\\d+\\): \\d+, 2023").matcher(output).results().count(), output);
        for (long pid : loadsByPid.keySet()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "member " + pid + " is stopped with the run");
        }
    }

    @Test
    void hazelcastOptionsThatContradictEachOtherStopTheExampleBeforeItStarts() throws Exception {
        String both = printedAndLogged(() -> assertEquals(2, TaxiEtl.execute(
                new String[] {"--work", work.toString(), "--hazelcast", "--hazelcast-members", "127.0.0.1:5701"}, Map.of())));
        assertTrue(both.contains("give --hazelcast to start members here, or --hazelcast-members to join a cluster, not both"), both);

        String clusterAlone = printedAndLogged(() -> assertEquals(2, TaxiEtl.execute(
                new String[] {"--work", work.toString(), "--hazelcast-cluster", "prod"}, Map.of())));
        assertTrue(clusterAlone.contains("--hazelcast-cluster names the cluster of --hazelcast-members; give those too"), clusterAlone);

        String inProcess = printedAndLogged(() -> assertEquals(1, TaxiEtl.execute(
                new String[] {"--rows", Integer.toString(ROWS), "--work", work.toString(), "--hazelcast-members", "10.0.0.5:5701"}, Map.of())));
        assertTrue(inProcess.contains("--hazelcast-members needs an S3 the members reach too (--s3-endpoint, or AWS)"), inProcess);
    }

    /** The loads per JVM that the example printed: the lines {@code pid@host ...: N, day day ...}. */
    private static Map<Long, Integer> loadsByPid(String output) {
        Map<Long, Integer> loads = new TreeMap<>();
        Matcher line = Pattern.compile("(?m)^  (\\d+)@\\S+.*?: (\\d+), 2023").matcher(output);
        while (line.find()) {
            loads.merge(Long.parseLong(line.group(1)), Integer.parseInt(line.group(2)), Integer::sum);
        }
        return loads;
    }

    private static Set<Long> pids(TaxiEtl.Summary summary) {
        return summary.days().stream().map(day -> Long.parseLong(day.loadedBy().substring(0, day.loadedBy().indexOf('@'))))
                .collect(Collectors.toSet());
    }

    /** The loads' records without the JVM that wrote them: what each day's file is, wherever it was written. */
    private static List<TaxiEtl.LoadedDay> written(TaxiEtl.Summary summary) {
        return summary.days().stream().map(d -> new TaxiEtl.LoadedDay(d.day(), d.uri(), d.rows(), d.bytes(), d.meanTipFraction(), null)).toList();
    }

    /** The daily files in the bucket, by key, as hex digests of their bytes. */
    private static Map<String, String> dailyFiles() throws Exception {
        Map<String, String> files = new TreeMap<>();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (var object : s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(TaxiEtl.TRIPS_PREFIX + "/")).contents()) {
            byte[] bytes = s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(object.key())).asByteArray();
            files.put(object.key(), HexFormat.of().formatHex(sha.digest(bytes)));
        }
        assertEquals(30, files.size(), files.keySet().toString());
        return files;
    }
}
