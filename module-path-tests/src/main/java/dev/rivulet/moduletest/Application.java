package dev.rivulet.moduletest;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.TaskRun;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.jdbc.JdbcConnector;
import dev.rivulet.jdbc.JdbcTables;
import dev.rivulet.moduletest.closed.Unopened;
import dev.rivulet.moduletest.opened.Readings;
import dev.rivulet.report.RunReports;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.S3ResultStore;
import dev.rivulet.storage.s3.S3RunStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The application the tests launch, a command line of the cli module: {@code readings DIR} runs the
 * opened package's flow with results under DIR, {@code unopened direct|submitted|chained|persisted DIR}
 * runs a flow of the package that is not opened, {@code jdbc} reads a database into Arrow, {@code report DIR} writes a run's HTML report,
 * {@code s3 ENDPOINT BUCKET ACCESS_KEY SECRET_KEY} runs the opened package's flow with its results and its run record in S3, and {@code internals} reports what the module
 * system lets this module see of Rivulet's internals. It prints what it observed, one fact a line,
 * for the tests to read.
 */
@Command(name = "module-path-application", description = "Rivulet as named modules.")
public final class Application {

    public static void main(String[] args) {
        CommandLines.run(new Application(), args);
    }

    @Command(name = "readings", description = "Runs the opened package's flow.")
    void readings(@Parameters(paramLabel = "DIR", description = "where results are kept") Path results) {
        System.out.println("rivulet module: " + Rivulet.class.getModule().getName());
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).build()) {
            Readings.Summary summary = rivulet.stub(Readings.class).run(List.of("a", "bb", "ccc"), 4);
            System.out.println("summary: " + summary);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            String states = run.taskRuns().stream()
                    .map(TaskRun::state)
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(","));
            System.out.println("task states: " + states);
        }
    }

    @Command(name = "unopened", description = "Runs a flow of the package that is not opened.")
    void unopened(@Parameters(paramLabel = "FLOW", description = "direct, submitted, chained or persisted") String flow,
            @Parameters(paramLabel = "DIR", description = "where results are kept") Path results) {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).build()) {
            Unopened stub = rivulet.stub(Unopened.class);
            Object result = switch (flow) {
                case "direct" -> stub.direct(20);
                case "submitted" -> stub.submitted(20);
                case "chained" -> stub.chained(20);
                case "persisted" -> stub.persisted(250);
                default -> throw new IllegalArgumentException("unknown flow " + flow);
            };
            System.out.println("result: " + result);
            System.out.println("task states: " + rivulet.lastFlowRun().orElseThrow().taskRuns().stream().map(TaskRun::state).toList());
        }
    }

    @Command(name = "s3", description = "Runs the opened package's flow with its results and its run record in an S3 bucket.")
    void s3(@Parameters(paramLabel = "ENDPOINT", description = "the S3 server") URI endpoint,
            @Parameters(paramLabel = "BUCKET", description = "where results and runs are kept") String bucket,
            @Parameters(paramLabel = "ACCESS_KEY", description = "the server's access key") String accessKey,
            @Parameters(paramLabel = "SECRET_KEY", description = "the server's secret key") String secretKey) {
        S3ClientOptions client = S3ClientOptions.newBuilder().endpoint(endpoint).pathStyleAccess(true).region("us-east-1")
                .credentials(accessKey, secretKey).build();
        try (Rivulet rivulet = Rivulet.builder()
                .resultStore("s3", S3ResultStore.builder().clientOptions(client).bucket(bucket).prefix("results").build())
                .defaultResultStore("s3")
                .runHistory(RunHistoryOptions.newBuilder().store(S3RunStore.builder().clientOptions(client).bucket(bucket).build()).build())
                .build()) {
            System.out.println("s3 module: " + S3ResultStore.class.getModule().getName());
            System.out.println("summary: " + rivulet.stub(Readings.class).run(List.of("a", "bb", "ccc"), 4));
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            System.out.println("task states: " + run.taskRuns().stream().map(TaskRun::state).map(Object::toString).sorted()
                    .collect(Collectors.joining(",")));
            System.out.println("recorded: " + rivulet.runHistory().find(run.id()).map(record -> record.state() + " in " + record.key())
                    .orElse("nothing"));
        }
    }

    @Command(name = "report", description = "Runs the opened package's flow, recorded in DIR/runs, and writes its HTML report.")
    void report(@Parameters(paramLabel = "DIR", description = "where results, runs and the report are kept") Path directory)
            throws java.io.IOException {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(directory.resolve("results"))
                .runHistory(RunHistoryOptions.newBuilder().directory(directory.resolve("runs")).build()).build()) {
            rivulet.stub(Readings.class).run(List.of("a", "bb"), 2);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            Path report = RunReports.write(rivulet.runHistory().find(run.id()).orElseThrow(), directory.resolve("report.html"));
            System.out.println("report module: " + RunReports.class.getModule().getName());
            System.out.println("report: " + report + " " + java.nio.file.Files.size(report) + " bytes");
        }
    }

    @Command(name = "jdbc", description = "Reads an in-memory H2 database into Arrow through the jdbc module.")
    void jdbc() throws java.sql.SQLException {
        JdbcConnector h2 = JdbcConnector.builder("jdbc:h2:mem:module-path;MODE=MySQL;DATABASE_TO_LOWER=TRUE").user("sa").build();
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot table = JdbcTables.readAll(h2, "SELECT CAST(n AS BIGINT) AS n, CAST(n * 1.5 AS DECIMAL(10, 2)) AS amount FROM (VALUES 1, 2, 3, 4, 5) AS t(n)",
                        List.of(), allocator)) {
            System.out.println("jdbc module: " + JdbcTables.class.getModule().getName());
            System.out.println("jdbc table: " + table.getRowCount() + " rows, " + table.getSchema().getFields().stream()
                    .map(field -> field.getName() + " " + field.getType()).toList() + ", amounts " + table.getVector("amount").getObject(4));
        }
    }

    @Command(name = "internals", description = "Reports what this module sees of Rivulet's internals.")
    void internals() throws ClassNotFoundException {
        Module core = Rivulet.class.getModule();
        System.out.println("exports dev.rivulet: " + core.isExported("dev.rivulet"));
        System.out.println("exports dev.rivulet.internal.run: " + core.isExported("dev.rivulet.internal.run"));
        Class<?> engine = Class.forName("dev.rivulet.internal.run.Engine");
        try {
            engine.getDeclaredConstructors()[0].setAccessible(true);
            System.out.println("internal constructor: accessible");
        } catch (RuntimeException e) {
            System.out.println("internal constructor: " + e.getClass().getSimpleName());
        }
    }
}
