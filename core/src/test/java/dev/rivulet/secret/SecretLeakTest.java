package dev.rivulet.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskRun;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.param.FlowParameters;
import dev.rivulet.param.Param;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A flow whose secret is a unique string, run to success, to a task failure, and to a refused
 * result: the string appears in nothing the run wrote or logged, nor in what it shows of itself.
 */
class SecretLeakTest {

    private static final String VALUE = "leak-canary-" + UUID.randomUUID();

    @TempDir
    Path results;

    @TempDir
    Path runs;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger rivuletLogger = (Logger) LoggerFactory.getLogger("dev.rivulet");
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = rivuletLogger.getLevel();
        rivuletLogger.setLevel(Level.TRACE);
        logs.start();
        rivuletLogger.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        rivuletLogger.detachAppender(logs);
        rivuletLogger.setLevel(previousLevel);
    }

    public interface Export {
        @Task(persistResult = true, cachePolicy = {CachePolicy.INPUTS, CachePolicy.FLOW_PARAMETERS}, name = "connect-{host}")
        default String connect(String host, Secret password) {
            LoggerFactory.getLogger("dev.rivulet.test.Export").info("connecting to {} with {}", host, password);
            return "connected to " + host + " with a password of " + password.reveal().length() + " characters";
        }

        @Task(persistResult = true)
        default String refuse(Secret password) {
            throw new IllegalStateException("the database refused " + password + " for host db");
        }

        @Task(persistResult = true)
        default Secret leak(Secret password) {
            return password;
        }

        @Flow
        default String export(@Param("host") String host, @Param("DB_PASS") Secret password, @Param("mode") String mode) {
            return switch (mode) {
                case "fail" -> refuse(password);
                case "leak" -> leak(password).name();
                default -> connect(host, password);
            };
        }
    }

    @Test
    void theSecretsValueIsNowhereTheRunWroteOrShowed() throws Exception {
        FlowParameters parameters = FlowParameters.of(Export.class, "export");
        FlowParameters.Sources sources = new FlowParameters.Sources(Map.of(), Map.of(),
                Secrets.of(SecretProviders.environment(Map.of("DB_PASS", VALUE))), Clock.systemUTC());
        List<String> shown = new ArrayList<>();
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results)
                .runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
            Export export = rivulet.stub(Export.class);
            for (String mode : List.of("ok", "ok", "fail", "leak")) {
                FlowParameters.Binding binding = parameters.bind(Map.of("host", "db", "mode", mode), sources);
                shown.add(binding.origins().toString());
                shown.add(binding.values().toString());
                if (mode.equals("ok")) {
                    shown.add((String) parameters.method().invoke(export, binding.arguments()));
                } else {
                    assertThatThrownBy(() -> parameters.method().invoke(export, binding.arguments()))
                            .satisfies(e -> shown.add(stackTrace(e)));
                }
                FlowRun run = rivulet.lastFlowRun().orElseThrow();
                shown.add(run.toString());
                shown.add(run.parameters().toString());
                shown.add(run.graph().render());
                run.error().ifPresent(e -> shown.add(stackTrace(e)));
                for (TaskRun task : run.taskRuns()) {
                    shown.add(task.toString());
                    task.error().ifPresent(e -> shown.add(stackTrace(e)));
                }
            }
            assertThat(rivulet.lastFlowRun().orElseThrow().taskRuns()).isNotEmpty();
        }
        for (ILoggingEvent event : logs.list) {
            shown.add(event.getFormattedMessage());
            shown.add(String.valueOf(event.getArgumentArray() == null ? "" : List.of(event.getArgumentArray())));
            shown.add(event.getMDCPropertyMap().toString());
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                shown.add(thrown.getClassName() + ": " + thrown.getMessage());
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(results)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the results and cache entries the runs wrote").isNotEmpty();
        List<Path> records;
        try (Stream<Path> walk = Files.walk(runs)) {
            records = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(records).as("the run records, one per flow run").hasSize(4);
        String recorded = "";
        for (Path file : records) {
            recorded += new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        }
        // the parameters, the log tail and the error texts show the secret's name
        assertThat(recorded).as("the run records").contains("\"DB_PASS\":\"Secret[DB_PASS]\"")
                .contains("connecting to db with Secret[DB_PASS]").contains("refused Secret[DB_PASS]").doesNotContain(VALUE);
        for (Path file : files) {
            shown.add(file.toString());
            shown.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }

        assertThat(String.join("\n", shown)).contains("Secret[DB_PASS]").contains("connected to db").doesNotContain(VALUE);
        assertThat(logs.list).as("the runs logged").isNotEmpty();
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void aSecretCannotBeFoundInFilesNamedAfterIt() throws IOException {
        // a cached task's storage key is a hash of its inputs: the secret counts by its name there
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).build()) {
            Export export = rivulet.stub(Export.class);
            export.connect("db", Secret.of("DB_PASS", VALUE));
            export.connect("db", Secret.of("DB_PASS", "rotated"));
            assertThat(rivulet.lastFlowRun()).isEmpty();
        }
        try (Stream<Path> walk = Files.walk(results)) {
            assertThat(walk.map(Path::toString)).noneMatch(name -> name.contains(VALUE));
        }
    }
}
